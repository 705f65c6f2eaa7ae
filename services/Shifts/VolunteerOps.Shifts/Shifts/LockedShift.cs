using Marten;
using JasperFx.Events;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Coverage.Signals;
using VolunteerOps.Shifts.Volunteers;

namespace VolunteerOps.Shifts.Shifts;

/// <summary>
/// A shift and the commitments of the volunteers a command touches, each row-locked for the rest of the
/// transaction: always the shift first, then volunteers in id order, so two writers never deadlock.
/// Deciding under these locks is what makes capacity and overlap checks race-free.
/// </summary>
public sealed class LockedShift
{
    private readonly IDocumentSession session;
    private readonly IEventStream<Shift> stream;
    private readonly Dictionary<Guid, IEventStream<VolunteerCommitments>> commitments;
    private readonly Dictionary<Guid, KnownVolunteer?> volunteers;

    private LockedShift(
        IDocumentSession session, IEventStream<Shift> stream, Dictionary<Guid, IEventStream<VolunteerCommitments>> commitments,
        Dictionary<Guid, KnownVolunteer?> volunteers)
    {
        this.session = session;
        this.stream = stream;
        this.commitments = commitments;
        this.volunteers = volunteers;
    }

    public Shift Shift => stream.Aggregate!;

    public long Version => stream.StartingVersion ?? 0;

    /// <summary>
    /// Locks the shift and the given volunteers' commitments in one round trip, and reads what the Shifts
    /// service knows of those volunteers after the locks are held (so a deactivation that committed before
    /// is seen, and one that comes later finds this claim when it releases the volunteer's seats).
    /// </summary>
    public static async Task<LockedShift> Lock(IDocumentSession session, Guid shiftId, IEnumerable<Guid> volunteerIds, long? expectedVersion, CancellationToken ct)
    {
        if (shiftId == Guid.Empty)
        {
            // Marten refuses an empty stream id outright; no shift can have it.
            throw ProblemException.NotFound($"No shift {shiftId}.");
        }

        var batch = session.CreateBatchQuery();
        var shift = batch.Events.FetchForExclusiveWriting<Shift>(shiftId);
        var locks = volunteerIds.Distinct().Order()
            .Select(v => (Volunteer: v, Stream: batch.Events.FetchForExclusiveWriting<VolunteerCommitments>(VolunteerCommitments.StreamIdFor(v))))
            .ToList();
        var known = locks.Select(l => (l.Volunteer, Doc: batch.Load<KnownVolunteer>(l.Volunteer))).ToList();
        await batch.Execute(ct);

        var stream = await shift;
        if (stream.Aggregate is null)
        {
            throw ProblemException.NotFound($"No shift {shiftId}.");
        }

        StreamVersions.EnsureVersion(expectedVersion, stream.StartingVersion ?? 0);
        var locked = new Dictionary<Guid, IEventStream<VolunteerCommitments>>();
        foreach (var (volunteer, task) in locks)
        {
            locked[volunteer] = await task;
        }

        var knownVolunteers = new Dictionary<Guid, KnownVolunteer?>();
        foreach (var (volunteer, doc) in known)
        {
            knownVolunteers[volunteer] = await doc;
        }

        return new LockedShift(session, stream, locked, knownVolunteers);
    }

    /// <summary>Locks the commitments of everyone holding the shift (known only once the shift is loaded).</summary>
    public async Task LockHolders(CancellationToken ct)
    {
        foreach (var volunteer in Shift.Holders.Select(h => h.VolunteerId).Where(v => !commitments.ContainsKey(v)).Order())
        {
            commitments[volunteer] = await session.Events.FetchForExclusiveWriting<VolunteerCommitments>(
                VolunteerCommitments.StreamIdFor(volunteer), ct);
        }
    }

    public KnownVolunteer? VolunteerOf(Guid volunteerId) => volunteers.GetValueOrDefault(volunteerId);

    public VolunteerCommitments? CommitmentsOf(Guid volunteerId) =>
        commitments.TryGetValue(volunteerId, out var s) ? s.Aggregate : throw new InvalidOperationException($"Volunteer {volunteerId} is not locked.");

    /// <summary>Appends the decided events to the shift and the matching commitment events to each volunteer; returns the new state.</summary>
    public Shift Append(IReadOnlyList<IShiftEvent> events)
    {
        var state = Shift;
        foreach (var e in events)
        {
            foreach (var (volunteer, commitment) in VolunteerCommitments.Follow(state, e))
            {
                if (!commitments.TryGetValue(volunteer, out var volunteerStream))
                {
                    throw new InvalidOperationException($"Volunteer {volunteer} is not locked.");
                }

                volunteerStream.AppendOne(commitment);
            }

            stream.AppendOne(e);
            state = Shift.Fold(state, e)!;
        }

        if (events.Any(CoverageSignal.Changes))
        {
            // Every seat change passes here: live coverage streams hear of it when (and only if) it commits.
            CoverageSignal.NotifyOnCommit(session, state.ConferenceId);
        }

        return state;
    }

    public long VersionAfter(IReadOnlyList<IShiftEvent> events) => Version + events.Count;
}
