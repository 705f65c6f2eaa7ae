using VolunteerOps.Notifications.Inbox;

namespace VolunteerOps.Notifications.Scheduling;

/// <summary>
/// A notification due at a later time: a reminder to a holder, or an under-staffing alert to the
/// coordinators. Stored, so it survives restarts; re-planned whenever its shift changes.
/// </summary>
public sealed record Alarm
{
    /// <summary>"reminder:{shift}:{volunteer}:{lead}" or "understaffed:{shift}": at most one of each.</summary>
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public Guid ShiftId { get; init; }
    public Guid? VolunteerId { get; init; }
    public int LeadMinutes { get; init; }
    public DateTimeOffset DueAt { get; init; }

    /// <summary>The event that planned it: a re-planned alarm (new due time) is a new cause, an unchanged one is not.</summary>
    public required NotificationCause PlannedBy { get; init; }

    /// <summary>Set when it fired; kept while still wanted, so that re-planning does not make it fire again.</summary>
    public DateTimeOffset? FiredAt { get; init; }

    public static Alarm Reminder(Guid shiftId, Guid volunteerId, int leadMinutes, DateTimeOffset dueAt, NotificationCause cause) => new()
    {
        Id = $"reminder:{shiftId:N}:{volunteerId:N}:{leadMinutes}",
        Kind = NotificationKinds.ShiftReminder,
        ShiftId = shiftId,
        VolunteerId = volunteerId,
        LeadMinutes = leadMinutes,
        DueAt = dueAt,
        PlannedBy = cause,
    };

    public static Alarm Understaffed(Guid shiftId, int leadMinutes, DateTimeOffset dueAt, NotificationCause cause) => new()
    {
        Id = $"understaffed:{shiftId:N}",
        Kind = NotificationKinds.ShiftUnderstaffed,
        ShiftId = shiftId,
        LeadMinutes = leadMinutes,
        DueAt = dueAt,
        PlannedBy = cause,
    };
}
