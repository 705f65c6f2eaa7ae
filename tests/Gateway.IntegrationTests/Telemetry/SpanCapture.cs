using System.Collections.ObjectModel;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Gateway.IntegrationTests.Telemetry;

/// <summary>
/// Every span the in-process hosts finish, through OpenTelemetry's in-memory exporter. The gateway and the services run in
/// this test process, so one tracer provider listening to every source sees all of their spans.
/// </summary>
public sealed class SpanCapture : IDisposable
{
    private readonly Spans spans = [];
    private readonly TracerProvider provider;

    public SpanCapture() =>
        provider = Sdk.CreateTracerProviderBuilder()
            .AddSource("*")
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddInMemoryExporter(spans)
            .Build()!;

    public IReadOnlyList<Activity> Of(ActivityTraceId trace) => spans.Snapshot().Where(s => s.TraceId == trace).ToList();

    public void Dispose() => provider.Dispose();

    /// <summary>The exporter adds from whichever thread ends a span; the test reads while they arrive.</summary>
    private sealed class Spans : Collection<Activity>
    {
        private readonly Lock gate = new();

        public Activity[] Snapshot()
        {
            lock (gate)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
