using Marten;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Shifts.GettingDetails;

public static class GetShiftDetails
{
    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapGet("{id}", async (Guid id, IQuerySession session, HttpContext http) =>
            {
                var shift = await session.LoadAsync<Shift>(id, http.RequestAborted) ?? throw ProblemException.NotFound($"No shift {id}.");
                http.Response.Headers.ETag = StreamVersions.ToETag(shift.Version);
                return Results.Ok(ShiftDetails.From(shift, shift.Version));
            })
            .RequireAuthorization(Policies.Reader);
}
