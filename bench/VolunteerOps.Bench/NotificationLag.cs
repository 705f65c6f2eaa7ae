using System.Diagnostics;
using Npgsql;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Bench;

/// <summary>One reminder the bench planned: whose, for which shift, due when, and what became of it.</summary>
internal sealed record ReminderResult(Guid Volunteer, Guid Shift, int LeadMinutes, DateTimeOffset ExpectedDue, double DueIntoPhaseSeconds,
    bool Claimed, DateTimeOffset? AlarmDue, DateTimeOffset? FiredAt, DateTimeOffset? NotifiedAt, int Notifications)
{
    /// <summary>The reminder's inbox entry mt_last_modified − its due time (the alarm's, or the planned one if the alarm is gone).</summary>
    public double? LagMs => NotifiedAt is { } at ? (at - (AlarmDue ?? ExpectedDue)).TotalMilliseconds : null;
}

/// <summary>One measured phase of the notification-lag benchmark.</summary>
internal sealed record NotificationRun
{
    public required int Run { get; init; }
    public required int Rate { get; init; }
    public required int Seconds { get; init; }
    public required int Shifts { get; init; }
    public required int Capacity { get; init; }
    public required double SetupSeconds { get; init; }
    public required double SettleSeconds { get; init; }

    public required int Sent { get; init; }
    public required int Accepted { get; init; }
    public required IReadOnlyDictionary<string, int> Errors { get; init; }

    /// <summary>Accepted claims with no `shift_claimed` event in the Shifts schema (a lost 201).</summary>
    public required int MissingEvents { get; init; }

    /// <summary>Claims (events) with no claim-confirmed notification when the wait after the phase ended: lost.</summary>
    public required int Missing { get; init; }

    /// <summary>(recipient, cause) pairs with more than one claim-confirmed notification: must be 0.</summary>
    public required int Duplicates { get; init; }

    /// <summary>claim-confirmed notifications for a phase's claim addressed to someone other than the claimant.</summary>
    public required int Misaddressed { get; init; }

    public required int Measured { get; init; }

    /// <summary>Notification mt_last_modified − the shift_claimed event's mt_events.timestamp: the figure.</summary>
    public required Percentiles Lag { get; init; }

    /// <summary>The Roster's ShiftClaimedConsumer marker for the same events: the other consumer of the same messages.</summary>
    public required Percentiles RosterLag { get; init; }

    public required Percentiles Http { get; init; }
    public required Percentiles Slip { get; init; }
    public required double OfferedRate { get; init; }
    public required double ConsumedRate { get; init; }
    public required double FirstQuarterP50 { get; init; }
    public required double LastQuarterP50 { get; init; }
    public required int MaxInFlight { get; init; }

    public required IReadOnlyList<ReminderResult> Reminders { get; init; }

    /// <summary>Email/webhook deliveries still pending when the phase started (earlier benchmarks' failing emails).</summary>
    public required long PendingDeliveriesAtStart { get; init; }

    /// <summary>Deliveries created for this phase's notifications (in-app only volunteers: should be 0).</summary>
    public required long DeliveriesCreated { get; init; }

    public required CpuUsage? Cpu { get; init; }
    public required IReadOnlyList<QueueDepth>? Queues { get; init; }
    public required (int Errors, int Warnings)? ShiftsLogged { get; init; }
    public required (int Errors, int Warnings)? RosterLogged { get; init; }
    public required (int Errors, int Warnings)? NotificationsLogged { get; init; }

    public int ErrorCount => Errors.Values.Sum();

    public long? ErrorQueueMessages => Queues?.Where(q => q.IsError).Sum(q => q.Messages);

    public int RemindersExpected => Reminders.Count(r => r.Claimed);

    public int RemindersFired => Reminders.Count(r => r.Claimed && r.NotifiedAt is not null);

    public Percentiles ReminderLag => Percentiles.Of(Reminders.Where(r => r.LagMs is not null).Select(r => r.LagMs!.Value));
}

internal sealed record NotificationSummary
{
    public required IReadOnlyList<NotificationRun> Runs { get; init; }
    public required IReadOnlyList<QueueDepth>? FinalQueues { get; init; }
    public required string? WarmUp { get; init; }
    public required string? PollInterval { get; init; }

    /// <summary>Over the whole invocation (every benchmark): shift_claimed events, and how many have a claim-confirmed entry.</summary>
    public required (long Claims, long Confirmed, long DuplicateGroups)? WholeInvocation { get; init; }

    public long? ErrorQueueMessages =>
        FinalQueues is null && Runs.All(r => r.Queues is null) ? null
            : Math.Max(FinalQueues?.Where(q => q.IsError).Sum(q => q.Messages) ?? 0, Runs.Max(r => r.ErrorQueueMessages ?? 0));

    public int Lost => Runs.Sum(r => r.Missing + r.MissingEvents + (r.RemindersExpected - r.RemindersFired));

    public int Duplicates => Runs.Sum(r => r.Duplicates + r.Misaddressed) + (int)(WholeInvocation?.DuplicateGroups ?? 0);

    public bool Delivered => Lost == 0 && Duplicates == 0 && (ErrorQueueMessages ?? 0) == 0;
}

/// <summary>
/// Claim → inbox: a steady open-loop claim load on the Shifts service; per claim, the Notifications service's
/// claim-confirmed inbox entry's mt_last_modified − the shift_claimed event's timestamp, both read from PostgreSQL.
/// Alongside, a few claimants hold shifts whose reminder comes due during the phase: reminder entry − due time.
/// </summary>
internal sealed class NotificationLag(Fixture fx, string stamp)
{
    private const int Rooms = 5;
    private const int SlotsPerDay = 14;

    /// <summary>Lead times (minutes) the reminder volunteers set, in turn: the service must not care which.</summary>
    internal static readonly int[] ReminderLeads = [1, 5, 15, 60, 1440, 10080];

    /// <summary>Until the phase starts after the reminder shifts are scheduled (their due times count from it).</summary>
    private static readonly TimeSpan StartMargin = TimeSpan.FromSeconds(5);

    private readonly BenchOptions o = fx.Options;

    /// <summary>When, in seconds into the phase, the reminders come due: 10 to 40 s, or a share of a shorter phase.</summary>
    public static (double From, double To) ReminderWindow(int seconds) => (Math.Min(10, seconds * 0.2), Math.Min(40, seconds * 0.67));

    public async Task<NotificationSummary> Run(CancellationToken ct)
    {
        var schema = fx.NotificationsSchema ?? throw new InvalidOperationException("notification-lag needs the Notifications schema.");
        // A short warm-up when the other benchmarks ran first (the service has consumed their tens of thousands of events).
        var warmSeconds = o.Benchmarks.Any(b => b != BenchOptions.NotificationLagName) ? 5 : 20;
        var warm = await Phase(0, o.NotificationRate, warmSeconds, 0, ct);
        var warmUp = $"one unmeasured phase of {warmSeconds} s at {o.NotificationRate} claims/s ({warm.Accepted:N0} claims, no reminders) before the runs";
        Log($"notification lag warm-up: {Describe(warm)}");

        var runs = new List<NotificationRun>();
        for (var run = 1; run <= o.Runs; run++)
        {
            var result = await Phase(run, o.NotificationRate, o.NotificationSeconds, o.NotificationReminders, ct);
            runs.Add(result);
            Log($"notification lag run {run}: {Describe(result)}");
        }

        await fx.WaitForQuiet(ct);
        var whole = await WholeInvocation(schema, ct);
        var finalQueues = await Backbone.ListQueues(o.BrokerContainer, o.BrokerVhost, ct);
        return new NotificationSummary
        {
            Runs = runs,
            FinalQueues = finalQueues,
            WarmUp = warmUp,
            PollInterval = PollIntervalSetting(o.Repo),
            WholeInvocation = whole,
        };
    }

    internal static string Describe(NotificationRun r) =>
        $"claim → inbox {r.Measured}/{r.Accepted} measured, p50/p95/p99/max {r.Lag.P50:F0}/{r.Lag.P95:F0}/{r.Lag.P99:F0}/{r.Lag.Max:F0} ms " +
        $"(Roster, same events: p50/p99 {r.RosterLag.P50:F0}/{r.RosterLag.P99:F0} ms), offered {r.OfferedRate:F1}/s, consumed {r.ConsumedRate:F1}/s, " +
        $"p50 first/last quarter {r.FirstQuarterP50:F0}/{r.LastQuarterP50:F0} ms, http p99 {r.Http.P99:F0} ms, slip p99 {r.Slip.P99:F1} ms, " +
        $"errors {r.ErrorCount}, missing events {r.MissingEvents}, lost {r.Missing}, duplicates {r.Duplicates}, misaddressed {r.Misaddressed}; " +
        $"reminders fired {r.RemindersFired}/{r.RemindersExpected}, lag p50/max {r.ReminderLag.P50:F0}/{r.ReminderLag.Max:F0} ms; " +
        $"deliveries pending at start {r.PendingDeliveriesAtStart}, created {r.DeliveriesCreated}; " +
        $"logged: shifts {PropagationLag.Logged(r.ShiftsLogged)}, roster {PropagationLag.Logged(r.RosterLogged)}, notifications {PropagationLag.Logged(r.NotificationsLogged)}; " +
        $"settled {r.SettleSeconds:F1} s after the last send; _error messages {r.ErrorQueueMessages?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}; " +
        $"CPU shifts/roster/notifications/broker/postgres/bench/other {Report.Cpu(r.Cpu)}";

    private async Task<NotificationRun> Phase(int run, int rate, int seconds, int reminders, CancellationToken ct)
    {
        var setupClock = Stopwatch.StartNew();
        var claims = rate * seconds;
        reminders = Math.Min(reminders, claims);
        var label = run == 0 ? "warm-up" : $"run {run}";

        // The claim grid, as in the propagation-lag benchmark: hourly two-hour slots × rooms, 60 days ahead (no reminder
        // of these comes due during the bench), seats for all, claimed round-robin.
        var gridClaims = claims - reminders;
        var slots = Math.Max(1, (o.NotificationShifts + Rooms - 1) / Rooms);
        var rooms = Math.Min(Rooms, o.NotificationShifts);
        var days = (slots + SlotsPerDay - 1) / SlotsPerDay;
        var (conference, startsOn) = await fx.Shifts.CreateConference($"Notification lag {stamp} {label}", days, ct);
        var capacity = Math.Max(1, (gridClaims + (slots * rooms) - 1) / (slots * rooms));
        var shifts = await fx.Shifts.ScheduleGrid(conference, startsOn, slots, rooms, capacity, ct);
        var claimants = Enumerable.Range(0, claims).Select(_ => Guid.CreateVersion7()).ToArray();

        // Every claimant registered in the Roster, known to the Shifts service, set to in-app only (so no email or webhook
        // delivery is made for the phase's notifications) and held so by the Notifications service, nothing left
        // propagating (Fixture.PrepareVolunteers). The first `reminders` claimants set one lead time each instead of the
        // default two.
        var leads = claimants.Select((_, i) => i < reminders ? (IReadOnlyList<int>)[ReminderLeads[i % ReminderLeads.Length]] : Fixture.DefaultLeads).ToArray();
        await fx.PrepareVolunteers(claimants, conference, ct, i => leads[i]);
        var schema = fx.NotificationsSchema!;
        var pendingAtStart = await WaitForDeliveries(schema, ct);

        // The reminder shifts, last: each claimant i < reminders holds one (capacity 1, minimum 0 so no under-staffing
        // alert), starting lead minutes after its reminder's due time, spread over the window into the phase.
        var window = ReminderWindow(seconds);
        var plannedStart = DateTimeOffset.UtcNow + StartMargin;
        var due = Enumerable.Range(0, reminders)
            .Select(i => plannedStart.AddSeconds(window.From + (reminders == 1 ? 0 : (window.To - window.From) * i / (reminders - 1))))
            .ToArray();
        var reminderShifts = new Guid[reminders];
        if (reminders > 0)
        {
            // A UTC conference from today for 9 days: a week's lead (the Roster's maximum) and a day's change fit.
            var (reminderConference, _) = await fx.Shifts.CreateConference(
                $"Notification lag {stamp} {label} reminders", DateOnly.FromDateTime(DateTime.UtcNow), 9, ct);
            await Parallel.ForEachAsync(Enumerable.Range(0, reminders), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                async (i, token) =>
                {
                    var startsAt = due[i].AddMinutes(leads[i][0]);
                    reminderShifts[i] = await fx.Shifts.CreateShift(reminderConference, $"Reminder {i + 1}", "Desk", startsAt, startsAt.AddHours(1),
                        1, 0, token);
                });
            await fx.WaitForQuiet(ct);
        }

        var attempts = claimants.Select((v, i) => new ClaimAttempt(i < reminders ? reminderShifts[i] : shifts[(i - reminders) % shifts.Count].Id, v,
            DevTokens.Mint(o.SigningKey, v.ToString(), [Roles.Volunteer], TimeSpan.FromHours(2)))).ToArray();
        using var http = ClaimRush.CreateClient(o.Url, 32, maxConnections: 2048);
        await ClaimRush.WarmConnections(http, 32, ct);
        setupClock.Stop();
        if (plannedStart - DateTimeOffset.UtcNow is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, ct);
        }

        var shiftsLogBefore = PropagationLag.LogEntries(o.ShiftsLog);
        var rosterLogBefore = PropagationLag.LogEntries(o.RosterLog);
        var notificationsLogBefore = PropagationLag.LogEntries(o.NotificationsLog);
        var meter = CpuMeter.Start(fx.Cpu);
        var phaseStart = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        var load = await OpenLoop.Run(claims, rate, start, i => ClaimRush.Send(http, attempts[i], ct), ct);
        var cpu = meter.Stop(claims);

        // Until every accepted claim has its inbox entry and every claimed reminder its own (or the timeout).
        var settle = Stopwatch.StartNew();
        var won = load.Shots.Where(s => s.Result.Kind == ClaimOutcome.Won).Select(s => s.Result.Attempt).ToArray();
        var wonVolunteers = won.Select(a => a.VolunteerId).ToArray();
        var shiftIds = shifts.Select(s => s.Id).Concat(reminderShifts).ToArray();
        var reminderVolunteers = claimants.Take(reminders).ToHashSet();
        var expectedReminders = wonVolunteers.Count(reminderVolunteers.Contains);
        // The timeout counts from the last reminder's due time if that is later (a short try's reminders may be).
        var lastDue = due.Length == 0 ? phaseStart : due.Max();
        var deadline = (DateTimeOffset.UtcNow > lastDue ? DateTimeOffset.UtcNow : lastDue) + TimeSpan.FromSeconds(o.LagTimeoutSeconds);
        while (true)
        {
            var confirmed = await CountConfirmed(schema, shiftIds, wonVolunteers, ct);
            var reminded = expectedReminders == 0 ? 0 : await CountReminded(schema, [.. reminderVolunteers], ct);
            if ((confirmed >= won.Length && reminded >= expectedReminders) || DateTimeOffset.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250, ct);
        }

        settle.Stop();
        var shiftsLogged = PropagationLag.Delta(shiftsLogBefore, PropagationLag.LogEntries(o.ShiftsLog));
        var rosterLogged = PropagationLag.Delta(rosterLogBefore, PropagationLag.LogEntries(o.RosterLog));
        var notificationsLogged = PropagationLag.Delta(notificationsLogBefore, PropagationLag.LogEntries(o.NotificationsLog));

        var rows = await InboxRows(schema, shiftIds, wonVolunteers, ct);
        var byEvent = rows.GroupBy(r => (r.Shift, r.Version)).ToList();
        var measured = byEvent
            .Select(g => (Event: g.First(), Notified: g.Where(r => r.Recipient == g.First().Volunteer.ToString() && r.FirstAt is not null)
                .Select(r => r.FirstAt).FirstOrDefault()))
            .Where(x => x.Notified is not null)
            .Select(x => (x.Event.EventAt, Lag: (x.Notified!.Value - x.Event.EventAt).TotalMilliseconds, NotifiedAt: x.Notified.Value))
            .OrderBy(x => x.EventAt)
            .ToList();
        var quarter = Math.Max(1, measured.Count / 4);
        var lags = measured.Select(x => x.Lag).ToList();
        var reminderRows = reminders == 0 ? [] : await ReminderRows(schema, claimants, reminderShifts, leads, due, phaseStart, [.. wonVolunteers], ct);
        var queues = await Backbone.ListQueues(o.BrokerContainer, o.BrokerVhost, ct);
        return new NotificationRun
        {
            Run = run,
            Rate = rate,
            Seconds = seconds,
            Shifts = shifts.Count,
            Capacity = capacity,
            SetupSeconds = setupClock.Elapsed.TotalSeconds,
            SettleSeconds = settle.Elapsed.TotalSeconds,
            Sent = claims,
            Accepted = won.Length,
            Errors = load.Shots.Where(s => s.Result.Kind != ClaimOutcome.Won).GroupBy(s => s.Result.Kind).ToDictionary(g => g.Key, g => g.Count()),
            MissingEvents = won.Length - rows.Select(r => r.Volunteer).Distinct().Count(),
            Missing = byEvent.Count - measured.Count,
            Duplicates = rows.Count(r => r.Count > 1),
            Misaddressed = rows.Count(r => r.Recipient is not null && r.Recipient != r.Volunteer.ToString()),
            Measured = measured.Count,
            Lag = Percentiles.Of(lags),
            RosterLag = Percentiles.Of(byEvent.Select(g => g.First()).Where(r => r.RosterAt is not null)
                .Select(r => (r.RosterAt!.Value - r.EventAt).TotalMilliseconds)),
            Http = Percentiles.Of(load.Shots.Select(s => s.Result.Milliseconds)),
            Slip = Percentiles.Of(load.Shots.Select(s => s.SlipMs)),
            OfferedRate = load.AchievedRate,
            ConsumedRate = measured.Count < 2 ? 0
                : (measured.Count - 1) / (measured.Max(x => x.NotifiedAt) - measured.Min(x => x.NotifiedAt)).TotalSeconds,
            FirstQuarterP50 = Summary.Median(lags.Take(quarter)),
            LastQuarterP50 = Summary.Median(lags.Skip(lags.Count - quarter)),
            MaxInFlight = load.MaxInFlight,
            Reminders = reminderRows,
            PendingDeliveriesAtStart = pendingAtStart,
            DeliveriesCreated = await DeliveriesFor(schema, [.. claimants.Select(c => c.ToString())], ct),
            Cpu = cpu,
            Queues = queues,
            ShiftsLogged = shiftsLogged,
            RosterLogged = rosterLogged,
            NotificationsLogged = notificationsLogged,
        };
    }

    /// <summary>
    /// Waits (setup, at most Fixture.SetupTimeout) until no delivery is pending. Every benchmark's volunteers are in-app
    /// only, so none should be; if some are (a volunteer with email, which goes to a closed port here and is retried
    /// with backoff), their retries would otherwise run during the phase. Returns how many were pending at the start.
    /// </summary>
    private async Task<long> WaitForDeliveries(string schema, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var first = -1L;
        while (true)
        {
            await using var cmd = fx.Db.CreateCommand($"SELECT count(*) FROM {Backbone.Quote(schema)}.mt_doc_delivery WHERE data->>'status' = 'Pending'");
            var pending = (long)(await cmd.ExecuteScalarAsync(ct))!;
            if (first < 0 && pending > 0)
            {
                first = pending;
                Log($"notification lag: waiting for {pending} pending deliveries (retried with backoff) to be sent or given up");
            }

            if (pending == 0 || clock.Elapsed > Fixture.SetupTimeout)
            {
                if (pending > 0)
                {
                    Log($"warning: {pending} deliveries still pending after {clock.Elapsed.TotalSeconds:F0} s; the phase starts anyway");
                }

                return pending;
            }

            await Task.Delay(1000, ct);
        }
    }

    private sealed record InboxRow(Guid Volunteer, Guid Shift, long Version, DateTimeOffset EventAt, string? Recipient, long Count,
        DateTimeOffset? FirstAt, DateTimeOffset? RosterAt);

    // Notifications grouped by (cause, recipient) first (one pass over the table, whose cause has no index), then joined
    // to the phase's shift_claimed events by stream and version. The Roster's marker of the same event comes along.
    private const string InboxSql = """
        WITH n AS (
            SELECT (data->'cause'->>'streamId')::uuid AS sid, (data->'cause'->>'version')::bigint AS ver, data->>'recipient' AS recipient,
                   count(*) AS cnt, min(mt_last_modified) AS first_at
            FROM {n}.mt_doc_notification
            WHERE data->>'kind' = 'claim-confirmed' AND data->'cause'->>'event' = 'ShiftClaimedV1'
              AND (data->'cause'->>'streamId')::uuid = ANY($1)
            GROUP BY 1, 2, 3)
        SELECT (e.data->>'volunteerId')::uuid, e.stream_id, e.version, e.timestamp, n.recipient, coalesce(n.cnt, 0), n.first_at, rm.mt_last_modified
        FROM {s}.mt_events e
        LEFT JOIN n ON n.sid = e.stream_id AND n.ver = e.version
        LEFT JOIN {r}.mt_doc_processedmessage rm ON rm.id = 'ShiftClaimedConsumer:' || replace(e.id::text, '-', '')
        WHERE e.type = 'shift_claimed' AND e.stream_id = ANY($1) AND (e.data->>'volunteerId')::uuid = ANY($2)
        """;

    private string Sql(string template, string notificationsSchema) =>
        template.Replace("{s}", Backbone.Quote(fx.ShiftsSchema!), StringComparison.Ordinal)
            .Replace("{r}", Backbone.Quote(fx.RosterSchema!), StringComparison.Ordinal)
            .Replace("{n}", Backbone.Quote(notificationsSchema), StringComparison.Ordinal);

    private async Task<List<InboxRow>> InboxRows(string schema, Guid[] shiftIds, Guid[] volunteers, CancellationToken ct)
    {
        var rows = new List<InboxRow>();
        await using var cmd = fx.Db.CreateCommand(Sql(InboxSql, schema));
        cmd.Parameters.Add(new NpgsqlParameter { Value = shiftIds });
        cmd.Parameters.Add(new NpgsqlParameter { Value = volunteers });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new InboxRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return rows;
    }

    /// <summary>The phase's claims the Notifications service has processed (its marker commits with the inbox entry).</summary>
    private async Task<long> CountConfirmed(string schema, Guid[] shiftIds, Guid[] volunteers, CancellationToken ct)
    {
        await using var cmd = fx.Db.CreateCommand(Sql("""
            SELECT count(*) FROM {s}.mt_events e
            JOIN {n}.mt_doc_processedmessage m ON m.id = 'ShiftClaimedConsumer:' || replace(e.id::text, '-', '')
            WHERE e.type = 'shift_claimed' AND e.stream_id = ANY($1) AND (e.data->>'volunteerId')::uuid = ANY($2)
            """, schema));
        cmd.Parameters.Add(new NpgsqlParameter { Value = shiftIds });
        cmd.Parameters.Add(new NpgsqlParameter { Value = volunteers });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<long> CountReminded(string schema, Guid[] volunteers, CancellationToken ct)
    {
        await using var cmd = fx.Db.CreateCommand(
            $"SELECT count(*) FROM {Backbone.Quote(schema)}.mt_doc_notification WHERE data->>'kind' = 'shift-reminder' AND data->>'recipient' = ANY($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = volunteers.Select(v => v.ToString()).ToArray() });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task<List<ReminderResult>> ReminderRows(string schema, Guid[] claimants, Guid[] shiftIds, IReadOnlyList<int>[] leads,
        DateTimeOffset[] due, DateTimeOffset phaseStart, HashSet<Guid> won, CancellationToken ct)
    {
        var q = Backbone.Quote(schema);
        var ids = Enumerable.Range(0, shiftIds.Length).Select(i => $"reminder:{shiftIds[i]:N}:{claimants[i]:N}:{leads[i][0]}").ToArray();
        var alarms = new Dictionary<string, (DateTimeOffset Due, DateTimeOffset? Fired)>();
        await using (var cmd = fx.Db.CreateCommand(
            $"SELECT id, (data->>'dueAt')::timestamptz, (data->>'firedAt')::timestamptz FROM {q}.mt_doc_alarm WHERE id = ANY($1)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                alarms[reader.GetString(0)] = (reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
            }
        }

        var notified = new Dictionary<(string, Guid), (DateTimeOffset First, int Count)>();
        await using (var cmd = fx.Db.CreateCommand(
            $"""
            SELECT data->>'recipient', (data->'cause'->>'streamId')::uuid, min(mt_last_modified), count(*)::int FROM {q}.mt_doc_notification
            WHERE data->>'kind' = 'shift-reminder' AND data->>'recipient' = ANY($1) GROUP BY 1, 2
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = claimants.Take(shiftIds.Length).Select(c => c.ToString()).ToArray() });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                notified[(reader.GetString(0), reader.GetGuid(1))] = (reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3));
            }
        }

        return [.. Enumerable.Range(0, shiftIds.Length).Select(i =>
        {
            var alarm = alarms.TryGetValue(ids[i], out var a) ? a : ((DateTimeOffset, DateTimeOffset?)?)null;
            var note = notified.TryGetValue((claimants[i].ToString(), shiftIds[i]), out var n) ? n : ((DateTimeOffset, int)?)null;
            return new ReminderResult(claimants[i], shiftIds[i], leads[i][0], due[i], (due[i] - phaseStart).TotalSeconds, won.Contains(claimants[i]),
                alarm?.Item1, alarm?.Item2, note?.Item1, note?.Item2 ?? 0);
        })];
    }

    /// <summary>Deliveries (any channel) for the given recipients: the phase's volunteers are in-app only, so 0.</summary>
    private async Task<long> DeliveriesFor(string schema, string[] recipients, CancellationToken ct)
    {
        await using var cmd = fx.Db.CreateCommand($"SELECT count(*) FROM {Backbone.Quote(schema)}.mt_doc_delivery WHERE data->>'recipient' = ANY($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = recipients });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The whole invocation (claim rush and propagation lag included): every shift_claimed event against the
    /// claim-confirmed entries, and any (recipient, kind, cause) with more than one entry.
    /// </summary>
    private async Task<(long, long, long)?> WholeInvocation(string schema, CancellationToken ct)
    {
        try
        {
            await using var cmd = fx.Db.CreateCommand(Sql("""
                WITH n AS (
                    SELECT DISTINCT (data->'cause'->>'streamId')::uuid AS sid, (data->'cause'->>'version')::bigint AS ver
                    FROM {n}.mt_doc_notification WHERE data->>'kind' = 'claim-confirmed')
                SELECT (SELECT count(*) FROM {s}.mt_events WHERE type = 'shift_claimed'),
                       (SELECT count(*) FROM {s}.mt_events e JOIN n ON n.sid = e.stream_id AND n.ver = e.version WHERE e.type = 'shift_claimed'),
                       (SELECT count(*) FROM (SELECT 1 FROM {n}.mt_doc_notification
                                              GROUP BY data->>'recipient', data->>'kind', data->'cause' HAVING count(*) > 1) d)
                """, schema));
            cmd.CommandTimeout = 120;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        catch (NpgsqlException e)
        {
            Log($"warning: could not check the whole invocation's notifications: {e.Message}");
            return null;
        }
    }

    /// <summary>Notifications:PollInterval as appsettings.json sets it (run.sh does not override it).</summary>
    private static string? PollIntervalSetting(string repo)
    {
        var path = Path.Combine(repo, "services/Notifications/VolunteerOps.Notifications/appsettings.json");
        var match = File.Exists(path)
            ? System.Text.RegularExpressions.Regex.Match(File.ReadAllText(path), "\"PollInterval\"\\s*:\\s*\"(?<v>[^\"]+)\"")
            : null;
        return match is { Success: true } ? match.Groups["v"].Value : null;
    }

    private static void Log(string message) =>
        Console.Error.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] {message}");
}
