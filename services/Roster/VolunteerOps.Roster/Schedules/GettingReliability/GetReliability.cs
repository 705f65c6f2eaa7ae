using Marten;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Roster.Schedules.GettingReliability;

public static class GetReliability
{
    public static void Map(IEndpointRouteBuilder volunteers) =>
        volunteers.MapGet("{id}/reliability", async (Guid id, HttpContext http, IQuerySession session) =>
            {
                http.Caller().ActingFor(id);
                return Results.Ok(await session.LoadAsync<ReliabilityProfile>(id, http.RequestAborted) ?? new ReliabilityProfile { Id = id });
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);
}
