using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Scheduling;
using VolunteerOps.Notifications.Shifts;

namespace Notifications.UnitTests;

public class AlarmPlanWantedTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset StartsAt = Now.AddHours(30);
    private static readonly Guid ShiftId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Alice = Guid.Parse("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa");
    private static readonly Guid Bob = Guid.Parse("bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb");
    private static readonly NotificationCause Cause = new("ShiftClaimedV1", ShiftId, 3);

    private static WatchedShift Shift(int minimum = 0, params Guid[] holders) => new()
    {
        Id = ShiftId, Title = "Registration desk", StartsAt = StartsAt, EndsAt = StartsAt.AddHours(2), Capacity = 5, Minimum = minimum, Holders = holders,
    };

    private static IReadOnlyList<Alarm> Wanted(WatchedShift shift, int[] leads, int understaffedLead = 120, DateTimeOffset? now = null) =>
        AlarmPlan.Wanted(shift, _ => leads, understaffedLead, now ?? Now, Cause);

    [Fact]
    public void A_reminder_is_planned_per_holder_and_distinct_lead_time_due_lead_minutes_before_the_start()
    {
        var alarms = Wanted(Shift(0, Alice, Bob), [1440, 60, 60]);

        Assert.Equal(
            [
                ($"reminder:{ShiftId:N}:{Alice:N}:1440", Alice, 1440, StartsAt.AddMinutes(-1440)),
                ($"reminder:{ShiftId:N}:{Alice:N}:60", Alice, 60, StartsAt.AddMinutes(-60)),
                ($"reminder:{ShiftId:N}:{Bob:N}:1440", Bob, 1440, StartsAt.AddMinutes(-1440)),
                ($"reminder:{ShiftId:N}:{Bob:N}:60", Bob, 60, StartsAt.AddMinutes(-60)),
            ],
            alarms.Select(a => (a.Id, a.VolunteerId!.Value, a.LeadMinutes, a.DueAt)));
        Assert.All(alarms, a => Assert.Equal((NotificationKinds.ShiftReminder, ShiftId, Cause), (a.Kind, a.ShiftId, a.PlannedBy)));
    }

    [Fact]
    public void Each_holder_gets_their_own_lead_times()
    {
        var alarms = AlarmPlan.Wanted(Shift(0, Alice, Bob), v => v == Alice ? [60] : [1440], 120, Now, Cause);

        Assert.Equal([(Alice, 60), (Bob, 1440)], alarms.Select(a => (a.VolunteerId!.Value, a.LeadMinutes)));
    }

    [Fact]
    public void Reminder_due_times_already_past_are_not_planned()
    {
        // Starts in 30 h: the 2-day reminder (due 18 h ago) is past, the 1-day one is still ahead.
        var alarms = Wanted(Shift(0, Alice), [2880, 1440]);

        Assert.Equal([1440], alarms.Select(a => a.LeadMinutes));
    }

    [Fact]
    public void A_reminder_due_exactly_now_is_not_planned()
    {
        var alarms = Wanted(Shift(0, Alice), [30 * 60]);

        Assert.Empty(alarms);
    }

    [Fact]
    public void A_cancelled_shift_wants_no_alarms()
    {
        var alarms = Wanted(Shift(3, Alice) with { Cancelled = true }, [60]);

        Assert.Empty(alarms);
    }

    [Fact]
    public void A_shift_that_has_started_wants_no_alarms()
    {
        Assert.Empty(Wanted(Shift(3, Alice), [60], now: StartsAt));
        Assert.Empty(Wanted(Shift(3, Alice), [60], now: StartsAt.AddMinutes(1)));
    }

    [Fact]
    public void An_understaffed_shift_wants_an_alert_due_lead_minutes_before_the_start()
    {
        var alarms = Wanted(Shift(2, Alice), [], understaffedLead: 1440);

        var alert = Assert.Single(alarms);
        Assert.Equal(
            ($"understaffed:{ShiftId:N}", NotificationKinds.ShiftUnderstaffed, ShiftId, (Guid?)null, 1440, StartsAt.AddMinutes(-1440), Cause),
            (alert.Id, alert.Kind, alert.ShiftId, alert.VolunteerId, alert.LeadMinutes, alert.DueAt, alert.PlannedBy));
    }

    [Fact]
    public void An_understaffed_alert_whose_lead_time_has_begun_is_due_now()
    {
        // Starts in 30 h, alert lead 2 days: the moment passed, the shift has not started.
        var alarms = Wanted(Shift(2, Alice), [], understaffedLead: 2880);

        Assert.Equal(Now, Assert.Single(alarms).DueAt);
    }

    [Fact]
    public void No_alert_when_the_minimum_is_met()
    {
        Assert.Empty(Wanted(Shift(2, Alice, Bob), []));
    }

    [Fact]
    public void No_alert_when_the_minimum_is_zero()
    {
        Assert.Empty(Wanted(Shift(0), []));
    }

    [Fact]
    public void Reminders_and_the_alert_are_wanted_together()
    {
        var alarms = Wanted(Shift(2, Alice), [60]);

        Assert.Equal([NotificationKinds.ShiftReminder, NotificationKinds.ShiftUnderstaffed], alarms.Select(a => a.Kind));
    }
}
