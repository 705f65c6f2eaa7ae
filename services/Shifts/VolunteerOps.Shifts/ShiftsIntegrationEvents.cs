using JasperFx.Events;
using VolunteerOps.Contracts.Shifts;
using VolunteerOps.Messaging.Publishing;
using VolunteerOps.Shifts.Shifts;

namespace VolunteerOps.Shifts;

/// <summary>What the Shifts service tells other services: every event of a shift stream, with its version.</summary>
public sealed class ShiftsIntegrationEvents : IIntegrationEventMap
{
    public IReadOnlyCollection<Type> PublishedEventTypes { get; } =
    [
        typeof(ShiftScheduled), typeof(ShiftClaimed), typeof(ShiftReleased), typeof(ShiftReassigned), typeof(VolunteerCheckedIn),
        typeof(VolunteerMarkedNoShow), typeof(ShiftRescheduled), typeof(ShiftResized), typeof(ShiftCancelled),
    ];

    public object? ToMessage(IEvent stored) => stored.Data switch
    {
        ShiftScheduled e => new ShiftScheduledV1(e.ShiftId, stored.Version, e.ConferenceId, e.Role, e.Title, e.Location,
            e.StartsAt.ToUniversalTime(), e.EndsAt.ToUniversalTime(), e.Capacity, e.Minimum, e.SessionRef, e.ScheduledBy, e.ScheduledAt),
        ShiftClaimed e => new ShiftClaimedV1(e.ShiftId, stored.Version, e.VolunteerId, e.ClaimedBy, e.ClaimedAt, e.OverrodeSignupClosed),
        ShiftReleased e => new ShiftReleasedV1(e.ShiftId, stored.Version, e.VolunteerId, e.ReleasedBy, e.ReleasedAt, e.OverrodeCutoff),
        ShiftReassigned e => new ShiftReassignedV1(e.ShiftId, stored.Version, e.FromVolunteerId, e.ToVolunteerId, e.Reason, e.ReassignedBy, e.ReassignedAt),
        VolunteerCheckedIn e => new VolunteerCheckedInV1(e.ShiftId, stored.Version, e.VolunteerId, e.CheckedInBy, e.CheckedInAt),
        VolunteerMarkedNoShow e => new VolunteerMarkedNoShowV1(e.ShiftId, stored.Version, e.VolunteerId, e.MarkedBy, e.MarkedAt),
        ShiftRescheduled e => new ShiftRescheduledV1(e.ShiftId, stored.Version, e.StartsAt.ToUniversalTime(), e.EndsAt.ToUniversalTime(), e.Location, e.Title, e.RescheduledBy, e.RescheduledAt),
        ShiftResized e => new ShiftResizedV1(e.ShiftId, stored.Version, e.Capacity, e.Minimum, e.ResizedBy, e.ResizedAt),
        ShiftCancelled e => new ShiftCancelledV1(e.ShiftId, stored.Version, e.Reason, e.ReleasedVolunteerIds, e.CancelledBy, e.CancelledAt),
        _ => null,
    };
}
