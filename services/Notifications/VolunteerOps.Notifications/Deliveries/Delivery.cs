namespace VolunteerOps.Notifications.Deliveries;

/// <summary>
/// Sending one notification over one external channel (email or webhook), with every attempt logged.
/// Its id is the idempotency key the receiver sees, the same on every attempt.
/// </summary>
public sealed record Delivery
{
    public Guid Id { get; init; }
    public Guid NotificationId { get; init; }
    public required string Recipient { get; init; }
    public required string Channel { get; init; }

    /// <summary>The email address or webhook URL, fixed when the notification was made.</summary>
    public required string Target { get; init; }
    public DeliveryStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public IReadOnlyList<DeliveryAttempt> Attempts { get; init; } = [];

    /// <summary>The trace of what caused the notification: every attempt to send it joins that trace.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The attempts since the last coordinator retry: the backoff and the limit count these.</summary>
    public int AttemptsInRound { get; init; }

    public Delivery Succeeded(DateTimeOffset at, string detail) => this with
    {
        Status = DeliveryStatus.Delivered,
        DeliveredAt = at,
        AttemptsInRound = AttemptsInRound + 1,
        Attempts = [.. Attempts, new DeliveryAttempt(Attempts.Count + 1, at, true, detail)],
    };

    /// <summary>Waits FirstRetryAfter, then twice as long after each further failure, until MaxAttempts: then failed.</summary>
    public Delivery FailedAttempt(DateTimeOffset at, string detail, DeliveryOptions options)
    {
        var inRound = AttemptsInRound + 1;
        var exhausted = inRound >= options.MaxAttempts;
        return this with
        {
            Status = exhausted ? DeliveryStatus.Failed : DeliveryStatus.Pending,
            AttemptsInRound = inRound,
            NextAttemptAt = exhausted ? NextAttemptAt : at + options.FirstRetryAfter * Math.Pow(2, inRound - 1),
            Attempts = [.. Attempts, new DeliveryAttempt(Attempts.Count + 1, at, false, detail)],
        };
    }

    /// <summary>A coordinator's retry of a failed delivery: a fresh round of attempts, starting now.</summary>
    public Delivery Retried(DateTimeOffset at) => this with { Status = DeliveryStatus.Pending, AttemptsInRound = 0, NextAttemptAt = at };
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

public sealed record DeliveryAttempt(int Number, DateTimeOffset At, bool Succeeded, string Detail);
