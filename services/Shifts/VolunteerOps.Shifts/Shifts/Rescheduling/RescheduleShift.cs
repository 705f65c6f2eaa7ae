using Marten;
using VolunteerOps.EventSourcing;
using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Conferences;

namespace VolunteerOps.Shifts.Shifts.Rescheduling;

/// <summary>PATCH: every field optional; what is absent stays as it is.</summary>
public sealed record RescheduleRequest(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? Capacity, int? Minimum, string? Location, string? Title);

public sealed record HolderConflict(Guid VolunteerId, Guid ConflictingShiftId);

public static class RescheduleShiftDecider
{
    /// <summary>
    /// Moves or resizes a shift. Holders are never dropped silently: shrinking below the holders, or moving
    /// the shift onto another shift a holder has, is refused with the list of who is in the way.
    /// </summary>
    public static IReadOnlyList<IShiftEvent> Decide(
        Shift shift, Conference conference, Func<Guid, VolunteerCommitments?> commitmentsOf, RescheduleRequest r, string by, DateTimeOffset now)
    {
        if (shift.Cancelled)
        {
            throw ShiftRefusals.Cancelled(shift);
        }

        var startsAt = r.StartsAt ?? shift.StartsAt;
        var endsAt = r.EndsAt ?? shift.EndsAt;
        var capacity = r.Capacity ?? shift.Capacity;
        var minimum = r.Minimum ?? Math.Min(shift.Minimum, capacity);
        new Validation().CheckShape(startsAt, endsAt, capacity, minimum).ThrowIfInvalid();
        ShiftRules.EnsureWithinConference(conference, startsAt, endsAt);

        if (capacity < shift.Filled)
        {
            throw ShiftRefusals.CapacityBelowHolders(shift, capacity);
        }

        var conflicts = shift.Holders
            .Select(h => (h.VolunteerId, Other: commitmentsOf(h.VolunteerId)?.FirstOverlap(startsAt, endsAt, shift.Id)))
            .Where(c => c.Other is not null)
            .Select(c => new HolderConflict(c.VolunteerId, c.Other!.ShiftId))
            .ToList();
        if (conflicts.Count > 0)
        {
            throw new DomainRefusal("reschedule-conflict", "Holders would overlap another of their shifts.",
                    $"{conflicts.Count} holder(s) hold another shift at the new time; release or reassign them first.")
                .With("conflicts", conflicts);
        }

        var events = new List<IShiftEvent>();
        var location = r.Location?.Trim() ?? shift.Location;
        var title = r.Title?.Trim() ?? shift.Title;
        if (startsAt != shift.StartsAt || endsAt != shift.EndsAt || location != shift.Location || title != shift.Title)
        {
            events.Add(new ShiftRescheduled(shift.Id, startsAt, endsAt, location, title, by, now));
        }

        if (capacity != shift.Capacity || minimum != shift.Minimum)
        {
            events.Add(new ShiftResized(shift.Id, capacity, minimum, by, now));
        }

        return events;
    }

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapPatch("{id}", (Guid id, RescheduleRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                new Validation()
                    .Text(request.Location, "location", 1, 100, required: false)
                    .Text(request.Title, "title", 1, 200, required: false)
                    .Range(request.Capacity, "capacity", 1, ShiftRules.MaxCapacity, required: false)
                    .ThrowIfInvalid();
                return runner.Run(http, request, async session =>
                {
                    var locked = await LockedShift.Lock(session, id, [], http.ExpectedVersion(), http.RequestAborted);
                    await locked.LockHolders(http.RequestAborted);
                    var conference = await session.LoadAsync<Conference>(locked.Shift.ConferenceId, http.RequestAborted)
                        ?? throw new InvalidOperationException($"Shift {id} names a conference that does not exist.");
                    var events = Decide(locked.Shift, conference, locked.CommitmentsOf, request, http.Caller().Subject, clock.GetUtcNow());
                    var after = locked.Append(events);
                    return CommandResponse.Ok(ShiftDetails.From(after, locked.VersionAfter(events)), locked.VersionAfter(events));
                });
            })
            .RequireAuthorization(Policies.Coordinator);
}
