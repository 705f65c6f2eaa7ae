using Marten;
using VolunteerOps.Contracts;
using VolunteerOps.Contracts.Shifts;
using VolunteerOps.Messaging.Consuming;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Scheduling;

namespace VolunteerOps.Notifications.Shifts;

/// <summary>
/// Follows each shift stream in order, tells the people concerned what changed, and re-plans the shift's
/// reminders and under-staffing alert, all in one transaction with the message's dedupe marker.
/// </summary>
public abstract class ShiftEventConsumer<T>(ConsumerServices services) : IdempotentConsumer<T>(services.Store, services.Clock)
    where T : class, IStreamMessage
{
    protected override async Task Handle(T message, IDocumentSession session, CancellationToken ct)
    {
        var before = await session.LoadAsync<WatchedShift>(message.StreamId, ct);
        if (!IsNext(before?.AppliedVersion ?? 0, message))
        {
            return;
        }

        var cause = new NotificationCause(typeof(T).Name, message.StreamId, message.Version);
        var tell = new Teller(services.Notifier, session, cause, ct);
        var after = await React(message, before, tell) with { AppliedVersion = message.Version };
        session.Store(after);
        await services.Planner.Replan(session, after, cause, ct);
    }

    /// <summary>Tells whom it concerns and returns the shift's new state (shift is null only for ShiftScheduled).</summary>
    protected abstract Task<WatchedShift> React(T message, WatchedShift? shift, Teller tell);

    protected sealed class Teller(Notifier notifier, IDocumentSession session, NotificationCause cause, CancellationToken ct)
    {
        public Task Volunteer(Guid volunteerId, string kind, NotificationText text) => notifier.ToVolunteer(session, volunteerId, kind, text, cause, ct);
    }
}

public sealed class ShiftScheduledConsumer(ConsumerServices services) : ShiftEventConsumer<ShiftScheduledV1>(services)
{
    protected override Task<WatchedShift> React(ShiftScheduledV1 m, WatchedShift? shift, Teller tell) =>
        Task.FromResult(new WatchedShift
        {
            Id = m.ShiftId, ConferenceId = m.ConferenceId, Role = m.Role, Title = m.Title, Location = m.Location,
            StartsAt = m.StartsAt, EndsAt = m.EndsAt, Capacity = m.Capacity, Minimum = m.Minimum,
        });
}

public sealed class ShiftClaimedConsumer(ConsumerServices services) : ShiftEventConsumer<ShiftClaimedV1>(services)
{
    protected override async Task<WatchedShift> React(ShiftClaimedV1 m, WatchedShift? shift, Teller tell)
    {
        var after = shift!.With(m.VolunteerId);
        await tell.Volunteer(m.VolunteerId, NotificationKinds.ClaimConfirmed, NotificationTexts.ClaimConfirmed(after));
        return after;
    }
}

public sealed class ShiftReleasedConsumer(ConsumerServices services) : ShiftEventConsumer<ShiftReleasedV1>(services)
{
    protected override async Task<WatchedShift> React(ShiftReleasedV1 m, WatchedShift? shift, Teller tell)
    {
        await tell.Volunteer(m.VolunteerId, NotificationKinds.ClaimReleased, NotificationTexts.ClaimReleased(shift!, m.VolunteerId, m.ReleasedBy));
        return shift!.Without(m.VolunteerId);
    }
}

public sealed class ShiftReassignedConsumer(ConsumerServices services) : ShiftEventConsumer<ShiftReassignedV1>(services)
{
    protected override async Task<WatchedShift> React(ShiftReassignedV1 m, WatchedShift? shift, Teller tell)
    {
        await tell.Volunteer(m.FromVolunteerId, NotificationKinds.ReassignedAway, NotificationTexts.ReassignedAway(shift!, m.Reason));
        await tell.Volunteer(m.ToVolunteerId, NotificationKinds.ReassignedTo, NotificationTexts.ReassignedTo(shift!, m.Reason));
        return shift!.Without(m.FromVolunteerId).With(m.ToVolunteerId);
    }
}

public sealed class VolunteerCheckedInConsumer(ConsumerServices services) : ShiftEventConsumer<VolunteerCheckedInV1>(services)
{
    protected override Task<WatchedShift> React(VolunteerCheckedInV1 m, WatchedShift? shift, Teller tell) => Task.FromResult(shift!);
}

public sealed class VolunteerMarkedNoShowConsumer(ConsumerServices services) : ShiftEventConsumer<VolunteerMarkedNoShowV1>(services)
{
    protected override Task<WatchedShift> React(VolunteerMarkedNoShowV1 m, WatchedShift? shift, Teller tell) => Task.FromResult(shift!);
}

public sealed class ShiftRescheduledConsumer(ConsumerServices services) : ShiftEventConsumer<ShiftRescheduledV1>(services)
{
    protected override async Task<WatchedShift> React(ShiftRescheduledV1 m, WatchedShift? shift, Teller tell)
    {
        var after = shift! with { StartsAt = m.StartsAt, EndsAt = m.EndsAt, Location = m.Location, Title = m.Title };
        foreach (var holder in after.Holders)
        {
            await tell.Volunteer(holder, NotificationKinds.ShiftRescheduled, NotificationTexts.Rescheduled(shift, after));
        }

        return after;
    }
}

public sealed class ShiftResizedConsumer(ConsumerServices services) : ShiftEventConsumer<ShiftResizedV1>(services)
{
    protected override Task<WatchedShift> React(ShiftResizedV1 m, WatchedShift? shift, Teller tell) =>
        Task.FromResult(shift! with { Capacity = m.Capacity, Minimum = m.Minimum });
}

public sealed class ShiftCancelledConsumer(ConsumerServices services) : ShiftEventConsumer<ShiftCancelledV1>(services)
{
    protected override async Task<WatchedShift> React(ShiftCancelledV1 m, WatchedShift? shift, Teller tell)
    {
        foreach (var holder in m.ReleasedVolunteerIds)
        {
            await tell.Volunteer(holder, NotificationKinds.ShiftCancelled, NotificationTexts.Cancelled(shift!, m.Reason));
        }

        return shift! with { Cancelled = true, Holders = [] };
    }
}
