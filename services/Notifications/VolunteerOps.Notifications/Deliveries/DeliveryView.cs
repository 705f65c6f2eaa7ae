namespace VolunteerOps.Notifications.Deliveries;

/// <summary>A delivery as coordinators see it in the log: what was sent to whom, and every attempt.</summary>
public sealed record DeliveryView(
    Guid Id, Guid NotificationId, string Recipient, string Channel, string Target, string Status,
    IReadOnlyList<DeliveryAttempt> Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt)
{
    public static DeliveryView From(Delivery d) => new(
        d.Id, d.NotificationId, d.Recipient, d.Channel, d.Target, d.Status.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt,
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.DeliveredAt);
}
