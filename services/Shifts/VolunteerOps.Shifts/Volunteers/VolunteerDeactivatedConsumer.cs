using Marten;
using VolunteerOps.Contracts.Roster;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Shifts;

namespace VolunteerOps.Shifts.Volunteers;

/// <summary>
/// A deactivated volunteer takes no new shifts and is released from every shift that has not started;
/// shifts already started or past stay in the history as they were. Each step is idempotent, so a
/// redelivery after a crash finishes the job without a second effect:
/// 1. mark the volunteer inactive (claims committed after this are refused);
/// 2. read their commitments under the commitments lock, which waits for any claim still in flight (a
///    volunteer with no commitments stream yet gets an empty one, so a racing first claim collides with
///    it and is decided again, now seeing the volunteer inactive);
/// 3. release each future shift in its own transaction (shift lock first, as everywhere);
/// 4. record the version as applied (a redelivery now stops at the gate), then, in the base class's
///    transaction, the message as processed.
/// </summary>
public sealed class VolunteerDeactivatedConsumer(IDocumentStore store, TimeProvider clock) : RosterEventConsumer<VolunteerDeactivatedV1>(store, clock)
{
    public const string ReleasedBy = "system:deactivation";

    protected override async Task Handle(VolunteerDeactivatedV1 message, IDocumentSession session, CancellationToken ct)
    {
        var known = await session.LoadAsync<KnownVolunteer>(message.StreamId, ct);
        if (!IsNext(known?.AppliedVersion ?? 0, message))
        {
            return;
        }

        await MarkInactive(message.VolunteerId, appliedVersion: null, ct);
        foreach (var shiftId in await FutureShifts(message.VolunteerId, ct))
        {
            await Release(shiftId, message.VolunteerId, ct);
        }

        await MarkInactive(message.VolunteerId, message.Version, ct);
    }

    protected override KnownVolunteer Apply(VolunteerDeactivatedV1 message, KnownVolunteer volunteer) => volunteer with { Active = false };

    /// <summary>Each in its own transaction, so the steps around it see it committed.</summary>
    private async Task MarkInactive(Guid volunteerId, long? appliedVersion, CancellationToken ct)
    {
        await using var session = Store.LightweightSession();
        var known = await session.LoadAsync<KnownVolunteer>(volunteerId, ct) ?? new KnownVolunteer { Id = volunteerId };
        session.Store(known with { Active = false, AppliedVersion = appliedVersion ?? known.AppliedVersion });
        await session.SaveChangesAsync(ct);
    }

    private async Task<List<Guid>> FutureShifts(Guid volunteerId, CancellationToken ct)
    {
        var streamId = VolunteerCommitments.StreamIdFor(volunteerId);
        while (true)
        {
            await using var session = Store.LightweightSession();
            var stream = await session.Events.FetchForExclusiveWriting<VolunteerCommitments>(streamId, ct);
            if (stream.Aggregate is { } commitments)
            {
                var now = Clock.GetUtcNow();
                return [.. commitments.Shifts.Where(c => c.StartsAt > now).Select(c => c.ShiftId)];
            }

            session.Events.StartStream<VolunteerCommitments>(streamId, new CommitmentsOpened(volunteerId));
            try
            {
                await session.SaveChangesAsync(ct);
                return [];
            }
            catch (Exception e) when (e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
            {
                // A first claim created the stream meanwhile: read it, under its lock, on the next turn.
            }
        }
    }

    private async Task Release(Guid shiftId, Guid volunteerId, CancellationToken ct)
    {
        await using var session = Store.LightweightSession();
        var locked = await LockedShift.Lock(session, shiftId, [volunteerId], expectedVersion: null, ct);
        var now = Clock.GetUtcNow();
        if (locked.Shift.HolderOf(volunteerId) is null || locked.Shift.StartsAt <= now)
        {
            return;
        }

        var pastCutoff = now > locked.Shift.StartsAt.AddMinutes(-locked.Shift.ReleaseCutoffMinutes);
        locked.Append([new ShiftReleased(shiftId, volunteerId, ReleasedBy, now, OverrodeCutoff: pastCutoff)]);
        await session.SaveChangesAsync(ct);
    }
}
