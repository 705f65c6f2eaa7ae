using JasperFx.Events;
using Marten;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.Shifts.Conferences;
using VolunteerOps.Shifts.Shifts;

namespace VolunteerOps.Shifts.Coverage;

/// <summary>
/// A conference's shifts, read for coverage. ChangeNumber is the sum of their stream versions: it grows with
/// every event appended to any of them (a new shift adds its first), and is the same on every instance.
/// </summary>
public sealed record ConferenceShifts(IReadOnlyList<Shift> Shifts, long ChangeNumber)
{
    /// <summary>Now, from the inline snapshots (written in the same transaction as the events, so never stale); null if no such conference.</summary>
    public static async Task<ConferenceShifts?> Now(IQuerySession session, Guid conferenceId, CancellationToken ct)
    {
        if (conferenceId == Guid.Empty)
        {
            return null;
        }

        var batch = session.CreateBatchQuery();
        var conference = batch.Load<Conference>(conferenceId);
        var shifts = batch.Query<Shift>().Where(s => s.ConferenceId == conferenceId).ToList();
        await batch.Execute(ct);
        if (await conference is null)
        {
            return null;
        }

        var all = await shifts;
        return new ConferenceShifts(all, all.Sum(s => s.Version));
    }

    /// <summary>
    /// As they were at a past moment, replayed from the stored events (see <see cref="CoverageAsOf"/>). The stream
    /// ids come from the snapshot table's indexed conference column: a shift never changes conference and is
    /// never deleted, so those ids are every stream ever scheduled for it. Its events are then read in one query.
    /// </summary>
    public static async Task<ConferenceShifts?> AsOf(IQuerySession session, Guid conferenceId, DateTimeOffset asOf, CancellationToken ct)
    {
        if (conferenceId == Guid.Empty)
        {
            return null;
        }

        var batch = session.CreateBatchQuery();
        var conference = batch.Load<Conference>(conferenceId);
        var ids = batch.Query<Shift>().Where(s => s.ConferenceId == conferenceId).Select(s => s.Id).ToList();
        await batch.Execute(ct);
        if (await conference is null)
        {
            return null;
        }

        var streams = (await ids).ToArray();
        if (streams.Length == 0)
        {
            return new ConferenceShifts([], 0);
        }

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(streams))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var shiftEvents = events.Select(e => e.Data).OfType<IShiftEvent>().ToList();
        return new ConferenceShifts(CoverageAsOf.Replay(shiftEvents, asOf), shiftEvents.Count(e => e.At <= asOf));
    }

    /// <summary>The same read, or a 404 problem for an unknown conference.</summary>
    public static async Task<ConferenceShifts> Require(IQuerySession session, Guid conferenceId, DateTimeOffset? asOf, CancellationToken ct) =>
        (asOf is { } moment ? await AsOf(session, conferenceId, moment, ct) : await Now(session, conferenceId, ct))
        ?? throw ProblemException.NotFound($"No conference {conferenceId}.");
}
