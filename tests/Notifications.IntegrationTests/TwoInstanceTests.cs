using VolunteerOps.Notifications.Inbox;
using static Notifications.IntegrationTests.NotificationsHost;

namespace Notifications.IntegrationTests;

/// <summary>Two instances on the same store and queues, both consuming and both running the alarm and delivery workers.</summary>
public class TwoInstanceTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task Each_reminder_is_sent_once_whichever_instance_fires_it()
    {
        _ = host.Service;
        host.StartInstance();
        var volunteers = new List<Guid>();
        foreach (var _ in Enumerable.Range(0, 12))
        {
            volunteers.Add(await host.Volunteer(channels: ["inApp", "email"], leads: [60]));
        }

        var shift = await host.Shift(host.Now.AddHours(2), capacity: 20);
        foreach (var v in volunteers)
        {
            await host.Claim(shift, v);
        }

        foreach (var v in volunteers)
        {
            await host.WaitForKind(v, NotificationKinds.ClaimConfirmed);
        }

        host.Advance(TimeSpan.FromMinutes(61));
        foreach (var v in volunteers)
        {
            await host.WaitForKind(v, NotificationKinds.ShiftReminder);
        }

        await Eventually(
            () => Task.FromResult(host.Smtp.Messages().Count(m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal)) >= volunteers.Count),
            "every reminder email");
        await Settle();

        foreach (var v in volunteers)
        {
            Assert.Single(await host.Inbox(v), n => Kind(n) == NotificationKinds.ShiftReminder);
        }

        var reminderMails = host.Smtp.Messages().Where(m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal)).ToList();
        Assert.Equal(volunteers.Count, reminderMails.Count);
        Assert.Equal(volunteers.Count, reminderMails.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Both_instances_consuming_the_same_queue_notify_each_claim_once()
    {
        _ = host.Service;
        if (host.InstanceCount < 2)
        {
            host.StartInstance();
        }

        var shift = await host.Shift(host.Now.AddDays(2), capacity: 50);
        var volunteers = new List<Guid>();
        foreach (var _ in Enumerable.Range(0, 30))
        {
            volunteers.Add(await host.Volunteer(channels: ["inApp"]));
        }

        await Task.WhenAll(volunteers.Select(v => host.Claim(shift, v)));
        foreach (var v in volunteers)
        {
            await host.WaitForKind(v, NotificationKinds.ClaimConfirmed);
        }

        await Settle();
        foreach (var v in volunteers)
        {
            Assert.Single(await host.Inbox(v));
        }
    }
}
