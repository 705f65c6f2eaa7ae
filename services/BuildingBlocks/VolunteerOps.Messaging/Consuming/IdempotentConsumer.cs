using System.Diagnostics.Metrics;
using JasperFx;
using Marten;
using MassTransit;
using VolunteerOps.Contracts;
using VolunteerOps.EventSourcing.Storage;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.Messaging.Consuming;

/// <summary>
/// Handles each message once in effect: the consumer's writes and a <see cref="ProcessedMessage"/>
/// marker (consumer + MessageId) commit together. A redelivered message finds the marker (or loses the
/// race to insert it) and is acknowledged without a second effect.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(IDocumentStore store, TimeProvider clock) : IConsumer<TMessage>
    where TMessage : class
{
    protected IDocumentStore Store { get; } = store;

    protected TimeProvider Clock { get; } = clock;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new PoisonMessageException("A message without a MessageId cannot be deduplicated.");
        var markerId = $"{GetType().Name}:{messageId:N}";
        await using var session = Store.LightweightSession().CarryingTraceContext();
        if (await session.LoadAsync<ProcessedMessage>(markerId, context.CancellationToken) is not null)
        {
            return;
        }

        Validate(context.Message);
        await Handle(context.Message, session, context.CancellationToken);
        session.Insert(new ProcessedMessage(markerId, Clock.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
            ConsumeLag.Record(MillisecondsSince(context.SentTime), new KeyValuePair<string, object?>("consumer", GetType().Name));
        }
        catch (Exception e) when (IsMarkerCollision(e))
        {
            // A concurrent delivery of the same message committed first; this one changes nothing.
        }
    }

    /// <summary>From the publish (after the producer's commit) to this consumer's commit: how far a view trails.</summary>
    private static readonly Histogram<double> ConsumeLag = VolunteerOpsTelemetry.Meter.CreateHistogram<double>(
        "volunteerops.messages.consume_lag", "ms", "From a message's publication to the consumer's commit of its effect.");

    private static double MillisecondsSince(DateTime? sentAt) =>
        sentAt is { } at ? Math.Max(0, (DateTime.UtcNow - at).TotalMilliseconds) : 0;

    protected abstract Task Handle(TMessage message, IDocumentSession session, CancellationToken ct);

    /// <summary>
    /// Applies a stream's messages in order: true to apply, false when already applied (a duplicate);
    /// throws when an earlier message of the stream is still missing, so the retry policy waits for it.
    /// </summary>
    protected static bool IsNext(long appliedVersion, IStreamMessage message)
    {
        if (message.Version <= appliedVersion)
        {
            return false;
        }

        return message.Version == appliedVersion + 1
            ? true
            : throw new MessageOutOfOrderException(message.StreamId, appliedVersion + 1, message.Version);
    }

    private static void Validate(TMessage message)
    {
        if (message is IStreamMessage { StreamId: var id, Version: var version } && (id == Guid.Empty || version < 1))
        {
            throw new PoisonMessageException($"{typeof(TMessage).Name} has no stream id or version.");
        }
    }

    private static bool IsMarkerCollision(Exception e) =>
        e is DocumentAlreadyExistsException { DocType: var type } && type == typeof(ProcessedMessage);
}
