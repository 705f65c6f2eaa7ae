using System.Globalization;
using Microsoft.AspNetCore.Http.Timeouts;
using Yarp.ReverseProxy.Forwarder;

namespace VolunteerOps.Gateway.Proxying;

/// <summary>
/// When a service cannot be reached (down, no healthy destination, no answer in time) the client gets
/// 503 problem details with Retry-After, never an empty 502 or a stack trace. The request may not have
/// reached the service; clients retry with the same Idempotency-Key.
/// </summary>
public static class ProxyErrors
{
    private const int RetryAfterSeconds = 5;

    public static async Task AnswerUnavailable(HttpContext http, Func<Task> next)
    {
        await next();
        var error = http.Features.Get<IForwarderErrorFeature>();
        // The gateway's own request timeout cancels the request as if the client had: it is the service that was slow.
        var timedOut = http.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;
        if (error is null || http.Response.HasStarted || (error.Error == ForwarderError.RequestCanceled && !timedOut))
        {
            return;
        }

        http.Response.Clear();
        if (!timedOut && error.Error is ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled)
        {
            // The client's own body broke off: nothing for it to retry as it was.
            await ProblemResponses.Write(http, StatusCodes.Status400BadRequest, "invalid-request", "The request body could not be read.",
                "The body ended early or was malformed.");
            return;
        }

        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponses.Write(http, StatusCodes.Status503ServiceUnavailable, "service-unavailable",
            "A service is unavailable. Retry shortly.", "The service behind this route did not answer.");
    }
}
