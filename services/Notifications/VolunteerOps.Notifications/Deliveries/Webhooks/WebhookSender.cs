using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Recipients;

namespace VolunteerOps.Notifications.Deliveries.Webhooks;

/// <summary>A signed JSON POST; any 2xx answer is a success, any other answer a failed attempt.</summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, IOptions<NotificationsOptions> options, TimeProvider clock) : IChannelSender
{
    public const string HttpClientName = "webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Channel => ChannelNames.Webhook;

    public async Task<SendOutcome> Send(Delivery delivery, Notification notification, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(WebhookPayload.From(delivery, notification), Json);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, delivery.Id.ToString());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(options.Value.Webhooks.SigningSecret, timestamp, body));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        return new SendOutcome(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
    }
}

/// <summary>The webhook body (camelCase JSON).</summary>
public sealed record WebhookPayload(
    Guid DeliveryId, Guid NotificationId, string Recipient, string Kind, string Title, string Body, NotificationCause Cause, DateTimeOffset CreatedAt)
{
    public static WebhookPayload From(Delivery d, Notification n) => new(d.Id, n.Id, n.Recipient, n.Kind, n.Title, n.Body, n.Cause, n.CreatedAt);
}
