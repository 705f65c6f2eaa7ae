using Microsoft.AspNetCore.Http.Timeouts;

namespace VolunteerOps.Gateway.Proxying;

/// <summary>
/// A service that does not answer within Gateway:RequestTimeout (30 s) is a dependency failure: 503 problem
/// details with Retry-After, as when it is down, never a bare 504. The /stream routes opt out in the route table.
/// </summary>
public static class GatewayTimeouts
{
    public static IServiceCollection AddGatewayTimeouts(this IServiceCollection services, IConfiguration configuration) =>
        services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = configuration.GetValue("Gateway:RequestTimeout", TimeSpan.FromSeconds(30)),
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = async http =>
            {
                http.Response.Headers.RetryAfter = "5";
                await ProblemResponses.Write(http, StatusCodes.Status503ServiceUnavailable, "service-unavailable",
                    "A service is unavailable. Retry shortly.", "The service behind this route did not answer in time.");
            },
        });
}
