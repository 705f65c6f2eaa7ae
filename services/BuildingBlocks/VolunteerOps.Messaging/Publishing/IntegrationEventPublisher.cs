using System.Diagnostics;
using System.Diagnostics.Metrics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.Messaging.Publishing;

/// <summary>
/// Publishes a page of committed events. MessageId is the stored event's id, so a page published twice
/// (after a crash, before the checkpoint moved) is recognised by every consumer. Events of one stream are
/// published one after another (consumers see a stream in order); different streams go concurrently,
/// because one awaited confirm at a time caps publishing near 440 messages/s. A broker outage holds the
/// page here, retrying, and the checkpoint does not move: nothing is skipped.
/// </summary>
public sealed partial class IntegrationEventPublisher<TMap> : SubscriptionBase
    where TMap : IIntegrationEventMap
{
    private static readonly TimeSpan PublishAttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>From the event's commit to the broker's confirm: the outbox's share of every view's lag.</summary>
    private static readonly Histogram<double> PublishingLag = VolunteerOpsTelemetry.Meter.CreateHistogram<double>(
        "volunteerops.publishing.lag", "ms", "From an event's commit to the broker's confirmation of its message.");

    private readonly IBus bus;
    private readonly TMap map;
    private readonly TopologyReady topology;
    private readonly ILogger logger;

    public IntegrationEventPublisher(IBus bus, TMap map, TopologyReady topology, ILogger<IntegrationEventPublisher<TMap>> logger)
    {
        this.bus = bus;
        this.map = map;
        this.topology = topology;
        this.logger = logger;
        Name = "integration-events";
        foreach (var type in map.PublishedEventTypes)
        {
            IncludeType(type);
        }
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await topology.WaitAsync(cancellationToken);
        var streams = page.Events
            .Select(e => (Stored: e, Message: map.ToMessage(e)))
            .Where(x => x.Message is not null)
            .GroupBy(x => x.Stored.StreamId);
        await Task.WhenAll(streams.Select(async stream =>
        {
            foreach (var (stored, message) in stream)
            {
                await PublishUntilAccepted(stored, message!, cancellationToken);
            }
        }));
        return NullChangeListener.Instance;
    }

    private async Task PublishUntilAccepted(IEvent stored, object message, CancellationToken ct)
    {
        // A child of the request that appended the event (its trace context rides in the event's headers);
        // MassTransit's send activity, and through the message headers the consumers', hang below it.
        using var activity = TraceContext.StartChildOf(TraceParentOf(stored), "outbox publish " + message.GetType().Name, ActivityKind.Producer);
        activity?.SetTag("volunteerops.event.id", stored.Id);
        activity?.SetTag("volunteerops.event.sequence", stored.Sequence);
        activity?.SetTag("volunteerops.stream.id", stored.StreamId);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A publish caught by a broker outage can wait on a dead channel for ever: bound each
                // attempt, and try again on a fresh one.
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attemptTimeout.CancelAfter(PublishAttemptTimeout);
                await bus.Publish(message, message.GetType(), context =>
                {
                    context.MessageId = stored.Id;
                    context.CorrelationId = stored.StreamId;
                }, attemptTimeout.Token);
                PublishingLag.Record(
                    Math.Max(0, (DateTimeOffset.UtcNow - stored.Timestamp).TotalMilliseconds),
                    new KeyValuePair<string, object?>("message", message.GetType().Name));
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogPublishFailed(logger, e, stored.Id, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt)), ct);
            }
        }
    }

    private static string? TraceParentOf(IEvent stored) =>
        stored.Headers?.TryGetValue(TraceContext.Header, out var value) == true ? value?.ToString() : null;

    [LoggerMessage(LogLevel.Warning, "Publishing event {EventId} failed (attempt {Attempt}); retrying")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid eventId, int attempt);
}
