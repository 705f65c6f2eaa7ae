namespace VolunteerOps.Shifts.Shifts;

public sealed record ShiftSummary(
    Guid Id,
    Guid ConferenceId,
    string Role,
    string Title,
    string Location,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int Minimum,
    int Filled,
    ShiftStatus Status)
{
    public static ShiftSummary From(Shift s) =>
        new(s.Id, s.ConferenceId, s.Role, s.Title, s.Location, s.StartsAt, s.EndsAt, s.Capacity, s.Minimum, s.Filled, s.Status);
}

public sealed record ShiftDetails(
    Guid Id,
    Guid ConferenceId,
    string Role,
    string Title,
    string Location,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int Minimum,
    int Filled,
    ShiftStatus Status,
    string? SessionRef,
    string? Notes,
    int ReleaseCutoffMinutes,
    IReadOnlyList<Holder> Holders,
    long Version)
{
    public static ShiftDetails From(Shift s, long version) =>
        new(s.Id, s.ConferenceId, s.Role, s.Title, s.Location, s.StartsAt, s.EndsAt, s.Capacity, s.Minimum, s.Filled, s.Status,
            s.SessionRef, s.Notes, s.ReleaseCutoffMinutes, s.Holders, version);
}

/// <summary>One volunteer's seat on a shift.</summary>
public sealed record ClaimView(Guid ShiftId, Guid VolunteerId, DateTimeOffset ClaimedAt, DateTimeOffset? CheckedInAt, DateTimeOffset? NoShowAt)
{
    public static ClaimView From(Guid shiftId, Holder h) => new(shiftId, h.VolunteerId, h.ClaimedAt, h.CheckedInAt, h.NoShowAt);
}
