using VolunteerOps.EventSourcing;
using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Roster.Volunteers.Deactivating;

public sealed record DeactivateRequest(string? Reason);

/// <summary>Deactivation stops future claims; the Shifts service releases the volunteer's future seats when it hears of it.</summary>
public static class DeactivateVolunteer
{
    public static IReadOnlyList<object> Decide(Volunteer v, string reason, string by, DateTimeOffset now) =>
        v.Active
            ? [new VolunteerDeactivated(v.Id, reason, by, now)]
            : throw new DomainRefusal("already-deactivated", "The volunteer is already deactivated.");

    public static void Map(IEndpointRouteBuilder volunteers) =>
        volunteers.MapPost("{id}/deactivate", (Guid id, DeactivateRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                new Validation().Text(request.Reason, "reason", 1, 500).ThrowIfInvalid();
                return runner.Run(http, request, session => VolunteerChanges.Change(session, id, http.ExpectedVersion(),
                    v => Decide(v, request.Reason!.Trim(), http.Caller().Subject, clock.GetUtcNow()), http.RequestAborted));
            })
            .RequireAuthorization(Policies.Coordinator);
}
