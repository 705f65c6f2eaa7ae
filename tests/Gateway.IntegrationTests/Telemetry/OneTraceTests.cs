using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Messaging;
using VolunteerOps.Notifications.Recipients;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests.Telemetry;

/// <summary>
/// One volunteer's claim, followed by its trace id alone: through the gateway, the Shifts service and its database, the
/// publishing subscription (the trace context stored in the event's headers), RabbitMQ, the Notifications consumer and
/// the delivery of the confirmation to a webhook, every hop a descendant of the client's own span.
/// </summary>
public class OneTraceTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    private static readonly string[] WebhookToo = ["inApp", "webhook"];
    private static readonly int[] OneHourBefore = [60];

    [Fact]
    public async Task A_claim_is_one_connected_trace_from_the_gateway_through_Shifts_and_RabbitMQ_to_the_notification_delivery()
    {
        await using var receiver = await WebhookReceiver.Start();
        using var coordinator = system.AsCoordinator();
        var conference = await GatewaySystem.CreateConference(coordinator);
        var shift = await GatewaySystem.ScheduleShift(coordinator, conference);
        var volunteer = await system.RegisterVolunteer(coordinator);
        using var client = system.AsVolunteer(volunteer);
        var preferences = await client.PutAsJsonAsync($"/api/volunteers/{volunteer}/preferences",
            new { channels = WebhookToo, webhookUrl = receiver.Url("/hook"), reminderLeadMinutes = OneHourBefore });
        Assert.Equal(HttpStatusCode.OK, preferences.StatusCode);
        await WaitUntilNotificationsUsesTheWebhook(volunteer);

        using var capture = new SpanCapture();
        var trace = ActivityTraceId.CreateRandom();
        var clientSpan = ActivitySpanId.CreateRandom();
        using var claim = new HttpRequestMessage(HttpMethod.Post, $"/api/shifts/{shift}/claims");
        claim.Headers.Add("traceparent", $"00-{trace}-{clientSpan}-01");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(claim)).StatusCode);

        var webhook = (await receiver.WaitFor("/hook", 1)).Single();
        Assert.Contains(trace.ToString(), webhook.Headers["traceparent"], StringComparison.Ordinal);

        // From the webhook call back up to the client's span, each hop the parent of the next; and the claim's own database work.
        var path = await Eventually(() => PathToTheClient(capture.Of(trace), new Uri(receiver.BaseUrl).Port, clientSpan), TimeSpan.FromSeconds(30));
        var hops = new (string Hop, Func<Activity, bool> Is)[]
        {
            ("webhook call", s => s.Kind == ActivityKind.Client && Port(s) == new Uri(receiver.BaseUrl).Port),
            ("notification delivery", s => s.DisplayName == "deliver webhook"),
            ("Notifications consumes from RabbitMQ", s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer &&
                Equals(s.GetTagItem("messaging.destination.name"), Topology.NotificationsShiftEvents)),
            ("MassTransit sends", s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer),
            ("the subscription publishes the stored event", s => s.DisplayName.StartsWith("outbox publish ShiftClaimed", StringComparison.Ordinal)),
            ("Shifts serves the claim", s => s.Kind == ActivityKind.Server && Port(s) == system.ShiftsUrl.Port),
            ("the gateway forwards it", s => s.Kind == ActivityKind.Client && Port(s) == system.ShiftsUrl.Port),
            ("the gateway receives it", s => s.Kind == ActivityKind.Server && Port(s) == system.GatewayUrl.Port),
        };
        var seen = hops.Select(h => (h.Hop, At: path.FindIndex(s => h.Is(s)))).ToList();
        Assert.All(seen, h => Assert.True(h.At >= 0, $"No span for: {h.Hop}. The path: {Describe(path)}"));
        Assert.Equal(seen.OrderBy(h => h.At).Select(h => h.Hop), seen.Select(h => h.Hop)); // in causal order
        var shiftsServer = path[seen.Single(h => h.Hop == "Shifts serves the claim").At];
        Assert.Contains(capture.Of(trace), s => s.Source.Name == "Npgsql" && PathFrom(s, capture.Of(trace)).Contains(shiftsServer));
    }

    /// <summary>The span and its ancestors, once the chain from the webhook call reaches the client's span (null until then).</summary>
    private static List<Activity>? PathToTheClient(IReadOnlyList<Activity> spans, int receiverPort, ActivitySpanId clientSpan)
    {
        var webhookCall = spans.FirstOrDefault(s => s.Kind == ActivityKind.Client && Port(s) == receiverPort);
        if (webhookCall is null)
        {
            return null;
        }

        var path = PathFrom(webhookCall, spans);
        return path[^1].ParentSpanId == clientSpan ? path : null;
    }

    private static List<Activity> PathFrom(Activity span, IReadOnlyList<Activity> spans)
    {
        var byId = spans.ToDictionary(s => s.SpanId);
        var path = new List<Activity> { span };
        while (byId.TryGetValue(path[^1].ParentSpanId, out var parent))
        {
            path.Add(parent);
        }

        return path;
    }

    private static int? Port(Activity span) =>
        span.GetTagItem("server.port") is { } port ? Convert.ToInt32(port, CultureInfo.InvariantCulture) : null;

    private static string Describe(IEnumerable<Activity> spans) =>
        string.Join(" <- ", spans.Select(s => $"{s.Source.Name}:{s.Kind}:{s.DisplayName}"));

    private async Task WaitUntilNotificationsUsesTheWebhook(Guid volunteer)
    {
        var store = system.Notifications.Services.GetRequiredService<IDocumentStore>();
        await Eventually(async () =>
        {
            await using var session = store.QuerySession();
            return await session.LoadAsync<Recipient>(volunteer) is { } r && r.Wants(ChannelNames.Webhook) ? r : null;
        }, TimeSpan.FromSeconds(30));
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> find, TimeSpan timeout) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await find() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out.");
            await Task.Delay(100);
        }
    }

    private static Task<T> Eventually<T>(Func<T?> find, TimeSpan timeout) where T : class => Eventually(() => Task.FromResult(find()), timeout);
}
