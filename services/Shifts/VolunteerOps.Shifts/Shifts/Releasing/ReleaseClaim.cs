using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Shifts.Releasing;

public sealed record ReleaseClaim(Guid VolunteerId, string By, bool ByCoordinator);

public static class ReleaseClaimDecider
{
    public static IReadOnlyList<IShiftEvent> Decide(Shift shift, ReleaseClaim command, DateTimeOffset now)
    {
        if (shift.HolderOf(command.VolunteerId) is null)
        {
            throw new ProblemException(404, "claim-not-found", "No such claim.", $"Volunteer {command.VolunteerId} holds no seat on this shift.");
        }

        var pastCutoff = now > shift.StartsAt.AddMinutes(-shift.ReleaseCutoffMinutes);
        if (pastCutoff && !command.ByCoordinator)
        {
            throw ShiftRefusals.ReleaseCutoffPassed(shift);
        }

        return [new ShiftReleased(shift.Id, command.VolunteerId, command.By, now, OverrodeCutoff: pastCutoff)];
    }

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapDelete("{id}/claims/{volunteerId}", (Guid id, Guid volunteerId, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                var caller = http.Caller();
                caller.ActingFor(volunteerId);
                return runner.Run(http, null, async session =>
                {
                    var locked = await LockedShift.Lock(session, id, [volunteerId], http.ExpectedVersion(), http.RequestAborted);
                    var events = Decide(locked.Shift, new ReleaseClaim(volunteerId, caller.Subject, caller.IsCoordinator), clock.GetUtcNow());
                    locked.Append(events);
                    return CommandResponse.NoContent(locked.VersionAfter(events));
                });
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);
}
