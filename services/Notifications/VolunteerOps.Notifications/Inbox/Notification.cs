namespace VolunteerOps.Notifications.Inbox;

/// <summary>
/// One notification to one recipient: the inbox entry and the root of its deliveries. Its id is derived
/// from (kind, recipient, cause), so whatever the redeliveries and restarts there is at most one.
/// </summary>
public sealed record Notification
{
    public Guid Id { get; init; }

    /// <summary>A volunteer id, or <see cref="Recipients.Coordinators"/> for the coordination desk.</summary>
    public required string Recipient { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required NotificationCause Cause { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>The event a notification answers: its type and its place in its stream.</summary>
public sealed record NotificationCause(string Event, Guid StreamId, long Version)
{
    public override string ToString() => $"{Event}:{StreamId:N}:{Version}";
}

public static class Recipients
{
    /// <summary>The shared inbox of the coordination desk (under-staffing alerts).</summary>
    public const string Coordinators = "coordinators";

    public static string Of(Guid volunteerId) => volunteerId.ToString();
}

public static class NotificationKinds
{
    public const string ClaimConfirmed = "claim-confirmed";
    public const string ClaimReleased = "claim-released";
    public const string ReassignedAway = "reassigned-away";
    public const string ReassignedTo = "reassigned-to";
    public const string ShiftRescheduled = "shift-rescheduled";
    public const string ShiftCancelled = "shift-cancelled";
    public const string VolunteerDeactivated = "volunteer-deactivated";
    public const string ShiftReminder = "shift-reminder";
    public const string ShiftUnderstaffed = "shift-understaffed";
}
