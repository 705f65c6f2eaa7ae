using MassTransit;

namespace VolunteerOps.Contracts.Shifts;

// Integration events of the Shifts service: one per event of a shift stream, Version = that stream's version.
// URNs and exchange names are pinned: renaming a record never changes the wire. A breaking change is a V2.

[MessageUrn("volunteerops:shifts:shift-scheduled:v1")]
[EntityName("volunteerops.shifts.shift-scheduled.v1")]
public sealed record ShiftScheduledV1(
    Guid ShiftId, long Version, Guid ConferenceId, string Role, string Title, string Location,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Minimum, string? SessionRef, string ScheduledBy, DateTimeOffset ScheduledAt)
    : IStreamMessage
{
    public Guid StreamId => ShiftId;
}

[MessageUrn("volunteerops:shifts:shift-claimed:v1")]
[EntityName("volunteerops.shifts.shift-claimed.v1")]
public sealed record ShiftClaimedV1(Guid ShiftId, long Version, Guid VolunteerId, string ClaimedBy, DateTimeOffset ClaimedAt, bool OverrodeSignupClosed)
    : IStreamMessage
{
    public Guid StreamId => ShiftId;
}

[MessageUrn("volunteerops:shifts:shift-released:v1")]
[EntityName("volunteerops.shifts.shift-released.v1")]
public sealed record ShiftReleasedV1(Guid ShiftId, long Version, Guid VolunteerId, string ReleasedBy, DateTimeOffset ReleasedAt, bool OverrodeCutoff)
    : IStreamMessage
{
    public Guid StreamId => ShiftId;
}

[MessageUrn("volunteerops:shifts:shift-reassigned:v1")]
[EntityName("volunteerops.shifts.shift-reassigned.v1")]
public sealed record ShiftReassignedV1(
    Guid ShiftId, long Version, Guid FromVolunteerId, Guid ToVolunteerId, string? Reason, string ReassignedBy, DateTimeOffset ReassignedAt)
    : IStreamMessage
{
    public Guid StreamId => ShiftId;
}

[MessageUrn("volunteerops:shifts:volunteer-checked-in:v1")]
[EntityName("volunteerops.shifts.volunteer-checked-in.v1")]
public sealed record VolunteerCheckedInV1(Guid ShiftId, long Version, Guid VolunteerId, string CheckedInBy, DateTimeOffset CheckedInAt)
    : IStreamMessage
{
    public Guid StreamId => ShiftId;
}

[MessageUrn("volunteerops:shifts:volunteer-marked-no-show:v1")]
[EntityName("volunteerops.shifts.volunteer-marked-no-show.v1")]
public sealed record VolunteerMarkedNoShowV1(Guid ShiftId, long Version, Guid VolunteerId, string MarkedBy, DateTimeOffset MarkedAt)
    : IStreamMessage
{
    public Guid StreamId => ShiftId;
}

[MessageUrn("volunteerops:shifts:shift-rescheduled:v1")]
[EntityName("volunteerops.shifts.shift-rescheduled.v1")]
public sealed record ShiftRescheduledV1(
    Guid ShiftId, long Version, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Location, string Title, string RescheduledBy, DateTimeOffset RescheduledAt)
    : IStreamMessage
{
    public Guid StreamId => ShiftId;
}

[MessageUrn("volunteerops:shifts:shift-resized:v1")]
[EntityName("volunteerops.shifts.shift-resized.v1")]
public sealed record ShiftResizedV1(Guid ShiftId, long Version, int Capacity, int Minimum, string ResizedBy, DateTimeOffset ResizedAt)
    : IStreamMessage
{
    public Guid StreamId => ShiftId;
}

[MessageUrn("volunteerops:shifts:shift-cancelled:v1")]
[EntityName("volunteerops.shifts.shift-cancelled.v1")]
public sealed record ShiftCancelledV1(
    Guid ShiftId, long Version, string Reason, IReadOnlyList<Guid> ReleasedVolunteerIds, string CancelledBy, DateTimeOffset CancelledAt)
    : IStreamMessage
{
    public Guid StreamId => ShiftId;
}
