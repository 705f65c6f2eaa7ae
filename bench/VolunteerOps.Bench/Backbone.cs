using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace VolunteerOps.Bench;

/// <summary>Messages waiting in one RabbitMQ queue, as rabbitmqctl counts them (ready + unacknowledged).</summary>
internal sealed record QueueDepth(string Name, long Messages)
{
    public bool IsError => Name.EndsWith("_error", StringComparison.Ordinal);
}

/// <summary>
/// The messaging backbone as the bench sees it: whether each service has caught up with the other's events (from
/// the two event-store schemas, so nothing depends on timing), and what is left in the broker's queues.
/// </summary>
internal static partial class Backbone
{
    /// <summary>
    /// The stored event types each service publishes (ShiftsIntegrationEvents, RosterIntegrationEvents). Not the others:
    /// conferences and commitments stay inside the Shifts service, and Marten's own <c>tombstone</c> events (written to
    /// fill the sequence numbers of a failed append, e.g. a lost stream-creation race) are never published.
    /// </summary>
    private const string PublishedShiftTypes =
        "'shift_scheduled', 'shift_claimed', 'shift_released', 'shift_reassigned', 'volunteer_checked_in', " +
        "'volunteer_marked_no_show', 'shift_rescheduled', 'shift_resized', 'shift_cancelled'";

    private const string PublishedRosterTypes =
        "'volunteer_registered', 'notification_preferences_set', 'qualification_granted', 'qualification_revoked', 'volunteer_deactivated'";

    /// <summary>Waits until the Shifts service holds an active KnownVolunteer for every one of <paramref name="ids"/>.</summary>
    public static async Task WaitUntilKnown(NpgsqlDataSource db, string shiftsSchema, IReadOnlyList<Guid> ids, TimeSpan timeout,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var known = 0L;
        while (true)
        {
            await using (var cmd = db.CreateCommand(
                $"SELECT count(*) FROM {Quote(shiftsSchema)}.mt_doc_knownvolunteer WHERE id = ANY($1) AND (data->>'active')::boolean"))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
                known = (long)(await cmd.ExecuteScalarAsync(ct))!;
            }

            if (known >= ids.Count)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new InvalidOperationException(
                    $"After {clock.Elapsed.TotalSeconds:F0} s the Shifts service knows only {known} of {ids.Count} volunteers registered in the Roster.");
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>Waits until the Notifications service holds every one of <paramref name="ids"/> as in-app only (their preferences consumed).</summary>
    public static async Task WaitUntilInAppOnly(NpgsqlDataSource db, string notificationsSchema, IReadOnlyList<Guid> ids, TimeSpan timeout,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            long done;
            await using (var cmd = db.CreateCommand(
                $"""SELECT count(*) FROM {Quote(notificationsSchema)}.mt_doc_recipient WHERE id = ANY($1) AND data->'channels' = '["inApp"]'::jsonb"""))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
                done = (long)(await cmd.ExecuteScalarAsync(ct))!;
            }

            if (done >= ids.Count)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new InvalidOperationException(
                    $"After {clock.Elapsed.TotalSeconds:F0} s the Notifications service holds only {done} of {ids.Count} volunteers as in-app only.");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// What each side has produced and consumed so far. NotificationsMarkers: the Notifications service's markers (it
    /// consumes every event both others publish, one marker each), null when that service is not part of the run.
    /// </summary>
    internal sealed record Progress(long ShiftEvents, long RosterMarkers, long RosterEvents, long ShiftsMarkers, long? NotificationsMarkers = null)
    {
        public bool Quiet => ShiftEvents == RosterMarkers && RosterEvents == ShiftsMarkers
            && (NotificationsMarkers is null || NotificationsMarkers == ShiftEvents + RosterEvents);

        public override string ToString() =>
            $"Shifts published {ShiftEvents} events, the Roster recorded {RosterMarkers} processed; " +
            $"the Roster published {RosterEvents}, the Shifts service recorded {ShiftsMarkers} processed" +
            (NotificationsMarkers is { } n ? $"; the Notifications service recorded {n} of their {ShiftEvents + RosterEvents} processed" : "");
    }

    public static async Task<Progress> ReadProgress(NpgsqlDataSource db, string shiftsSchema, string rosterSchema, string? notificationsSchema,
        CancellationToken ct)
    {
        var s = Quote(shiftsSchema);
        var r = Quote(rosterSchema);
        var n = notificationsSchema is null ? "NULL::bigint" : $"(SELECT count(*) FROM {Quote(notificationsSchema)}.mt_doc_processedmessage)";
        await using var cmd = db.CreateCommand($"""
            SELECT (SELECT count(*) FROM {s}.mt_events WHERE type IN ({PublishedShiftTypes})),
                   (SELECT count(*) FROM {r}.mt_doc_processedmessage),
                   (SELECT count(*) FROM {r}.mt_events WHERE type IN ({PublishedRosterTypes})),
                   (SELECT count(*) FROM {s}.mt_doc_processedmessage),
                   {n}
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Progress(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4));
    }

    /// <summary>
    /// Waits until each service has processed every event the others published (one marker per message, written with
    /// its effect), so a measured phase starts with nothing still propagating from the previous one.
    /// </summary>
    public static async Task<Progress> WaitForQuiet(NpgsqlDataSource db, string shiftsSchema, string rosterSchema, string? notificationsSchema,
        TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var progress = await ReadProgress(db, shiftsSchema, rosterSchema, notificationsSchema, ct);
            if (progress.Quiet)
            {
                return progress;
            }

            if (clock.Elapsed > timeout)
            {
                Log($"warning: still not caught up after {clock.Elapsed.TotalSeconds:F0} s: {progress}");
                return progress;
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// `docker exec CONTAINER rabbitmqctl list_queues -p VHOST name messages`: every queue of the services' virtual
    /// host and the messages in it. Null (and a warning) when the broker cannot be asked.
    /// </summary>
    public static async Task<IReadOnlyList<QueueDepth>?> ListQueues(string container, string vhost, CancellationToken ct)
    {
        try
        {
            var start = new ProcessStartInfo("docker")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "exec", container, "rabbitmqctl", "list_queues", "-p", vhost, "name", "messages" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                Log($"warning: rabbitmqctl list_queues failed ({process.ExitCode}): {(await error).Trim()}");
                return null;
            }

            var queues = new List<QueueDepth>();
            foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var fields = line.Split('\t');
                if (fields.Length == 2 && long.TryParse(fields[1], CultureInfo.InvariantCulture, out var messages))
                {
                    queues.Add(new QueueDepth(fields[0], messages));
                }
            }

            return [.. queues.OrderBy(q => q.Name, StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            Log($"warning: could not run docker exec {container} rabbitmqctl: {e.Message}");
            return null;
        }
    }

    /// <summary>The subscription's checkpoint in each schema (mt_event_progression): evidence that the daemon ran.</summary>
    public static async Task<IReadOnlyList<(string Schema, string Name, long LastSeq, DateTimeOffset? Updated, long MaxSeq)>> Checkpoints(
        NpgsqlDataSource db, IEnumerable<string> schemas, CancellationToken ct)
    {
        var rows = new List<(string, string, long, DateTimeOffset?, long)>();
        foreach (var schema in schemas)
        {
            var q = Quote(schema);
            await using var cmd = db.CreateCommand(
                $"SELECT name, last_seq_id, last_updated, (SELECT coalesce(max(seq_id), 0) FROM {q}.mt_events) FROM {q}.mt_event_progression WHERE name LIKE 'HighWater%' OR name LIKE 'integration-events%' ORDER BY name");
            try
            {
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    rows.Add((schema, reader.GetString(0), reader.GetInt64(1),
                        reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt64(3)));
                }
            }
            catch (PostgresException e)
            {
                Log($"warning: could not read {schema}.mt_event_progression: {e.MessageText}");
            }
        }

        return rows;
    }

    public static string Quote(string schema) =>
        SafeName().IsMatch(schema) ? $"\"{schema}\"" : throw new ArgumentException($"Unexpected schema name '{schema}'.");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SafeName();

    private static void Log(string message) =>
        Console.Error.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] {message}");
}
