using VolunteerOps.Notifications.Inbox;
using static Notifications.IntegrationTests.NotificationsHost;

namespace Notifications.IntegrationTests;

/// <summary>
/// Reminders before each held shift, on the service's clock (a fake one here, moved by the tests): due ones
/// fire once, and a change of the shift or of the holder re-plans or drops them.
/// </summary>
public class ReminderTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task A_reminder_due_in_seconds_fires_once()
    {
        var volunteer = await host.Volunteer(leads: [60]);
        var shift = await host.Shift(host.Now.AddHours(2), title: "Session runner");
        await host.Claim(shift, volunteer);
        await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed);

        host.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(55));
        await Settle();
        Assert.DoesNotContain(await host.Inbox(volunteer), n => Kind(n) == NotificationKinds.ShiftReminder);

        host.Advance(TimeSpan.FromSeconds(10));
        var inbox = await host.WaitForKind(volunteer, NotificationKinds.ShiftReminder);
        Assert.Equal("Reminder: Session runner in 1 hour", inbox.Single(n => Kind(n) == NotificationKinds.ShiftReminder).GetProperty("title").GetString());

        host.Advance(TimeSpan.FromMinutes(5));
        await Settle();
        Assert.Single(await host.Inbox(volunteer), n => Kind(n) == NotificationKinds.ShiftReminder);
    }

    [Fact]
    public async Task Every_lead_time_of_the_volunteer_gets_its_own_reminder()
    {
        var volunteer = await host.Volunteer(leads: [120, 30]);
        var shift = await host.Shift(host.Now.AddHours(3));
        await host.Claim(shift, volunteer);
        await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed);

        host.Advance(TimeSpan.FromHours(1));
        await host.WaitForKind(volunteer, NotificationKinds.ShiftReminder);
        host.Advance(TimeSpan.FromMinutes(90));
        var inbox = await host.WaitForKind(volunteer, NotificationKinds.ShiftReminder, count: 2);

        Assert.Equal(
            ["Reminder: Registration desk in 2 hours", "Reminder: Registration desk in 30 minutes"],
            inbox.Where(n => Kind(n) == NotificationKinds.ShiftReminder).Select(n => n.GetProperty("title").GetString()).Order());
    }

    [Fact]
    public async Task A_release_before_the_reminder_cancels_it()
    {
        var volunteer = await host.Volunteer(leads: [60]);
        var shift = await host.Shift(host.Now.AddHours(2));
        await host.Claim(shift, volunteer);
        await host.Release(shift, volunteer);
        await host.WaitForKind(volunteer, NotificationKinds.ClaimReleased);

        host.Advance(TimeSpan.FromMinutes(61));
        await Settle();

        Assert.DoesNotContain(await host.Inbox(volunteer), n => Kind(n) == NotificationKinds.ShiftReminder);
    }

    [Fact]
    public async Task A_rescheduled_shift_moves_its_reminder()
    {
        var volunteer = await host.Volunteer(leads: [60]);
        var shift = await host.Shift(host.Now.AddHours(2));
        await host.Claim(shift, volunteer);
        await host.Reschedule(shift, host.Now.AddHours(5));
        await host.WaitForKind(volunteer, NotificationKinds.ShiftRescheduled);

        host.Advance(TimeSpan.FromMinutes(65)); // the old due time has passed
        await Settle();
        Assert.DoesNotContain(await host.Inbox(volunteer), n => Kind(n) == NotificationKinds.ShiftReminder);

        host.Advance(TimeSpan.FromHours(3)); // the new one has come
        await host.WaitForKind(volunteer, NotificationKinds.ShiftReminder);
        await Settle();
        Assert.Single(await host.Inbox(volunteer), n => Kind(n) == NotificationKinds.ShiftReminder);
    }

    [Fact]
    public async Task New_lead_times_replan_the_reminders_of_held_shifts()
    {
        var volunteer = await host.Volunteer(leads: [60]);
        var shift = await host.Shift(host.Now.AddHours(3));
        await host.Claim(shift, volunteer);
        await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed);
        await host.SetPreferences(volunteer, ["inApp"], null, [150]);
        await Task.Delay(500);

        host.Advance(TimeSpan.FromMinutes(31)); // 149 minutes before the start: the new lead time's reminder is due
        var inbox = await host.WaitForKind(volunteer, NotificationKinds.ShiftReminder);
        Assert.Equal("Reminder: Registration desk in 150 minutes", inbox.Single(n => Kind(n) == NotificationKinds.ShiftReminder).GetProperty("title").GetString());

        host.Advance(TimeSpan.FromMinutes(100)); // past the old lead time's due moment
        await Settle();
        Assert.Single(await host.Inbox(volunteer), n => Kind(n) == NotificationKinds.ShiftReminder);
    }
}
