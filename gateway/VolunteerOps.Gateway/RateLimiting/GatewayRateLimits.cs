using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using VolunteerOps.Gateway.Proxying;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Gateway.RateLimiting;

/// <summary>
/// Per-caller token buckets: "writes" for every change, the stricter "claims" for taking seats (the one
/// write a script would hammer when sign-up opens). A caller is their token's subject, or their address
/// when anonymous. Refusals are 429 problem details with Retry-After.
/// </summary>
public static class GatewayRateLimits
{
    public const string Writes = "writes";
    public const string Claims = "claims";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("Gateway:RateLimits");
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Writes, http => PerCaller(http, limits.GetSection("Writes")));
            o.AddPolicy(Claims, http => PerCaller(http, limits.GetSection("Claims")));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemResponses.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.",
                    $"Slow down: try again in {seconds} s.");
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerCaller(HttpContext http, IConfigurationSection bucket)
    {
        var caller = http.User.FindFirst(Caller.SubjectClaim)?.Value is { } subject
            ? "sub:" + subject
            : "ip:" + http.Connection.RemoteIpAddress;
        return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket.GetValue("TokenLimit", 10),
            TokensPerPeriod = bucket.GetValue("TokensPerPeriod", 1),
            ReplenishmentPeriod = bucket.GetValue("ReplenishmentPeriod", TimeSpan.FromSeconds(1)),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
