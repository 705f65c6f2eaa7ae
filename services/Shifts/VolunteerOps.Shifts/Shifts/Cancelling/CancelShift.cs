using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Shifts.Cancelling;

public sealed record CancelRequest(string? Reason);

public sealed record CancelShift(string Reason, string By);

public static class CancelShiftDecider
{
    public static IReadOnlyList<IShiftEvent> Decide(Shift shift, CancelShift command, DateTimeOffset now)
    {
        if (shift.Cancelled)
        {
            throw ShiftRefusals.Cancelled(shift);
        }

        return [new ShiftCancelled(shift.Id, command.Reason, [.. shift.Holders.Select(h => h.VolunteerId)], command.By, now)];
    }

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapPost("{id}/cancel", (Guid id, CancelRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                new Validation().Text(request.Reason, "reason", 1, 500).ThrowIfInvalid();
                var command = new CancelShift(request.Reason!.Trim(), http.Caller().Subject);
                return runner.Run(http, request, async session =>
                {
                    var locked = await LockedShift.Lock(session, id, [], http.ExpectedVersion(), http.RequestAborted);
                    await locked.LockHolders(http.RequestAborted);
                    var events = Decide(locked.Shift, command, clock.GetUtcNow());
                    var after = locked.Append(events);
                    return CommandResponse.Ok(ShiftDetails.From(after, locked.VersionAfter(events)), locked.VersionAfter(events));
                });
            })
            .RequireAuthorization(Policies.Coordinator);
}
