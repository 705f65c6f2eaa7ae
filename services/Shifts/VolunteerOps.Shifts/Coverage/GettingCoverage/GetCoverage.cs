using Marten;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Coverage.GettingCoverage;

/// <summary>GET /api/coverage: how well staffed a conference is, now or at a past moment (asOf).</summary>
public static class GetCoverage
{
    public static void Map(IEndpointRouteBuilder coverage) =>
        coverage.MapGet("", async ([AsParameters] CoverageQuery query, IQuerySession session, HttpContext http, TimeProvider clock) =>
            {
                var now = clock.GetUtcNow();
                var request = query.Parse(now);
                var shifts = await ConferenceShifts.Require(session, request.ConferenceId, request.AsOf, http.RequestAborted);
                return Results.Ok(CoverageAggregation.Build(request, shifts.Shifts, now));
            })
            .RequireAuthorization(Policies.Reader);
}
