using Marten;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Roster.Volunteers.GettingProfile;

public static class GetVolunteer
{
    public static void Map(IEndpointRouteBuilder volunteers)
    {
        volunteers.MapGet("me", (HttpContext http, IQuerySession session) =>
                Profile(http.Caller().ActingFor(null), session, http))
            .RequireAuthorization(Policies.VolunteerOrCoordinator);
        volunteers.MapGet("{id}", (Guid id, HttpContext http, IQuerySession session) =>
                Profile(http.Caller().ActingFor(id), session, http))
            .RequireAuthorization(Policies.VolunteerOrCoordinator);
    }

    private static async Task<IResult> Profile(Guid id, IQuerySession session, HttpContext http)
    {
        var volunteer = await session.LoadAsync<Volunteer>(id, http.RequestAborted) ?? throw ProblemException.NotFound($"No volunteer {id}.");
        http.Response.Headers.ETag = StreamVersions.ToETag(volunteer.Version);
        return Results.Ok(VolunteerView.From(volunteer, volunteer.Version));
    }
}
