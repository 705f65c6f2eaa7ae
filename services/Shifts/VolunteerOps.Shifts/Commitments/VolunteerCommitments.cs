using System.Security.Cryptography;
using System.Text;
using VolunteerOps.Shifts.Shifts;

namespace VolunteerOps.Shifts.Commitments;

public sealed record Commitment(Guid ShiftId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>
/// The shifts one volunteer holds. Its own stream, locked and appended in the same transaction as the
/// shift's, is what makes "never two overlapping shifts" hold under any concurrency.
/// </summary>
public sealed record VolunteerCommitments
{
    public Guid Id { get; init; }
    public Guid VolunteerId { get; init; }
    public IReadOnlyList<Commitment> Shifts { get; init; } = [];

    /// <summary>
    /// The stream id derives from the volunteer id (name-based) so a volunteer id can never collide with,
    /// or be made to point at, a shift stream.
    /// </summary>
    public static Guid StreamIdFor(Guid volunteerId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"volunteerops:commitments:{volunteerId:N}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public Commitment? FirstOverlap(DateTimeOffset startsAt, DateTimeOffset endsAt, Guid exceptShift) =>
        Shifts.FirstOrDefault(c => c.ShiftId != exceptShift && c.StartsAt < endsAt && startsAt < c.EndsAt);

    public static VolunteerCommitments Create(CommitmentsOpened e) => new() { Id = StreamIdFor(e.VolunteerId), VolunteerId = e.VolunteerId };

    public static VolunteerCommitments Create(CommitmentMade e) =>
        new() { Id = StreamIdFor(e.VolunteerId), VolunteerId = e.VolunteerId, Shifts = [new Commitment(e.ShiftId, e.StartsAt, e.EndsAt)] };

    public VolunteerCommitments Apply(CommitmentMade e) => this with { Shifts = [.. Shifts, new Commitment(e.ShiftId, e.StartsAt, e.EndsAt)] };

    public VolunteerCommitments Apply(CommitmentDropped e) => this with { Shifts = [.. Shifts.Where(c => c.ShiftId != e.ShiftId)] };

    public VolunteerCommitments Apply(CommitmentMoved e) =>
        this with { Shifts = [.. Shifts.Select(c => c.ShiftId == e.ShiftId ? new Commitment(e.ShiftId, e.StartsAt, e.EndsAt) : c)] };

    /// <summary>
    /// A volunteer's commitments follow the shift events that concern them: one source of truth (the
    /// shift's decision), written to both streams at once.
    /// </summary>
    public static IEnumerable<(Guid VolunteerId, object Event)> Follow(Shift before, IShiftEvent e) => e switch
    {
        ShiftClaimed c => [(c.VolunteerId, new CommitmentMade(c.VolunteerId, c.ShiftId, before.StartsAt, before.EndsAt))],
        ShiftReleased r => [(r.VolunteerId, new CommitmentDropped(r.VolunteerId, r.ShiftId))],
        ShiftReassigned r =>
        [
            (r.FromVolunteerId, new CommitmentDropped(r.FromVolunteerId, r.ShiftId)),
            (r.ToVolunteerId, new CommitmentMade(r.ToVolunteerId, r.ShiftId, before.StartsAt, before.EndsAt)),
        ],
        ShiftCancelled c => c.ReleasedVolunteerIds.Select(v => (v, (object)new CommitmentDropped(v, c.ShiftId))),
        ShiftRescheduled r when r.StartsAt != before.StartsAt || r.EndsAt != before.EndsAt =>
            before.Holders.Select(h => (h.VolunteerId, (object)new CommitmentMoved(h.VolunteerId, r.ShiftId, r.StartsAt, r.EndsAt))),
        _ => [],
    };
}

/// <summary>Opens an empty commitments stream, so there is a row to lock before a volunteer's first claim.</summary>
public sealed record CommitmentsOpened(Guid VolunteerId);

public sealed record CommitmentMade(Guid VolunteerId, Guid ShiftId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record CommitmentDropped(Guid VolunteerId, Guid ShiftId);

public sealed record CommitmentMoved(Guid VolunteerId, Guid ShiftId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
