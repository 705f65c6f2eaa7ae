using VolunteerOps.Shifts.Conferences;
using VolunteerOps.Shifts.Conferences.Creating;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class CreateConferenceTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly CreateConferenceRequest Valid = new(
        " DevConf ", "Europe/Berlin", new DateOnly(2027, 5, 13), new DateOnly(2027, 5, 15),
        [new RoleRequest(" session-chair ", " chair-briefing "), new RoleRequest("registration-desk", null)],
        ReleaseCutoffMinutes: null);

    private static ConferenceCreated When(CreateConferenceRequest request) => CreateConference.Decide(request, ConferenceId, CoordinatorSub, Now);

    [Fact]
    public void Create_records_the_conference_with_trimmed_names_and_the_default_cutoff_of_120_minutes()
    {
        var created = When(Valid);

        Assert.Equal(120, created.ReleaseCutoffMinutes);
        Assert.Equal(("DevConf", "Europe/Berlin", new DateOnly(2027, 5, 13), new DateOnly(2027, 5, 15)), (created.Name, created.TimeZone, created.StartsOn, created.EndsOn));
        Assert.Equal([new RoleDefinition("session-chair", "chair-briefing"), new RoleDefinition("registration-desk", null)], created.Roles);
    }

    [Fact]
    public void Create_keeps_an_explicit_release_cutoff()
    {
        Assert.Equal(30, When(Valid with { ReleaseCutoffMinutes = 30 }).ReleaseCutoffMinutes);
    }

    [Fact]
    public void Create_with_an_unknown_time_zone_is_invalid_on_timeZone()
    {
        ThenInvalid(() => When(Valid with { TimeZone = "Mars/Olympus_Mons" }), "timeZone");
    }

    [Fact]
    public void Create_with_endsOn_before_startsOn_is_invalid_on_endsOn()
    {
        ThenInvalid(() => When(Valid with { EndsOn = new DateOnly(2027, 5, 12) }), "endsOn");
    }

    [Fact]
    public void Create_with_role_names_differing_only_in_case_and_spaces_is_invalid_on_roles()
    {
        ThenInvalid(() => When(Valid with { Roles = [new RoleRequest("Usher", null), new RoleRequest(" usher ", null)] }), "roles");
    }

    [Fact]
    public void Create_without_roles_is_invalid_on_roles()
    {
        ThenInvalid(() => When(Valid with { Roles = [] }), "roles");
    }
}
