using VolunteerOps.EventSourcing.Signals;
using System.Collections.Concurrent;
using Marten;
using Npgsql;

namespace VolunteerOps.Shifts.Coverage.Signals;

/// <summary>
/// One LISTEN connection per process, dispatching coverage signals to the streams of this process by
/// conference. Whatever any instance commits, every instance hears. After (re)connecting every stream is
/// woken once, since signals sent while nobody listened are lost; streams always re-read the database, so
/// a spurious wake costs one read and a missed one cannot happen.
/// </summary>
public sealed partial class CoverageListener(NpgsqlDataSource dataSource, IDocumentStore store, ILogger<CoverageListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    // A connection that died silently (no RST) would leave WaitAsync waiting for ever: ask it something now and then.
    private static readonly TimeSpan Ping = TimeSpan.FromSeconds(30);

    private readonly string channel = CoverageSignal.ChannelFor(store.Options.DatabaseSchemaName);
    private readonly ConcurrentDictionary<Wakeup, Guid> subscribers = new();

    /// <summary>Wakes the returned signal whenever a change to the conference's shifts commits; dispose to stop.</summary>
    public CoverageSubscription Subscribe(Guid conferenceId)
    {
        var wakeup = new Wakeup();
        subscribers[wakeup] = conferenceId;
        return new CoverageSubscription(wakeup, () => subscribers.TryRemove(wakeup, out _));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {CoverageSignal.Quoted(channel)}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                backoff = FirstBackoff;
                WakeEveryone();
                while (true)
                {
                    if (!await connection.WaitAsync(Ping, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("select 1", connection);
                        await ping.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogListenFailed(logger, e, backoff.TotalMilliseconds);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void Dispatch(string payload)
    {
        if (!Guid.TryParse(payload, out var conferenceId))
        {
            return;
        }

        foreach (var (wakeup, conference) in subscribers)
        {
            if (conference == conferenceId)
            {
                wakeup.Set();
            }
        }
    }

    private void WakeEveryone()
    {
        foreach (var wakeup in subscribers.Keys)
        {
            wakeup.Set();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Listening for coverage signals failed; reconnecting in {DelayMs} ms")]
    private static partial void LogListenFailed(ILogger logger, Exception e, double delayMs);
}
