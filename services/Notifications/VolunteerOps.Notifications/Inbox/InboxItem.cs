namespace VolunteerOps.Notifications.Inbox;

/// <summary>An inbox entry as clients see it.</summary>
public sealed record InboxItem(
    Guid Id, string Recipient, string Kind, string Title, string Body, NotificationCause Cause, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static InboxItem From(Notification n) => new(n.Id, n.Recipient, n.Kind, n.Title, n.Body, n.Cause, n.CreatedAt, n.ReadAt);
}
