using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Scheduling;

namespace Notifications.UnitTests;

public class AlarmPlanReconcileTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid ShiftId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Alice = Guid.Parse("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa");
    private static readonly NotificationCause Earlier = new("ShiftScheduledV1", ShiftId, 1);
    private static readonly NotificationCause Later = new("ShiftResizedV1", ShiftId, 2);

    private static Alarm Reminder(int lead, DateTimeOffset due, NotificationCause cause) => Alarm.Reminder(ShiftId, Alice, lead, due, cause);

    private static Alarm Alert(DateTimeOffset due, NotificationCause cause) => Alarm.Understaffed(ShiftId, 120, due, cause);

    [Fact]
    public void An_unchanged_alarm_is_neither_stored_nor_deleted_so_it_keeps_its_first_cause()
    {
        var existing = Reminder(60, Now.AddHours(5), Earlier);

        var (store, delete) = AlarmPlan.Reconcile([existing], [Reminder(60, Now.AddHours(5), Later)], Now);

        // Not stored: the stored alarm stays the one planned by Earlier, so a re-plan does not make it a new notification.
        Assert.Empty(store);
        Assert.Empty(delete);
    }

    [Fact]
    public void A_new_alarm_is_stored()
    {
        var wanted = Reminder(60, Now.AddHours(5), Later);

        var (store, delete) = AlarmPlan.Reconcile([], [wanted], Now);

        Assert.Same(wanted, Assert.Single(store));
        Assert.Empty(delete);
    }

    [Fact]
    public void A_moved_alarm_is_stored_with_its_new_due_time_and_cause()
    {
        var moved = Reminder(60, Now.AddHours(7), Later);

        var (store, delete) = AlarmPlan.Reconcile([Reminder(60, Now.AddHours(5), Earlier)], [moved], Now);

        var stored = Assert.Single(store);
        Assert.Equal((Now.AddHours(7), Later), (stored.DueAt, stored.PlannedBy));
        Assert.Empty(delete);
    }

    [Fact]
    public void An_alarm_no_longer_wanted_is_deleted()
    {
        var kept = Reminder(60, Now.AddHours(5), Earlier);
        var gone = Reminder(1440, Now.AddHours(1), Earlier);

        var (store, delete) = AlarmPlan.Reconcile([kept, gone], [Reminder(60, Now.AddHours(5), Later)], Now);

        Assert.Empty(store);
        Assert.Equal([gone.Id], delete.Select(a => a.Id));
    }

    [Fact]
    public void An_alert_already_due_and_wanted_now_again_is_kept_so_it_is_not_sent_twice()
    {
        var due = Alert(Now.AddMinutes(-10), Earlier);

        var (store, delete) = AlarmPlan.Reconcile([due], [Alert(Now, Later)], Now);

        Assert.Empty(store);
        Assert.Empty(delete);
    }

    [Fact]
    public void An_alert_due_later_that_is_now_wanted_at_once_is_stored()
    {
        var (store, _) = AlarmPlan.Reconcile([Alert(Now.AddHours(1), Earlier)], [Alert(Now, Later)], Now);

        Assert.Equal(Now, Assert.Single(store).DueAt);
    }

    [Fact]
    public void A_fired_alarm_still_wanted_at_the_same_time_is_kept_and_not_stored_again()
    {
        var fired = Reminder(60, Now.AddHours(-1), Earlier) with { FiredAt = Now.AddHours(-1) };

        var (store, delete) = AlarmPlan.Reconcile([fired], [Reminder(60, Now.AddHours(-1), Later)], Now);

        Assert.Empty(store);
        Assert.Empty(delete);
    }
}
