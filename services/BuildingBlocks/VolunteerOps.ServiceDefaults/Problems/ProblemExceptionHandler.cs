using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace VolunteerOps.ServiceDefaults.Problems;

/// <summary>Turns known exceptions into problem details: refusals, and anything a client sent badly.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException p => FromProblemException(p),
            BadHttpRequestException bad => FromBadRequest(bad),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails FromProblemException(ProblemException p)
    {
        ProblemDetails problem = p.Errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(p.Errors);
        problem.Status = p.Status;
        problem.Type = ProblemTypes.For(p.Slug);
        problem.Title = p.Title;
        problem.Detail = p.Detail;
        foreach (var (key, value) in p.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        // Body too large, unreadable JSON, a parameter that does not parse: the status says which.
        if (bad.InnerException is JsonException json)
        {
            return Malformed(json);
        }

        return new ProblemDetails
        {
            Status = bad.StatusCode,
            Type = ProblemTypes.For(bad.StatusCode == 400 ? "malformed-request" : ProblemTypes.SlugForStatus(bad.StatusCode)),
            Title = bad.StatusCode == 413 ? "The request body is too large." : "The request could not be read.",
            Detail = bad.StatusCode == 413 ? $"At most {ServiceDefaultsExtensions.MaxRequestBodyBytes} bytes are accepted." : Describe(bad),
        };
    }

    /// <summary>Parameter messages name the parameter and what it expected (safe to show); body messages talk about our code.</summary>
    private static string Describe(BadHttpRequestException bad) =>
        bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "A JSON request body is required." : bad.Message;

    private static ProblemDetails Malformed(JsonException json) => new()
    {
        Status = 400,
        Type = ProblemTypes.For("malformed-request"),
        Title = "The request body is not valid JSON for this endpoint.",
        // Only the JSON path: the exception's own message names our internal types.
        Detail = json.Path is { Length: > 0 } path ? $"The value at '{path}' is malformed or of the wrong type." : "The body is not valid JSON.",
    };
}
