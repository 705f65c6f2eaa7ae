using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace VolunteerOps.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces, metrics and logs; exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set; metrics also
    /// for Prometheus to scrape at /metrics. Traces follow a request from the gateway through a service, its
    /// database calls, the publishing subscription (the trace context rides in the event's headers), RabbitMQ
    /// (MassTransit's own activities) and the consumers, down to a notification's delivery.
    /// </summary>
    public static IHostApplicationBuilder AddVolunteerOpsTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME wins when set (the SDK reads it); otherwise the host's name.
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(VolunteerOpsTelemetry.MeterName, "Marten", "Npgsql", "MassTransit")
                .AddPrometheusExporter())
            .WithTracing(t => t
                .AddSource(builder.Environment.ApplicationName, VolunteerOpsTelemetry.ActivitySourceName, "Marten", "Npgsql", "MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
