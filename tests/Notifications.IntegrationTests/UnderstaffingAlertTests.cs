using VolunteerOps.Notifications.Inbox;
using static Notifications.IntegrationTests.NotificationsHost;

namespace Notifications.IntegrationTests;

/// <summary>Coordinators hear of a shift still below its minimum at the lead time (120 minutes by default), and only then.</summary>
public class UnderstaffingAlertTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task A_shift_below_its_minimum_at_the_lead_time_alerts_the_desk_by_inbox_and_email()
    {
        var shift = await host.Shift(host.Now.AddHours(3), capacity: 4, minimum: 2, title: "Open space host " + Guid.NewGuid().ToString()[..6]);
        var volunteer = await host.Volunteer(channels: ["inApp"]);
        await host.Claim(shift, volunteer);
        await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed);

        host.Advance(TimeSpan.FromMinutes(61));
        List<System.Text.Json.JsonElement> alerts = [];
        await Eventually(async () => (alerts = [.. (await host.DeskInbox()).Where(n => n.GetProperty("cause").GetProperty("streamId").GetGuid() == shift)]).Count == 1, "the alert");

        Assert.Equal(NotificationKinds.ShiftUnderstaffed, Kind(alerts[0]));
        Assert.Contains("has 1 of the 2 volunteers", alerts[0].GetProperty("body").GetString(), StringComparison.Ordinal);
        var mail = await host.Smtp.WaitFor(m => m.Subject == alerts[0].GetProperty("title").GetString());
        Assert.Equal(DeskEmail, mail.To.Mailboxes.Single().Address);

        host.Advance(TimeSpan.FromMinutes(10));
        await Settle();
        Assert.Single(await host.DeskInbox(), n => n.GetProperty("cause").GetProperty("streamId").GetGuid() == shift);
    }

    [Fact]
    public async Task A_shift_filled_before_the_lead_time_raises_no_alert()
    {
        var shift = await host.Shift(host.Now.AddHours(3), capacity: 4, minimum: 1);
        var volunteer = await host.Volunteer(channels: ["inApp"]);
        await host.Claim(shift, volunteer);
        await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed);

        host.Advance(TimeSpan.FromMinutes(61));
        await Settle();

        Assert.DoesNotContain(await host.DeskInbox(), n => n.GetProperty("cause").GetProperty("streamId").GetGuid() == shift);
    }

    [Fact]
    public async Task A_release_inside_the_lead_time_alerts_at_once()
    {
        var shift = await host.Shift(host.Now.AddHours(3), capacity: 4, minimum: 1);
        var volunteer = await host.Volunteer(channels: ["inApp"]);
        await host.Claim(shift, volunteer);
        await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed);
        host.Advance(TimeSpan.FromMinutes(90)); // 90 minutes before the start, inside the lead time, still staffed

        await host.Release(shift, volunteer, by: "coordinator-1");

        await Eventually(async () => (await host.DeskInbox()).Any(n => n.GetProperty("cause").GetProperty("streamId").GetGuid() == shift), "the alert");
    }
}
