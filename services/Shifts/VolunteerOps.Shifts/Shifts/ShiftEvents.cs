namespace VolunteerOps.Shifts.Shifts;

/// <summary>Every event of a shift stream says when it happened (business time) and who did it.</summary>
public interface IShiftEvent
{
    Guid ShiftId { get; }
    DateTimeOffset At { get; }
    string By { get; }
}

public sealed record ShiftScheduled(
    Guid ShiftId,
    Guid ConferenceId,
    string Role,
    string Title,
    string Location,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int Minimum,
    string? SessionRef,
    string? Notes,
    int ReleaseCutoffMinutes,
    string ScheduledBy,
    DateTimeOffset ScheduledAt,
    string? RequiredQualification = null) : IShiftEvent
{
    DateTimeOffset IShiftEvent.At => ScheduledAt;
    string IShiftEvent.By => ScheduledBy;
}

/// <summary>OverrodeSignupClosed: a coordinator claimed for someone after claims had closed.</summary>
public sealed record ShiftClaimed(Guid ShiftId, Guid VolunteerId, string ClaimedBy, DateTimeOffset ClaimedAt, bool OverrodeSignupClosed)
    : IShiftEvent
{
    DateTimeOffset IShiftEvent.At => ClaimedAt;
    string IShiftEvent.By => ClaimedBy;
}

/// <summary>OverrodeCutoff: a coordinator released someone after the release cut-off.</summary>
public sealed record ShiftReleased(Guid ShiftId, Guid VolunteerId, string ReleasedBy, DateTimeOffset ReleasedAt, bool OverrodeCutoff)
    : IShiftEvent
{
    DateTimeOffset IShiftEvent.At => ReleasedAt;
    string IShiftEvent.By => ReleasedBy;
}

public sealed record ShiftReassigned(
    Guid ShiftId,
    Guid FromVolunteerId,
    Guid ToVolunteerId,
    string? Reason,
    string ReassignedBy,
    DateTimeOffset ReassignedAt,
    bool OverrodeSignupClosed) : IShiftEvent
{
    DateTimeOffset IShiftEvent.At => ReassignedAt;
    string IShiftEvent.By => ReassignedBy;
}

/// <summary>OverrodeWindow: a coordinator checked someone in outside the volunteers' check-in window.</summary>
public sealed record VolunteerCheckedIn(Guid ShiftId, Guid VolunteerId, string CheckedInBy, DateTimeOffset CheckedInAt, bool OverrodeWindow)
    : IShiftEvent
{
    DateTimeOffset IShiftEvent.At => CheckedInAt;
    string IShiftEvent.By => CheckedInBy;
}

public sealed record VolunteerMarkedNoShow(Guid ShiftId, Guid VolunteerId, string MarkedBy, DateTimeOffset MarkedAt) : IShiftEvent
{
    DateTimeOffset IShiftEvent.At => MarkedAt;
    string IShiftEvent.By => MarkedBy;
}

public sealed record ShiftRescheduled(
    Guid ShiftId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Location,
    string Title,
    string RescheduledBy,
    DateTimeOffset RescheduledAt) : IShiftEvent
{
    DateTimeOffset IShiftEvent.At => RescheduledAt;
    string IShiftEvent.By => RescheduledBy;
}

public sealed record ShiftResized(Guid ShiftId, int Capacity, int Minimum, string ResizedBy, DateTimeOffset ResizedAt) : IShiftEvent
{
    DateTimeOffset IShiftEvent.At => ResizedAt;
    string IShiftEvent.By => ResizedBy;
}

/// <summary>Cancelling releases every holder; ReleasedVolunteerIds says who, so each can be told.</summary>
public sealed record ShiftCancelled(
    Guid ShiftId,
    string Reason,
    IReadOnlyList<Guid> ReleasedVolunteerIds,
    string CancelledBy,
    DateTimeOffset CancelledAt) : IShiftEvent
{
    DateTimeOffset IShiftEvent.At => CancelledAt;
    string IShiftEvent.By => CancelledBy;
}
