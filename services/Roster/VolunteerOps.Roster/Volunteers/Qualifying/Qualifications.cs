using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Roster.Volunteers.Qualifying;

public sealed record GrantRequest(string? Qualification);

/// <summary>Coordinators grant and revoke qualifications (e.g. "chair-briefing" for session chairs).</summary>
public static class Qualifications
{
    /// <summary>No events: the volunteer already has it.</summary>
    public static IReadOnlyList<object> Grant(Volunteer v, string qualification, string by, DateTimeOffset now) =>
        v.HasQualification(qualification) ? [] : [new QualificationGranted(v.Id, qualification, by, now)];

    public static IReadOnlyList<object> Revoke(Volunteer v, string qualification, string by, DateTimeOffset now) =>
        v.HasQualification(qualification)
            ? [new QualificationRevoked(v.Id, qualification, by, now)]
            : throw new ProblemException(404, "qualification-not-found", "The volunteer does not have this qualification.");

    public static void Map(IEndpointRouteBuilder volunteers)
    {
        volunteers.MapPost("{id}/qualifications", (Guid id, GrantRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                new Validation().Text(request.Qualification, "qualification", 1, 100).ThrowIfInvalid();
                var qualification = request.Qualification!.Trim();
                return runner.Run(http, request, session => VolunteerChanges.Change(session, id, http.ExpectedVersion(),
                    v => Grant(v, qualification, http.Caller().Subject, clock.GetUtcNow()), http.RequestAborted));
            })
            .RequireAuthorization(Policies.Coordinator);

        volunteers.MapDelete("{id}/qualifications/{qualification}", (Guid id, string qualification, HttpContext http, CommandRunner runner, TimeProvider clock) =>
                runner.Run(http, null, async session =>
                {
                    var changed = await VolunteerChanges.Change(session, id, http.ExpectedVersion(),
                        v => Revoke(v, qualification, http.Caller().Subject, clock.GetUtcNow()), http.RequestAborted);
                    return CommandResponse.NoContent(changed.Version);
                }))
            .RequireAuthorization(Policies.Coordinator);
    }
}
