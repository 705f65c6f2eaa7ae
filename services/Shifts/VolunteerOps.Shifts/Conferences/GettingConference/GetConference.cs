using Marten;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Conferences.GettingConference;

public static class GetConference
{
    public static void Map(IEndpointRouteBuilder conferences) =>
        conferences.MapGet("{id}", async (Guid id, IQuerySession session, HttpContext http) =>
            {
                var conference = await session.LoadAsync<Conference>(id, http.RequestAborted)
                    ?? throw ProblemException.NotFound($"No conference {id}.");
                http.Response.Headers.ETag = StreamVersions.ToETag(1);
                return Results.Ok(conference);
            })
            .RequireAuthorization(Policies.Reader);
}
