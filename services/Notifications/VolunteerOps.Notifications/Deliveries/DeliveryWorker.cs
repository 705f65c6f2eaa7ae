using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Options;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Storage;
using VolunteerOps.Notifications.Signals;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.Notifications.Deliveries;

/// <summary>
/// Sends due deliveries: a batch locked in one transaction (so no other instance sends them meanwhile),
/// sent in parallel, each attempt recorded, committed together. Woken at once when any instance commits a
/// new delivery, and by the poll for retries whose backoff has run out. A crash between sending and
/// committing sends again later with the same idempotency key.
/// </summary>
public sealed partial class DeliveryWorker(
    IDocumentStore store, IEnumerable<IChannelSender> senders, PostgresSignals signals, TimeProvider clock,
    IOptions<NotificationsOptions> options, ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    private const int BatchSize = 16;
    private readonly Dictionary<string, IChannelSender> byChannel = senders.ToDictionary(s => s.Channel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendBatch(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogBatchFailed(logger, e);
            }

            await signals.DeliveriesDue.Wait(options.Value.PollInterval, stoppingToken);
        }
    }

    private async Task<int> SendBatch(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(ct);
        var due = await RowLocks.Due<Delivery>(
            session, "status = ? and next_attempt_at <= ?", "next_attempt_at", BatchSize, ct, nameof(DeliveryStatus.Pending), clock.GetUtcNow());
        if (due.Count == 0)
        {
            return 0;
        }

        var notifications = (await session.LoadManyAsync<Notification>(ct, due.Select(d => d.NotificationId).Distinct()))
            .ToDictionary(n => n.Id);
        var outcomes = await Task.WhenAll(due.Select(d => Attempt(d, notifications[d.NotificationId], ct)));
        foreach (var after in outcomes)
        {
            session.Store(after);
        }

        await session.SaveChangesAsync(ct);
        return due.Count;
    }

    private async Task<Delivery> Attempt(Delivery delivery, Notification notification, CancellationToken ct)
    {
        using var activity = TraceContext.StartChildOf(delivery.TraceParent, "deliver " + delivery.Channel, ActivityKind.Client);
        activity?.SetTag("volunteerops.delivery.id", delivery.Id);
        activity?.SetTag("volunteerops.delivery.attempt", delivery.Attempts.Count + 1);
        var limits = options.Value.Delivery;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limits.AttemptTimeout);
        SendOutcome outcome;
        try
        {
            outcome = await byChannel[delivery.Channel].Send(delivery, notification, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = new SendOutcome(false, $"No answer within {limits.AttemptTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Whatever went wrong (refused connection, bad address, TLS), it is this attempt's outcome.
            outcome = new SendOutcome(false, $"{e.GetType().Name}: {e.Message}");
        }

        var at = clock.GetUtcNow();
        var after = outcome.Succeeded ? delivery.Succeeded(at, outcome.Detail) : delivery.FailedAttempt(at, outcome.Detail, limits);
        var result = after.Status switch
        {
            DeliveryStatus.Delivered => "delivered",
            DeliveryStatus.Failed => "failed",
            _ => "retrying",
        };
        activity?.SetTag("volunteerops.delivery.outcome", result);
        if (!outcome.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Detail);
        }

        Attempts.Add(1, new("channel", delivery.Channel), new("outcome", result));
        return after;
    }

    /// <summary>Every attempt by channel and outcome: delivered, retrying (failed, will try again) or failed (gave up).</summary>
    private static readonly Counter<long> Attempts = VolunteerOpsTelemetry.Meter.CreateCounter<long>(
        "volunteerops.notifications.deliveries", description: "Delivery attempts by channel and outcome.");

    [LoggerMessage(LogLevel.Warning, "Sending due deliveries failed; retrying at the next poll")]
    private static partial void LogBatchFailed(ILogger logger, Exception e);
}
