using VolunteerOps.EventSourcing.Signals;
using System.Collections.Concurrent;
using Npgsql;

namespace VolunteerOps.Notifications.Signals;

/// <summary>
/// Listens on the signal channels and wakes whoever waits in this process: inbox streams per recipient,
/// the delivery worker. Whatever any instance commits, every instance hears. After a lost connection all
/// waiters are woken once, since signals may have been missed; waiters always re-read the database.
/// </summary>
public sealed partial class PostgresSignals(NpgsqlDataSource dataSource, SignalChannels channels, ILogger<PostgresSignals> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<Wakeup, IReadOnlyCollection<string>> inboxWaiters = new();

    public Wakeup DeliveriesDue { get; } = new();

    /// <summary>Wakes the returned signal whenever one of the recipients' inboxes changes; dispose to stop.</summary>
    public InboxSubscription SubscribeInbox(IReadOnlyCollection<string> recipients)
    {
        var wakeup = new Wakeup();
        inboxWaiters[wakeup] = recipients;
        return new InboxSubscription(wakeup, () => inboxWaiters.TryRemove(wakeup, out _));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{channels.Inbox}\"; LISTEN \"{channels.Deliveries}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                WakeEveryone();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogListenFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void Dispatch(string channel, string payload)
    {
        if (channel == channels.Deliveries)
        {
            DeliveriesDue.Set();
            return;
        }

        foreach (var (wakeup, recipients) in inboxWaiters)
        {
            if (recipients.Contains(payload))
            {
                wakeup.Set();
            }
        }
    }

    private void WakeEveryone()
    {
        DeliveriesDue.Set();
        foreach (var wakeup in inboxWaiters.Keys)
        {
            wakeup.Set();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Listening for PostgreSQL notifications failed; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception e);
}

public sealed class InboxSubscription(Wakeup wakeup, Action unsubscribe) : IDisposable
{
    public Wakeup Changed => wakeup;

    public void Dispose() => unsubscribe();
}
