using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.ServiceDefaults.Problems;

public static class ProblemDetailsSetup
{
    public static IServiceCollection AddVolunteerOpsProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            var status = problem.Status ?? ctx.HttpContext.Response.StatusCode;
            // ASP.NET fills RFC links for plain status codes; clients get our stable slugs instead.
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.For(ProblemTypes.SlugForStatus(status));
            }

            VolunteerOpsTelemetry.Refusals.Add(1, new("type", ProblemTypes.SlugOf(problem.Type)), new("status", status));
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
            // Never leak exception text or internal names to clients.
            problem.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
