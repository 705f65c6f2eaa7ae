using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.Messaging.Publishing;

/// <summary>
/// How many committed events each async shard (the publishing subscription) has not processed yet: the store's high-water
/// mark minus the shard's progress. The publishing-lag histogram only times events that did get published; this gauge
/// shows a stalled shard (a broker outage, a paused subscription) while it is stalled. Read every few seconds on the worker.
/// </summary>
internal sealed partial class DaemonBacklog(IDocumentStore store, ILogger<DaemonBacklog> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    // One gauge per process, fed by every store in it (the tests run several hosts in one process), by schema and shard.
    private static readonly ConcurrentDictionary<(string Schema, string Shard), long> Behind = new();

    private static readonly ObservableGauge<long> Gauge = VolunteerOpsTelemetry.Meter.CreateObservableGauge(
        "volunteerops.daemon.behind",
        () => Behind.Select(b => new Measurement<long>(
            b.Value, new KeyValuePair<string, object?>("schema", b.Key.Schema), new KeyValuePair<string, object?>("shard", b.Key.Shard))),
        "{event}", "Committed events an async shard (the publishing subscription) has not processed yet.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = Gauge; // the gauge exists from the worker's start, before the first read
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var schema = store.Options.Events.DatabaseSchemaName;
                var progress = await store.Advanced.AllProjectionProgress(token: stoppingToken);
                var highWaterMark = progress.FirstOrDefault(p => p.ShardName == ShardState.HighWaterMark)?.Sequence ?? 0;
                foreach (var shard in progress.Where(p => p.ShardName != ShardState.HighWaterMark))
                {
                    Behind[(schema, shard.ShardName)] = Math.Max(0, highWaterMark - shard.Sequence);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReadFailed(e); // PostgreSQL away: the health check says so; the gauge keeps its last values
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the async daemon's progress")]
    private partial void LogReadFailed(Exception exception);
}
