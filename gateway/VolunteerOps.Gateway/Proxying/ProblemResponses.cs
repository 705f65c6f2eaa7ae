using Microsoft.AspNetCore.Mvc;
using VolunteerOps.ServiceDefaults.Problems;

namespace VolunteerOps.Gateway.Proxying;

/// <summary>Problem details the gateway answers itself (the services answer theirs).</summary>
public static class ProblemResponses
{
    public static async Task Write(HttpContext http, int status, string slug, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Type = ProblemTypes.For(slug), Title = title, Detail = detail },
        });
    }
}
