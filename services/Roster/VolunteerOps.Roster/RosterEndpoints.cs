using VolunteerOps.Roster.Schedules.GettingReliability;
using VolunteerOps.Roster.Schedules.GettingRoster;
using VolunteerOps.Roster.Schedules.GettingSchedule;
using VolunteerOps.Roster.Volunteers.Deactivating;
using VolunteerOps.Roster.Volunteers.GettingProfile;
using VolunteerOps.Roster.Volunteers.Qualifying;
using VolunteerOps.Roster.Volunteers.Registering;
using VolunteerOps.Roster.Volunteers.SettingPreferences;

namespace VolunteerOps.Roster;

public static class RosterEndpoints
{
    public static WebApplication MapRosterEndpoints(this WebApplication app)
    {
        var volunteers = app.MapGroup("/api/volunteers").WithTags("Volunteers");
        RegisterVolunteer.Map(volunteers);
        GetVolunteer.Map(volunteers);
        SetPreferences.Map(volunteers);
        Qualifications.Map(volunteers);
        DeactivateVolunteer.Map(volunteers);
        GetSchedule.Map(volunteers);
        GetReliability.Map(volunteers);
        GetRoster.Map(app);
        return app;
    }
}
