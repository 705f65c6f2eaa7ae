using Marten;
using VolunteerOps.Contracts;
using VolunteerOps.Contracts.Shifts;
using VolunteerOps.Messaging.Consuming;

namespace VolunteerOps.Roster.Schedules;

/// <summary>
/// Builds the people-side views from the Shifts service's events, one shift stream in order: a message
/// whose predecessor has not arrived yet waits (retry) rather than being applied out of order.
/// </summary>
public abstract class ShiftEventConsumer<T>(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<T>(store, clock)
    where T : class, IStreamMessage
{
    protected override async Task Handle(T message, IDocumentSession session, CancellationToken ct)
    {
        var info = await session.LoadAsync<ShiftInfo>(message.StreamId, ct);
        if (!IsNext(info?.AppliedVersion ?? 0, message))
        {
            return;
        }

        var views = new ViewDocuments(session, ct);
        var after = await Apply(message, info, views) with { AppliedVersion = message.Version };
        session.Store(after);
        views.Save();
    }

    /// <summary>Changes the volunteers' views and returns the shift's new state (info is null only for ShiftScheduled).</summary>
    protected abstract Task<ShiftInfo> Apply(T message, ShiftInfo? info, ViewDocuments views);
}

public sealed class ShiftScheduledConsumer(IDocumentStore store, TimeProvider clock) : ShiftEventConsumer<ShiftScheduledV1>(store, clock)
{
    protected override Task<ShiftInfo> Apply(ShiftScheduledV1 m, ShiftInfo? info, ViewDocuments views) =>
        Task.FromResult(new ShiftInfo
        {
            Id = m.ShiftId, ConferenceId = m.ConferenceId, Role = m.Role, Title = m.Title, Location = m.Location,
            StartsAt = m.StartsAt, EndsAt = m.EndsAt, SessionRef = m.SessionRef,
        });
}

public sealed class ShiftClaimedConsumer(IDocumentStore store, TimeProvider clock) : ShiftEventConsumer<ShiftClaimedV1>(store, clock)
{
    protected override async Task<ShiftInfo> Apply(ShiftClaimedV1 m, ShiftInfo? info, ViewDocuments views)
    {
        await views.Schedule(m.VolunteerId, s => s.With(ScheduleEntry.For(info!)));
        await views.Reliability(m.VolunteerId, r => r with { Claims = r.Claims + 1 });
        return info! with { Holders = [.. info.Holders, m.VolunteerId] };
    }
}

public sealed class ShiftReleasedConsumer(IDocumentStore store, TimeProvider clock) : ShiftEventConsumer<ShiftReleasedV1>(store, clock)
{
    protected override async Task<ShiftInfo> Apply(ShiftReleasedV1 m, ShiftInfo? info, ViewDocuments views)
    {
        await views.Schedule(m.VolunteerId, s => s.Without(m.ShiftId));
        // Only the volunteer's own releases say something about them; a coordinator's or the system's do not.
        if (Guid.TryParse(m.ReleasedBy, out var by) && by == m.VolunteerId)
        {
            await views.Reliability(m.VolunteerId, r => r.Released(info!.StartsAt - m.ReleasedAt));
        }

        return info! with { Holders = [.. info.Holders.Where(v => v != m.VolunteerId)] };
    }
}

public sealed class ShiftReassignedConsumer(IDocumentStore store, TimeProvider clock) : ShiftEventConsumer<ShiftReassignedV1>(store, clock)
{
    protected override async Task<ShiftInfo> Apply(ShiftReassignedV1 m, ShiftInfo? info, ViewDocuments views)
    {
        await views.Schedule(m.FromVolunteerId, s => s.Without(m.ShiftId));
        await views.Reliability(m.FromVolunteerId, r => r with { ReassignedAway = r.ReassignedAway + 1 });
        await views.Schedule(m.ToVolunteerId, s => s.With(ScheduleEntry.For(info!)));
        await views.Reliability(m.ToVolunteerId, r => r with { Claims = r.Claims + 1 });
        return info! with { Holders = [.. info.Holders.Select(v => v == m.FromVolunteerId ? m.ToVolunteerId : v)] };
    }
}

public sealed class VolunteerCheckedInConsumer(IDocumentStore store, TimeProvider clock) : ShiftEventConsumer<VolunteerCheckedInV1>(store, clock)
{
    protected override async Task<ShiftInfo> Apply(VolunteerCheckedInV1 m, ShiftInfo? info, ViewDocuments views)
    {
        await views.Schedule(m.VolunteerId, s => s.Update(m.ShiftId, e => e with { CheckedInAt = m.CheckedInAt, NoShow = false }));
        await views.Reliability(m.VolunteerId, r => r with { CheckIns = r.CheckIns + 1 });
        return info!;
    }
}

public sealed class VolunteerMarkedNoShowConsumer(IDocumentStore store, TimeProvider clock) : ShiftEventConsumer<VolunteerMarkedNoShowV1>(store, clock)
{
    protected override async Task<ShiftInfo> Apply(VolunteerMarkedNoShowV1 m, ShiftInfo? info, ViewDocuments views)
    {
        await views.Schedule(m.VolunteerId, s => s.Update(m.ShiftId, e => e with { NoShow = true }));
        await views.Reliability(m.VolunteerId, r => r with { NoShows = r.NoShows + 1 });
        return info!;
    }
}

public sealed class ShiftRescheduledConsumer(IDocumentStore store, TimeProvider clock) : ShiftEventConsumer<ShiftRescheduledV1>(store, clock)
{
    protected override async Task<ShiftInfo> Apply(ShiftRescheduledV1 m, ShiftInfo? info, ViewDocuments views)
    {
        var after = info! with { StartsAt = m.StartsAt, EndsAt = m.EndsAt, Location = m.Location, Title = m.Title };
        foreach (var holder in after.Holders)
        {
            await views.Schedule(holder, s => s.Update(m.ShiftId, e => e with { StartsAt = m.StartsAt, EndsAt = m.EndsAt, Location = m.Location, Title = m.Title }));
        }

        return after;
    }
}

public sealed class ShiftResizedConsumer(IDocumentStore store, TimeProvider clock) : ShiftEventConsumer<ShiftResizedV1>(store, clock)
{
    protected override Task<ShiftInfo> Apply(ShiftResizedV1 m, ShiftInfo? info, ViewDocuments views) => Task.FromResult(info!);
}

public sealed class ShiftCancelledConsumer(IDocumentStore store, TimeProvider clock) : ShiftEventConsumer<ShiftCancelledV1>(store, clock)
{
    protected override async Task<ShiftInfo> Apply(ShiftCancelledV1 m, ShiftInfo? info, ViewDocuments views)
    {
        foreach (var holder in m.ReleasedVolunteerIds)
        {
            await views.Schedule(holder, s => s.Without(m.ShiftId));
        }

        return info! with { Cancelled = true, Holders = [] };
    }
}
