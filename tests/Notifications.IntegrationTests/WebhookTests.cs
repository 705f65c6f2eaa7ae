using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VolunteerOps.Notifications.Deliveries.Webhooks;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Testing;
using static Notifications.IntegrationTests.NotificationsHost;

namespace Notifications.IntegrationTests;

/// <summary>Signed webhooks to a real HTTP receiver: retried with backoff, logged, and retried by hand once failed.</summary>
public class WebhookTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task A_receiver_that_fails_twice_then_succeeds_gets_one_success_with_a_valid_signature()
    {
        var path = "/fails-twice-" + Guid.NewGuid().ToString("N")[..8];
        host.Webhooks.Answer(path, n => n <= 2 ? 500 : 200);
        var volunteer = await host.Volunteer(channels: ["inApp", "webhook"], webhookUrl: host.Webhooks.Url(path));
        await host.Claim(await host.Shift(host.Now.AddDays(2), title: "Session runner"), volunteer);

        await AttemptsLogged(volunteer, 1);
        host.Advance(TimeSpan.FromSeconds(1)); // the first backoff
        await AttemptsLogged(volunteer, 2);
        host.Advance(TimeSpan.FromSeconds(2)); // the second, twice as long
        var received = await host.Webhooks.WaitFor(path, 3);
        await Settle();

        Assert.Equal([500, 500, 200], host.Webhooks.To(path).Select(r => r.AnsweredStatus));
        Assert.Single(received.Select(r => r.Headers[WebhookSignature.IdempotencyKeyHeader]).Distinct());
        var success = received[2];
        Assert.True(WebhookSignature.Verify(WebhookSecret, success.Headers[WebhookSignature.TimestampHeader], success.Body, success.Headers[WebhookSignature.SignatureHeader]));
        Assert.False(WebhookSignature.Verify("another-secret", success.Headers[WebhookSignature.TimestampHeader], success.Body, success.Headers[WebhookSignature.SignatureHeader]));
        var payload = JsonDocument.Parse(success.Body).RootElement;
        Assert.Equal(NotificationKinds.ClaimConfirmed, payload.GetProperty("kind").GetString());
        Assert.Equal("You're on: Session runner", payload.GetProperty("title").GetString());
        Assert.Equal(success.Headers[WebhookSignature.IdempotencyKeyHeader], payload.GetProperty("deliveryId").GetString());

        var delivery = Assert.Single(await host.Deliveries($"?volunteerId={volunteer}&channel=webhook"));
        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(
            [false, false, true],
            delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("succeeded").GetBoolean()));
        Assert.Equal("HTTP 500", delivery.GetProperty("attempts")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_marked_failed_and_a_coordinator_retry_delivers_it()
    {
        var path = "/down-" + Guid.NewGuid().ToString("N")[..8];
        var down = true;
        host.Webhooks.Answer(path, _ => down ? 503 : 200);
        var volunteer = await host.Volunteer(channels: ["webhook"], webhookUrl: host.Webhooks.Url(path));
        await host.Claim(await host.Shift(host.Now.AddDays(2)), volunteer);

        // MaxAttempts is 4 here: three backoffs of 1, 2 and 4 s.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await AttemptsLogged(volunteer, attempt);
            host.Advance(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)));
        }

        JsonElement failed = default;
        await Eventually(async () => (await host.Deliveries($"?status=failed&volunteerId={volunteer}")) is [var d] && (failed = d).ValueKind != JsonValueKind.Undefined, "the delivery is marked failed");
        Assert.Equal(4, failed.GetProperty("attempts").GetArrayLength());
        await Settle();
        Assert.Equal(4, host.Webhooks.To(path).Count);

        down = false;
        using var coordinator = host.Service.AsCoordinator();
        var id = failed.GetProperty("id").GetGuid();
        var retried = await coordinator.PostAsync($"/api/notifications/deliveries/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        await host.Webhooks.WaitFor(path, 5);
        await Eventually(async () => (await host.Deliveries($"?volunteerId={volunteer}"))[0].GetProperty("status").GetString() == "delivered", "delivered after the retry");

        var again = await coordinator.PostAsync($"/api/notifications/deliveries/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("https://volunteerops.dev/problems/delivery-not-failed", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsync($"/api/notifications/deliveries/{Guid.NewGuid()}/retry", null)).StatusCode);
        using var volunteerClient = host.Service.AsVolunteer(volunteer);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteerClient.PostAsync($"/api/notifications/deliveries/{id}/retry", null)).StatusCode);
    }

    /// <summary>The clock may move on only once the attempt is logged: its backoff counts from the time it was made.</summary>
    private Task AttemptsLogged(Guid volunteer, int count) =>
        Eventually(
            async () => (await host.Deliveries($"?volunteerId={volunteer}")) is [var d] && d.GetProperty("attempts").GetArrayLength() == count,
            $"attempt {count} is logged");

    [Fact]
    public async Task Delivery_log_filters_are_validated()
    {
        using var coordinator = host.Service.AsCoordinator();
        foreach (var query in new[] { "?status=lost", "?status=1", "?channel=pigeon", "?limit=0", "?volunteerId=x" })
        {
            var response = await coordinator.GetAsync("/api/notifications/deliveries" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
