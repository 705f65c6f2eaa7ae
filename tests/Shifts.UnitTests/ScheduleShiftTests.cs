using VolunteerOps.Shifts.Conferences;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.Scheduling;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class ScheduleShiftTests
{
    private static readonly DateTimeOffset Now = ScheduledAt;

    private static ScheduleShiftRequest Request(string role = "session-chair", int? minimum = null, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null) =>
        new(ConferenceId, role, " Chair: Keynote ", " Ballroom ", startsAt ?? Start, endsAt ?? End, 4, minimum, null, "Bring a timer.");

    private static ShiftScheduled When(Conference? conference, ScheduleShiftRequest request) =>
        ScheduleShiftDecider.Decide(conference, request, ShiftId, CoordinatorSub, Now);

    [Fact]
    public void Schedule_records_the_shift_with_the_conferences_release_cutoff()
    {
        var scheduled = When(DevConf with { ReleaseCutoffMinutes = 45 }, Request(minimum: 2));

        Assert.Equal(
            new ShiftScheduled(ShiftId, ConferenceId, "session-chair", "Chair: Keynote", "Ballroom", Start, End, 4, 2, null, "Bring a timer.", 45, CoordinatorSub, Now,
                RequiredQualification: "chair-briefing"),
            scheduled);
    }

    [Fact]
    public void Schedule_in_an_unknown_conference_is_refused_with_unknown_conference()
    {
        ThenRefused(() => When(null, Request()), "unknown-conference", 422);
    }

    [Fact]
    public void Schedule_for_a_role_the_conference_lacks_is_refused_with_unknown_role()
    {
        ThenRefused(() => When(DevConf, Request(role: "juggler")), "unknown-role", 422);
    }

    [Fact]
    public void Schedule_without_a_minimum_defaults_it_to_the_capacity()
    {
        var scheduled = When(DevConf, Request(minimum: null));

        Assert.Equal(4, scheduled.Minimum);
    }

    [Fact]
    public void Schedule_matches_the_role_case_insensitively_and_records_the_catalogue_spelling()
    {
        var scheduled = When(DevConf, Request(role: "SESSION-Chair"));

        Assert.Equal("session-chair", scheduled.Role);
    }

    [Fact]
    public void Schedule_outside_the_conference_dates_is_refused_with_outside_conference_dates()
    {
        // 21:00Z on 12 May is 23:00 in Berlin, the evening before the conference opens.
        var startsAt = new DateTimeOffset(2027, 5, 12, 21, 0, 0, TimeSpan.Zero);

        ThenRefused(() => When(DevConf, Request(startsAt: startsAt, endsAt: startsAt.AddHours(2))), "outside-conference-dates", 422);
    }

    [Fact]
    public void Schedule_request_with_the_end_before_the_start_is_invalid()
    {
        ThenInvalid(() => { ScheduleShiftDecider.Validate(Request(endsAt: Start.AddHours(-1))); return 0; }, "endsAt");
    }
}
