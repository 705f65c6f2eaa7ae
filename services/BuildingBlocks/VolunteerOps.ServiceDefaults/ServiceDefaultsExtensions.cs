using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using VolunteerOps.ServiceDefaults.Json;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.ServiceDefaults;

/// <summary>What every VolunteerOps host shares: telemetry, health, problem details, JSON, auth, limits.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Requests larger than this are refused with 413 before any handler runs.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddVolunteerOpsTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddVolunteerOpsProblemDetails();
        builder.Services.AddVolunteerOpsJson();
        builder.AddVolunteerOpsAuthentication();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(
            o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        // Bad bodies and parameters throw BadHttpRequestException so the exception handler can answer
        // with problem details instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureForwardedHeaders(builder.Configuration);
        return builder;
    }

    /// <summary>The middleware order every service uses, then /health and /alive.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit(MaxRequestBodyBytes);
        app.UseAuthentication();
        app.UseAuthorization();

        // /health: everything this service depends on; /alive: the process answers at all.
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.Write }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live"), ResponseWriter = HealthReportWriter.Write })
            .AllowAnonymous();
        // Prometheus' text format; anonymous like health (scrapers carry no token). A host that faces the public (the
        // gateway) keeps it off its public port: Telemetry:MetricsPort names a port of its own (also listed in
        // ASPNETCORE_HTTP_PORTS), and /metrics answers only there.
        var metrics = app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        if (app.Configuration.GetValue<int?>("Telemetry:MetricsPort") is { } metricsPort)
        {
            metrics.RequireHost($"*:{metricsPort}");
        }
        return app;
    }
}
