using VolunteerOps.Shifts.Conferences.Creating;
using VolunteerOps.Shifts.Conferences.GettingConference;
using VolunteerOps.Shifts.Coverage.GettingCoverage;
using VolunteerOps.Shifts.Coverage.StreamingCoverage;
using VolunteerOps.Shifts.Shifts.Cancelling;
using VolunteerOps.Shifts.Shifts.CheckingIn;
using VolunteerOps.Shifts.Shifts.Claiming;
using VolunteerOps.Shifts.Shifts.GettingDetails;
using VolunteerOps.Shifts.Shifts.GettingHistory;
using VolunteerOps.Shifts.Shifts.GettingHoldersAsOf;
using VolunteerOps.Shifts.Shifts.Listing;
using VolunteerOps.Shifts.Shifts.MarkingNoShows;
using VolunteerOps.Shifts.Shifts.Reassigning;
using VolunteerOps.Shifts.Shifts.Releasing;
using VolunteerOps.Shifts.Shifts.Rescheduling;
using VolunteerOps.Shifts.Shifts.Scheduling;

namespace VolunteerOps.Shifts;

public static class ShiftsEndpoints
{
    public static WebApplication MapShiftsEndpoints(this WebApplication app)
    {
        var conferences = app.MapGroup("/api/conferences").WithTags("Conferences");
        CreateConference.Map(conferences);
        GetConference.Map(conferences);

        var shifts = app.MapGroup("/api/shifts").WithTags("Shifts");
        ScheduleShiftDecider.Map(shifts);
        ListShifts.Map(shifts);
        GetShiftDetails.Map(shifts);
        RescheduleShiftDecider.Map(shifts);
        CancelShiftDecider.Map(shifts);
        ClaimShiftDecider.Map(shifts);
        ReleaseClaimDecider.Map(shifts);
        ReassignShiftDecider.Map(shifts);
        CheckInDecider.Map(shifts);
        MarkNoShowDecider.Map(shifts);
        GetShiftHistory.Map(shifts);
        GetHoldersAsOf.Map(shifts);

        var coverage = app.MapGroup("/api/coverage").WithTags("Coverage");
        GetCoverage.Map(coverage);
        StreamCoverage.Map(coverage);
        return app;
    }
}
