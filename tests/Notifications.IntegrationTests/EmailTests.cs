using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Testing;
using static Notifications.IntegrationTests.NotificationsHost;

namespace Notifications.IntegrationTests;

/// <summary>Email through a real SMTP server (aiosmtpd), read back from its mailbox.</summary>
public class EmailTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task A_claim_confirmation_arrives_by_email_in_text_and_html_with_the_delivery_id()
    {
        var volunteer = await host.Volunteer(channels: ["inApp", "email"]);
        var shift = await host.Shift(host.Now.AddDays(2), title: "Swag <bags> & more");
        await host.Claim(shift, volunteer);

        var mail = await host.Smtp.WaitFor(m => m.To.Mailboxes.Any(a => a.Address == EmailOf(volunteer)));
        Assert.Equal("You're on: Swag <bags> & more", mail.Subject);
        Assert.Contains("Hall A", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Swag &lt;bags&gt; &amp; more", mail.HtmlBody, StringComparison.Ordinal);

        JsonElement delivery = default;
        await Eventually(async () => (await host.Deliveries($"?volunteerId={volunteer}")) is [var d] && (delivery = d).GetProperty("status").GetString() == "delivered", "the delivery is logged");
        Assert.Equal("email", delivery.GetProperty("channel").GetString());
        Assert.Equal(EmailOf(volunteer), delivery.GetProperty("target").GetString());
        var id = delivery.GetProperty("id").GetGuid();
        Assert.Equal($"{id:N}@volunteerops.dev", mail.MessageId);
        Assert.Equal(id.ToString(), mail.Headers["Idempotency-Key"]);
        Assert.True(Assert.Single(delivery.GetProperty("attempts").EnumerateArray()).GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task A_volunteer_who_chose_the_inbox_only_gets_no_email()
    {
        var volunteer = await host.Volunteer(channels: ["inApp"]);
        await host.Claim(await host.Shift(host.Now.AddDays(2)), volunteer);

        await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed);
        await Settle();

        Assert.DoesNotContain(host.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == EmailOf(volunteer)));
        Assert.Empty(await host.Deliveries($"?volunteerId={volunteer}"));
    }

    [Fact]
    public async Task While_the_mail_server_refuses_mail_the_attempts_are_logged_and_retried_with_backoff()
    {
        var volunteer = await host.Volunteer(channels: ["email"]);
        host.Smtp.Pause();
        try
        {
            await host.Claim(await host.Shift(host.Now.AddDays(2)), volunteer);
            JsonElement[] log = [];
            await Eventually(async () => (log = await host.Deliveries($"?volunteerId={volunteer}")) is [var d] && d.GetProperty("attempts").GetArrayLength() == 1, "the first attempt");
            Assert.Equal("pending", log[0].GetProperty("status").GetString());
            Assert.False(log[0].GetProperty("attempts")[0].GetProperty("succeeded").GetBoolean());
            Assert.Equal(log[0].GetProperty("attempts")[0].GetProperty("at").GetDateTimeOffset().AddSeconds(1), log[0].GetProperty("nextAttemptAt").GetDateTimeOffset());
        }
        finally
        {
            await host.Smtp.Resume();
        }

        host.Advance(TimeSpan.FromSeconds(1));
        await host.Smtp.WaitFor(m => m.To.Mailboxes.Any(a => a.Address == EmailOf(volunteer)));
        await Eventually(async () => (await host.Deliveries($"?volunteerId={volunteer}"))[0].GetProperty("status").GetString() == "delivered", "delivered on the retry");
    }
}
