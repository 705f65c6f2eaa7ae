using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Shifts.MarkingNoShows;

public sealed record NoShowRequest(Guid? VolunteerId);

public sealed record MarkNoShow(Guid VolunteerId, string By);

public static class MarkNoShowDecider
{
    /// <summary>No events: already marked.</summary>
    public static IReadOnlyList<IShiftEvent> Decide(Shift shift, MarkNoShow command, DateTimeOffset now)
    {
        var holder = shift.HolderOf(command.VolunteerId) ?? throw ShiftRefusals.NotAHolder(command.VolunteerId);
        if (now < shift.StartsAt)
        {
            throw ShiftRefusals.NotStarted(shift);
        }

        if (holder.CheckedInAt is not null)
        {
            throw ShiftRefusals.AlreadyCheckedIn(command.VolunteerId);
        }

        return holder.NoShowAt is not null ? [] : [new VolunteerMarkedNoShow(shift.Id, command.VolunteerId, command.By, now)];
    }

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapPost("{id}/no-shows", (Guid id, NoShowRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                new Validation().Required(request.VolunteerId, "volunteerId").ThrowIfInvalid();
                var command = new MarkNoShow(request.VolunteerId!.Value, http.Caller().Subject);
                return runner.Run(http, request, async session =>
                {
                    var locked = await LockedShift.Lock(session, id, [], http.ExpectedVersion(), http.RequestAborted);
                    var events = Decide(locked.Shift, command, clock.GetUtcNow());
                    var claim = ClaimView.From(id, locked.Append(events).HolderOf(command.VolunteerId)!);
                    return events.Count == 0
                        ? CommandResponse.Ok(claim, locked.Version)
                        : CommandResponse.Created(claim, $"/api/shifts/{id}/claims/{command.VolunteerId}", locked.VersionAfter(events));
                });
            })
            .RequireAuthorization(Policies.Coordinator);
}
