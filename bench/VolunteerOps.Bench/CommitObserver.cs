using System.Collections.Concurrent;
using Npgsql;

namespace VolunteerOps.Bench;

/// <summary>
/// The commit-time check of the propagation-lag benchmark. The lag itself is read from timestamps stamped inside
/// the transactions (before they commit); this observer brackets the consumer's commit from above. Every few
/// milliseconds it asks PostgreSQL which of the volunteers it is waiting for are visible yet (an active
/// KnownVolunteer in the Shifts schema; a VolunteerSchedule in the Roster schema, both written in the same transaction
/// as the consumer's processed-message marker) and records <c>clock_timestamp()</c>, read after the statement's
/// snapshot was taken: a row visible in that snapshot was committed before that time. Only the volunteers of
/// requests already sent are asked for, so each poll is a handful of primary-key lookups.
/// </summary>
/// <summary>One look at pg_stat_activity: each service's connections open, not idle, and waiting for a lock.</summary>
internal sealed record ConnectionSample(int ShiftsOpen, int ShiftsBusy, int ShiftsLockWait, int RosterOpen, int RosterBusy, int RosterLockWait);

internal sealed class CommitObserver : IAsyncDisposable
{
    private readonly NpgsqlDataSource db;
    private readonly string known;
    private readonly string schedule;
    private readonly TimeSpan interval;
    private readonly string checkpoints;
    private readonly ConcurrentDictionary<Guid, byte> pendingKnown = new();
    private readonly ConcurrentDictionary<Guid, byte> pendingSchedule = new();
    private readonly CancellationTokenSource stop = new();
    private Task? loop;

    private readonly string activity;

    public CommitObserver(NpgsqlDataSource db, string shiftsSchema, string rosterSchema, TimeSpan interval, string shiftsApp, string rosterApp)
    {
        // Each service's PostgreSQL connections (by Application Name): open (its Npgsql pool's size in use), busy with a
        // statement or transaction, and waiting for a lock.
        activity = $"""
            SELECT coalesce(sum(1) FILTER (WHERE application_name = '{shiftsApp.Replace("'", "''", StringComparison.Ordinal)}'), 0)::int,
                   coalesce(sum(1) FILTER (WHERE application_name = '{shiftsApp.Replace("'", "''", StringComparison.Ordinal)}' AND state <> 'idle'), 0)::int,
                   coalesce(sum(1) FILTER (WHERE application_name = '{shiftsApp.Replace("'", "''", StringComparison.Ordinal)}' AND wait_event_type = 'Lock'), 0)::int,
                   coalesce(sum(1) FILTER (WHERE application_name = '{rosterApp.Replace("'", "''", StringComparison.Ordinal)}'), 0)::int,
                   coalesce(sum(1) FILTER (WHERE application_name = '{rosterApp.Replace("'", "''", StringComparison.Ordinal)}' AND state <> 'idle'), 0)::int,
                   coalesce(sum(1) FILTER (WHERE application_name = '{rosterApp.Replace("'", "''", StringComparison.Ordinal)}' AND wait_event_type = 'Lock'), 0)::int
            FROM pg_stat_activity WHERE backend_type = 'client backend'
            """;
        this.db = db;
        known = $"SELECT id, clock_timestamp() FROM {Backbone.Quote(shiftsSchema)}.mt_doc_knownvolunteer WHERE id = ANY($1) AND (data->>'active')::boolean";
        schedule = $"SELECT id, clock_timestamp() FROM {Backbone.Quote(rosterSchema)}.mt_doc_volunteerschedule WHERE id = ANY($1)";
        this.interval = interval;
        checkpoints = $"""
            SELECT (SELECT last_seq_id FROM {Backbone.Quote(shiftsSchema)}.mt_event_progression WHERE name = 'integration-events:All'),
                   (SELECT last_seq_id FROM {Backbone.Quote(rosterSchema)}.mt_event_progression WHERE name = 'integration-events:All'),
                   clock_timestamp()
            """;
    }

    /// <summary>
    /// The publishing subscription's checkpoint in each schema, sampled on every poll: it moves past an event once
    /// the page holding it has been published and confirmed by the broker.
    /// </summary>
    public List<(DateTimeOffset At, long Shifts, long Roster)> CheckpointSamples { get; } = [];

    /// <summary>When the Shifts (or Roster) publishing checkpoint was first seen at or past <paramref name="seq"/>.</summary>
    public DateTimeOffset? PublishedBy(bool shifts, long seq)
    {
        lock (CheckpointSamples)
        {
            foreach (var s in CheckpointSamples)
            {
                if ((shifts ? s.Shifts : s.Roster) >= seq)
                {
                    return s.At;
                }
            }
        }

        return null;
    }

    /// <summary>When each awaited KnownVolunteer (by volunteer id) was first seen committed, on the database clock.</summary>
    public ConcurrentDictionary<Guid, DateTimeOffset> SeenKnown { get; } = new();

    /// <summary>When each awaited VolunteerSchedule (by volunteer id) was first seen committed, on the database clock.</summary>
    public ConcurrentDictionary<Guid, DateTimeOffset> SeenSchedule { get; } = new();

    public int Polls { get; private set; }

    /// <summary>pg_stat_activity every 10th poll: each service's connections open / not idle / waiting for a lock.</summary>
    public List<ConnectionSample> Connections { get; } = [];

    public int Pending => pendingKnown.Count + pendingSchedule.Count;

    public void ExpectKnown(Guid volunteer) => pendingKnown.TryAdd(volunteer, 0);

    public void ExpectSchedule(Guid volunteer) => pendingSchedule.TryAdd(volunteer, 0);

    /// <summary>The request failed: nothing will arrive for it.</summary>
    public void ForgetKnown(Guid volunteer) => pendingKnown.TryRemove(volunteer, out _);

    public void ForgetSchedule(Guid volunteer) => pendingSchedule.TryRemove(volunteer, out _);

    public void Start() => loop = Task.Run(() => Loop(stop.Token));

    private async Task Loop(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            var started = DateTime.UtcNow;
            await SampleCheckpoints(connection, ct);
            if (Polls % 10 == 0)
            {
                await SampleActivity(connection, ct);
            }

            await Poll(connection, known, pendingKnown, SeenKnown, ct);
            await Poll(connection, schedule, pendingSchedule, SeenSchedule, ct);
            Polls++;
            var rest = interval - (DateTime.UtcNow - started);
            try
            {
                await Task.Delay(rest > TimeSpan.FromMilliseconds(1) ? rest : TimeSpan.FromMilliseconds(1), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SampleActivity(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var cmd = new NpgsqlCommand(activity, connection);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var sample = new ConnectionSample(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
                    reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
                lock (Connections)
                {
                    Connections.Add(sample);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SampleCheckpoints(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var cmd = new NpgsqlCommand(checkpoints, connection);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var sample = (reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(0) ? 0 : reader.GetInt64(0),
                    reader.IsDBNull(1) ? 0 : reader.GetInt64(1));
                lock (CheckpointSamples)
                {
                    CheckpointSamples.Add(sample);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static async Task Poll(NpgsqlConnection connection, string sql, ConcurrentDictionary<Guid, byte> pending,
        ConcurrentDictionary<Guid, DateTimeOffset> seen, CancellationToken ct)
    {
        var ids = pending.Keys.ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetGuid(0);
                seen.TryAdd(id, reader.GetFieldValue<DateTimeOffset>(1));
                pending.TryRemove(id, out _);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Waits until nothing awaited is missing, or the timeout passes; true if everything arrived.</summary>
    public async Task<bool> WaitForAll(TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (Pending > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(50, ct);
        }

        return Pending == 0;
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await stop.CancelAsync();
        if (loop is not null)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // Stopped while opening the connection.
            }
        }

        stop.Dispose();
    }
}
