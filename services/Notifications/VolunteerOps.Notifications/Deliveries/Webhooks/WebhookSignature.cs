using System.Security.Cryptography;
using System.Text;

namespace VolunteerOps.Notifications.Deliveries.Webhooks;

/// <summary>
/// How receivers verify a webhook: HMAC-SHA256 with the shared secret over "{timestamp}.{body}", where
/// timestamp is the VolunteerOps-Timestamp header (Unix seconds) and body the raw request body; the
/// VolunteerOps-Signature header is "v1=" and the lowercase hex digest. Receivers should also refuse
/// timestamps more than five minutes away from their clock (replays) and dedupe on Idempotency-Key.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "VolunteerOps-Timestamp";
    public const string SignatureHeader = "VolunteerOps-Signature";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static bool Verify(string secret, string timestampHeader, string body, string signatureHeader) =>
        long.TryParse(timestampHeader, out var timestamp)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Sign(secret, timestamp, body)), Encoding.UTF8.GetBytes(signatureHeader));
}
