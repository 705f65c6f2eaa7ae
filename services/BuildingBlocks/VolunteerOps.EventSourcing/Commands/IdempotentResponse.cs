namespace VolunteerOps.EventSourcing.Commands;

/// <summary>
/// The first answer to a write sent with an Idempotency-Key, stored in the same transaction as the
/// write itself: either both exist or neither does.
/// </summary>
public sealed class IdempotentResponse
{
    public required string Id { get; init; }
    public required string Fingerprint { get; init; }
    public required int StatusCode { get; init; }
    public string? BodyJson { get; init; }
    public string? Location { get; init; }
    public long? Version { get; init; }
    public DateTimeOffset StoredAt { get; init; }
}
