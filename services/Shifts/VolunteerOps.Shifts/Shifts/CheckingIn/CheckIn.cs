using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Shifts.CheckingIn;

public sealed record CheckInRequest(Guid? VolunteerId);

public sealed record CheckIn(Guid VolunteerId, string By, bool ByCoordinator);

public static class CheckInDecider
{
    public static readonly TimeSpan OpensBeforeStart = TimeSpan.FromMinutes(30);

    /// <summary>No events: already checked in. A late arrival after a no-show mark checks in and clears it.</summary>
    public static IReadOnlyList<IShiftEvent> Decide(Shift shift, CheckIn command, DateTimeOffset now)
    {
        var holder = shift.HolderOf(command.VolunteerId) ?? throw ShiftRefusals.NotAHolder(command.VolunteerId);
        if (holder.CheckedInAt is not null)
        {
            return [];
        }

        var outsideWindow = now < shift.StartsAt - OpensBeforeStart || now > shift.EndsAt;
        if (outsideWindow && !command.ByCoordinator)
        {
            throw ShiftRefusals.CheckInClosed(shift);
        }

        return [new VolunteerCheckedIn(shift.Id, command.VolunteerId, command.By, now, OverrodeWindow: outsideWindow)];
    }

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapPost("{id}/check-ins", (Guid id, CheckInRequest? request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                var caller = http.Caller();
                var volunteerId = caller.ActingFor(request?.VolunteerId);
                return runner.Run(http, request, async session =>
                {
                    var locked = await LockedShift.Lock(session, id, [], http.ExpectedVersion(), http.RequestAborted);
                    var events = Decide(locked.Shift, new CheckIn(volunteerId, caller.Subject, caller.IsCoordinator), clock.GetUtcNow());
                    var claim = ClaimView.From(id, locked.Append(events).HolderOf(volunteerId)!);
                    return events.Count == 0
                        ? CommandResponse.Ok(claim, locked.Version)
                        : CommandResponse.Created(claim, $"/api/shifts/{id}/claims/{volunteerId}", locked.VersionAfter(events));
                });
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);
}
