using System.Diagnostics;
using System.Globalization;
using Npgsql;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Bench;

/// <summary>The two directions the backbone carries, each from a producer's event to a consumer's processed-message marker.</summary>
internal sealed record LagDirection(string Key, string Title, string Event, string Consumer)
{
    public static readonly LagDirection Registered = new("registered-to-claimable",
        "registered in the Roster → claimable in Shifts", "Roster `volunteer_registered`", "Shifts `VolunteerRegisteredConsumer`");

    public static readonly LagDirection Claimed = new("claimed-to-schedule",
        "claimed in Shifts → in the Roster schedule", "Shifts `shift_claimed`", "Roster `ShiftClaimedConsumer`");

    public static readonly LagDirection[] All = [Registered, Claimed];
}

/// <summary>One direction in one phase: what was sent, what arrived, and how late.</summary>
internal sealed record DirectionResult
{
    public required LagDirection Direction { get; init; }
    public required int Sent { get; init; }
    public required int Accepted { get; init; }
    public required IReadOnlyDictionary<string, int> Errors { get; init; }

    /// <summary>Accepted requests whose event is not in the producer's event store (a lost 201).</summary>
    public required int MissingEvents { get; init; }

    /// <summary>Events with no consumer marker when the wait after the phase ended.</summary>
    public required int Unprocessed { get; init; }

    /// <summary>Marker's mt_last_modified − event's timestamp: the figure.</summary>
    public required Percentiles Lag { get; init; }

    public required int Measured { get; init; }

    /// <summary>Marker's ProcessedAt − event's timestamp (the service's clock instead of the transaction's start).</summary>
    public required Percentiles LagByProcessedAt { get; init; }

    /// <summary>mt_last_modified − ProcessedAt: how much earlier than the consumer's transaction ProcessedAt is stamped.</summary>
    public required Percentiles ProcessedAtLead { get; init; }

    /// <summary>Answer received by the bench − event's timestamp: the producer's commit happened in this window.</summary>
    public required Percentiles ProducerWindow { get; init; }

    /// <summary>Observer's first sight − marker's mt_last_modified: the consumer's commit happened in this window.</summary>
    public required Percentiles? ConsumerWindow { get; init; }

    /// <summary>Lower and upper bounds of the true commit-to-commit lag (answer → mt_last_modified; timestamp → first sight).</summary>
    public required Percentiles LowerBound { get; init; }

    public required Percentiles? UpperBound { get; init; }

    /// <summary>
    /// Event's timestamp → the producer's publishing checkpoint first seen past it (the observer samples it on every
    /// poll): how long the event spent in the producer before its page was published and confirmed; the rest of the
    /// lag is the broker and the consumer.
    /// </summary>
    public required Percentiles? ToCheckpoint { get; init; }

    public required Percentiles Http { get; init; }

    public required Percentiles Slip { get; init; }

    public required double OfferedRate { get; init; }

    /// <summary>Markers committed per second, between the consumer's first and last commit of the phase's events.</summary>
    public required double ConsumedRate { get; init; }

    /// <summary>Median lag of the first and of the last quarter of the phase's events (by event time): a backlog grows.</summary>
    public required double FirstQuarterP50 { get; init; }

    public required double LastQuarterP50 { get; init; }

    /// <summary>
    /// Marten tombstones among the producer's events of the phase (seq_id range): each is a sequence number a failed
    /// append took, which the daemon's high-water mark waited on (up to StaleSequenceThreshold) before skipping it.
    /// </summary>
    public int SequenceGaps { get; init; }

    public required int MaxInFlight { get; init; }

    public int ErrorCount => Errors.Values.Sum();
}

internal sealed record LagRun
{
    public required int Rate { get; init; }
    public required int Seconds { get; init; }
    public required int Run { get; init; }
    public required int Shifts { get; init; }
    public required int Capacity { get; init; }
    public required double SetupSeconds { get; init; }

    /// <summary>From the last request sent until every accepted request's marker was seen (or the timeout).</summary>
    public required double SettleSeconds { get; init; }

    public required DirectionResult Registered { get; init; }
    public required DirectionResult Claimed { get; init; }
    public required CpuUsage? Cpu { get; init; }
    public required IReadOnlyList<QueueDepth>? Queues { get; init; }
    public required int ObserverPolls { get; init; }

    /// <summary>Entries each service logged during the phase (fail/crit, warn), from its log file; null if unknown.</summary>
    public required (int Errors, int Warnings)? ShiftsLogged { get; init; }

    public required (int Errors, int Warnings)? RosterLogged { get; init; }

    /// <summary>pg_stat_activity samples taken from the start of the phase until everything had propagated.</summary>
    public required IReadOnlyList<ConnectionSample> Connections { get; init; }

    public long? ErrorQueueMessages => Queues?.Where(q => q.IsError).Sum(q => q.Messages);

    public DirectionResult Of(LagDirection d) => d == LagDirection.Registered ? Registered : Claimed;
}

internal sealed record LagSummary
{
    public required IReadOnlyList<LagRun> Runs { get; init; }
    public required IReadOnlyList<Setting> Settings { get; init; }
    public required IReadOnlyList<QueueDepth>? FinalQueues { get; init; }
    public required IReadOnlyList<(string Schema, string Name, long LastSeq, DateTimeOffset? Updated, long MaxSeq)> Checkpoints { get; init; }
    public required string? WarmUp { get; init; }

    public long? ErrorQueueMessages =>
        FinalQueues is null && Runs.All(r => r.Queues is null) ? null
            : Math.Max(FinalQueues?.Where(q => q.IsError).Sum(q => q.Messages) ?? 0, Runs.Max(r => r.ErrorQueueMessages ?? 0));

    public int Lost => Runs.Sum(r => r.Registered.MissingEvents + r.Claimed.MissingEvents + r.Registered.Unprocessed + r.Claimed.Unprocessed);

    public bool Delivered => Lost == 0 && (ErrorQueueMessages ?? 0) == 0;
}

/// <summary>
/// Propagation lag under a steady open-loop load: registrations (Roster → Shifts) and claims (Shifts → Roster) at
/// fixed rates, each measured from the producer's stored event to the consumer's processed-message marker with
/// timestamps PostgreSQL holds, so the bench's own polling never enters the figure.
/// </summary>
internal sealed class PropagationLag(Fixture fx, string stamp)
{
    private const int Rooms = 5;
    private const int SlotsPerDay = 14;
    private readonly BenchOptions o = fx.Options;

    public async Task<LagSummary> Run(CancellationToken ct)
    {
        var settings = DaemonSettings.Read(o.Repo);
        Log("propagation lag: settings in force: " + string.Join("; ", settings.Select(s => $"{s.Name} {s.Value}")));

        // One unmeasured phase at the highest rate: the connections, the bench's own code and (when the claim rush
        // did not run first) the services' JIT warm up on exactly this load.
        var top = o.LagRates.Max();
        var warmSeconds = o.Benchmarks.Contains(BenchOptions.ClaimRushName) ? 3 : 10;
        var warm = await Phase(top, warmSeconds, 0, ct);
        var warmUp = $"one unmeasured phase of {warmSeconds} s at {top} claims/s ({warm.Claimed.Accepted:N0} claims, {warm.Registered.Accepted:N0} registrations) before the runs";
        Log($"propagation lag warm-up: {Describe(warm)}");

        var runs = new List<LagRun>();
        for (var run = 1; run <= o.Runs; run++)
        {
            for (var i = 0; i < o.LagRates.Count; i++)
            {
                var result = await Phase(o.LagRates[i], o.LagSeconds[i], run, ct);
                runs.Add(result);
                Log($"propagation lag {result.Rate}/s run {run}: {Describe(result)}");
            }
        }

        var finalQueues = await Backbone.ListQueues(o.BrokerContainer, o.BrokerVhost, ct);
        var checkpoints = fx.ShiftsSchema is { } s && fx.RosterSchema is { } r
            ? await Backbone.Checkpoints(fx.Db, [s, r], ct)
            : [];
        return new LagSummary { Runs = runs, Settings = settings, FinalQueues = finalQueues, Checkpoints = checkpoints, WarmUp = warmUp };
    }

    private static string Describe(LagRun r) =>
        string.Join("; ", new[] { r.Registered, r.Claimed }.Select(d =>
            $"{d.Direction.Key}: {d.Measured}/{d.Accepted} measured, p50/p95/p99/max {d.Lag.P50:F0}/{d.Lag.P95:F0}/{d.Lag.P99:F0}/{d.Lag.Max:F0} ms, " +
            $"offered {d.OfferedRate:F0}/s, consumed {d.ConsumedRate:F0}/s, http p99 {d.Http.P99:F0} ms, slip p99 {d.Slip.P99:F1} ms, max in flight {d.MaxInFlight}, " +
            $"errors {d.ErrorCount}, missing {d.MissingEvents}, unprocessed {d.Unprocessed}, p50 first/last quarter {d.FirstQuarterP50:F0}/{d.LastQuarterP50:F0} ms, " +
            $"sequence gaps {d.SequenceGaps}, to publishing checkpoint p50/p99 {(d.ToCheckpoint is { } k ? $"{k.P50:F0}/{k.P99:F0}" : "n/a")} ms")) +
        $"; logged during the phase: shifts {Logged(r.ShiftsLogged)}, roster {Logged(r.RosterLogged)}" +
        $"; PostgreSQL connections max open/busy/lock-waiting: shifts {Max(r, c => c.ShiftsOpen)}/{Max(r, c => c.ShiftsBusy)}/{Max(r, c => c.ShiftsLockWait)}, " +
        $"roster {Max(r, c => c.RosterOpen)}/{Max(r, c => c.RosterBusy)}/{Max(r, c => c.RosterLockWait)} ({r.Connections.Count} samples)" +
        $"; settled {r.SettleSeconds:F1} s after the last send; _error messages {(r.ErrorQueueMessages?.ToString(CultureInfo.InvariantCulture) ?? "unknown")}; " +
        $"CPU shifts/roster/notifications/broker/postgres/bench/other {Report.Cpu(r.Cpu)}";

    internal static int Max(LagRun r, Func<ConnectionSample, int> f) => r.Connections.Count == 0 ? 0 : r.Connections.Max(f);

    internal static string Logged((int Errors, int Warnings)? x) => x is { } v ? $"{v.Errors} errors / {v.Warnings} warnings" : "unknown";

    private async Task<LagRun> Phase(int rate, int seconds, int run, CancellationToken ct)
    {
        var setupClock = Stopwatch.StartNew();
        var claims = rate * seconds;
        var registrations = o.LagRegistrationRate * seconds;

        // Shifts for every claim to win: a grid (hourly two-hour slots × rooms) with capacity for all, claimed
        // round-robin, so successive claims hit different shift streams as a busy sign-up does.
        var slots = Math.Max(1, (o.LagShifts + Rooms - 1) / Rooms);
        var rooms = Math.Min(Rooms, o.LagShifts);
        var days = (slots + SlotsPerDay - 1) / SlotsPerDay;
        var (conference, startsOn) = await fx.Shifts.CreateConference(
            $"Propagation lag {stamp} {rate}/s run {run}", days, ct);
        var capacity = Math.Max(1, (claims + (slots * rooms) - 1) / (slots * rooms));
        var shifts = await fx.Shifts.ScheduleGrid(conference, startsOn, slots, rooms, capacity, ct);
        var claimants = Enumerable.Range(0, claims).Select(_ => Guid.CreateVersion7()).ToArray();
        var attempts = claimants.Select((v, i) => new ClaimAttempt(shifts[i % shifts.Count].Id, v,
            DevTokens.Mint(o.SigningKey, v.ToString(), [Roles.Volunteer], TimeSpan.FromHours(2)))).ToArray();
        var newcomers = Enumerable.Range(0, registrations).Select(_ => Guid.CreateVersion7()).ToArray();

        // The claimants must be known to the Shifts service before they claim (not timed); this also waits until the
        // Roster has consumed every ShiftScheduled, so nothing from the setup is still propagating when the load starts.
        await fx.PrepareVolunteers(claimants, conference, ct);
        var shiftsSchema = fx.ShiftsSchema!;
        var rosterSchema = fx.RosterSchema!;
        setupClock.Stop();

        using var http = ClaimRush.CreateClient(o.Url, 32, maxConnections: 2048);
        await ClaimRush.WarmConnections(http, 32, ct);
        await fx.Roster.WarmConnections(16, ct);

        await using var observer = o.LagObserverMs > 0
            ? new CommitObserver(fx.Db, shiftsSchema, rosterSchema, TimeSpan.FromMilliseconds(o.LagObserverMs), o.ShiftsApp, o.RosterApp)
            : null;
        observer?.Start();
        var shiftsLogBefore = LogEntries(o.ShiftsLog);
        var rosterLogBefore = LogEntries(o.RosterLog);
        var meter = CpuMeter.Start(fx.Cpu);
        var start = Stopwatch.GetTimestamp();
        var registering = OpenLoop.Run(registrations, Math.Max(1, o.LagRegistrationRate), start, async i =>
        {
            observer?.ExpectKnown(newcomers[i]);
            var r = await fx.Roster.Register(newcomers[i], ct);
            if (!r.Created)
            {
                observer?.ForgetKnown(newcomers[i]);
            }

            return r;
        }, ct);
        var claiming = OpenLoop.Run(claims, rate, start, async i =>
        {
            observer?.ExpectSchedule(attempts[i].VolunteerId);
            var outcome = await ClaimRush.Send(http, attempts[i], ct);
            var answeredAt = DateTimeOffset.UtcNow;
            if (outcome.Kind != ClaimOutcome.Won)
            {
                observer?.ForgetSchedule(attempts[i].VolunteerId);
            }

            return (Outcome: outcome, AnsweredAt: answeredAt);
        }, ct);
        var regResult = await registering;
        var claimResult = await claiming;
        var cpu = meter.Stop(claims);

        // Until every accepted request has reached the other side (seen by the observer, or all markers present).
        var settle = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(o.LagTimeoutSeconds);
        var registered = regResult.Shots.Where(s => s.Result.Created).Select(s => s.Result.VolunteerId).ToArray();
        var claimed = claimResult.Shots.Where(s => s.Result.Outcome.Kind == ClaimOutcome.Won).Select(s => s.Result.Outcome.Attempt.VolunteerId).ToArray();
        if (observer is not null)
        {
            await observer.WaitForAll(timeout, ct);
        }

        var shiftIds = shifts.Select(s => s.Id).ToArray();
        while (true)
        {
            var (regDone, claimDone) = await CountProcessed(shiftsSchema, rosterSchema, registered, claimed, shiftIds, ct);
            if ((regDone >= registered.Length && claimDone >= claimed.Length) || settle.Elapsed > timeout)
            {
                break;
            }

            await Task.Delay(100, ct);
        }

        settle.Stop();
        var shiftsLogged = Delta(shiftsLogBefore, LogEntries(o.ShiftsLog));
        var rosterLogged = Delta(rosterLogBefore, LogEntries(o.RosterLog));
        var polls = observer?.Polls ?? 0;
        List<ConnectionSample> connections;
        if (observer is null)
        {
            connections = [];
        }
        else
        {
            lock (observer.Connections)
            {
                connections = [.. observer.Connections];
            }
        }
        var seenKnown = observer?.SeenKnown.ToDictionary() ?? [];
        var seenSchedule = observer?.SeenSchedule.ToDictionary() ?? [];
        Func<long, DateTimeOffset?>? rosterPublished = observer is null ? null : seq => observer.PublishedBy(shifts: false, seq);
        Func<long, DateTimeOffset?>? shiftsPublished = observer is null ? null : seq => observer.PublishedBy(shifts: true, seq);
        if (observer is not null)
        {
            await observer.DisposeAsync();
        }

        var regRows = await RegisteredRows(shiftsSchema, rosterSchema, registered, ct);
        var claimRows = await ClaimedRows(shiftsSchema, rosterSchema, claimed, shiftIds, ct);
        var regAnswers = regResult.Shots.Where(s => s.Result.Created).ToDictionary(s => s.Result.VolunteerId, s => s.Result.AnsweredAt);
        var claimAnswers = claimResult.Shots.Where(s => s.Result.Outcome.Kind == ClaimOutcome.Won)
            .ToDictionary(s => s.Result.Outcome.Attempt.VolunteerId, s => s.Result.AnsweredAt);

        var reg = Direction(LagDirection.Registered, registrations, registered.Length,
            regResult.Shots.Where(s => !s.Result.Created).GroupBy(s => s.Result.Kind).ToDictionary(g => g.Key, g => g.Count()),
            regRows, regAnswers, seenKnown, rosterPublished,
            regResult.Shots.Select(s => s.Result.Milliseconds), regResult);
        var claim = Direction(LagDirection.Claimed, claims, claimed.Length,
            claimResult.Shots.Where(s => s.Result.Outcome.Kind != ClaimOutcome.Won).GroupBy(s => s.Result.Outcome.Kind)
                .ToDictionary(g => g.Key, g => g.Count()),
            claimRows, claimAnswers, seenSchedule, shiftsPublished,
            claimResult.Shots.Select(s => s.Result.Outcome.Milliseconds), claimResult);
        reg = reg with { SequenceGaps = await Tombstones(rosterSchema, regRows, ct) };
        claim = claim with { SequenceGaps = await Tombstones(shiftsSchema, claimRows, ct) };
        var queues = await Backbone.ListQueues(o.BrokerContainer, o.BrokerVhost, ct);
        return new LagRun
        {
            Rate = rate,
            Seconds = seconds,
            Run = run,
            Shifts = shifts.Count,
            Capacity = capacity,
            SetupSeconds = setupClock.Elapsed.TotalSeconds,
            SettleSeconds = settle.Elapsed.TotalSeconds,
            Registered = reg,
            Claimed = claim,
            Cpu = cpu,
            Queues = queues,
            ObserverPolls = polls,
            ShiftsLogged = shiftsLogged,
            Connections = connections,
            RosterLogged = rosterLogged,
        };
    }

    internal static (int Errors, int Warnings)? LogEntries(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        int errors = 0, warnings = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                errors++;
            }
            else if (line.StartsWith("warn:", StringComparison.Ordinal))
            {
                warnings++;
            }
        }

        return (errors, warnings);
    }

    internal static (int Errors, int Warnings)? Delta((int Errors, int Warnings)? before, (int Errors, int Warnings)? after) =>
        before is { } b && after is { } a ? (a.Errors - b.Errors, a.Warnings - b.Warnings) : null;

    private async Task<int> Tombstones(string schema, IReadOnlyList<EventRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var cmd = fx.Db.CreateCommand(
            $"SELECT count(*) FROM {Backbone.Quote(schema)}.mt_events WHERE type = 'tombstone' AND seq_id BETWEEN $1 AND $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Min(r => r.Seq) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Max(r => r.Seq) });
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>One stored event and its consumer's marker (null if not there): all on the database clock.</summary>
    private sealed record EventRow(Guid Volunteer, long Seq, DateTimeOffset Timestamp, DateTimeOffset? MarkerModified, DateTimeOffset? ProcessedAt);

    private static DirectionResult Direction<T>(LagDirection direction, int sent, int accepted, Dictionary<string, int> errors,
        IReadOnlyList<EventRow> rows, Dictionary<Guid, DateTimeOffset> answers, Dictionary<Guid, DateTimeOffset> seen,
        Func<long, DateTimeOffset?>? publishedBy,
        IEnumerable<double> http, OpenLoopResult<T> load)
    {
        var done = rows.Where(r => r.MarkerModified is not null).ToList();
        static double Ms(DateTimeOffset a, DateTimeOffset b) => (a - b).TotalMilliseconds;
        var observed = publishedBy is not null;
        var withSeen = done.Where(r => seen.ContainsKey(r.Volunteer)).ToList();
        var byTime = done.OrderBy(r => r.Timestamp).Select(r => Ms(r.MarkerModified!.Value, r.Timestamp)).ToList();
        var quarter = Math.Max(1, byTime.Count / 4);
        return new DirectionResult
        {
            Direction = direction,
            Sent = sent,
            Accepted = accepted,
            Errors = errors,
            MissingEvents = accepted - rows.Select(r => r.Volunteer).Distinct().Count(),
            Unprocessed = rows.Count - done.Count,
            Measured = done.Count,
            Lag = Percentiles.Of(done.Select(r => Ms(r.MarkerModified!.Value, r.Timestamp))),
            LagByProcessedAt = Percentiles.Of(done.Where(r => r.ProcessedAt is not null).Select(r => Ms(r.ProcessedAt!.Value, r.Timestamp))),
            ProcessedAtLead = Percentiles.Of(done.Where(r => r.ProcessedAt is not null).Select(r => Ms(r.MarkerModified!.Value, r.ProcessedAt!.Value))),
            ProducerWindow = Percentiles.Of(done.Where(r => answers.ContainsKey(r.Volunteer)).Select(r => Ms(answers[r.Volunteer], r.Timestamp))),
            ConsumerWindow = observed ? Percentiles.Of(withSeen.Select(r => Ms(seen[r.Volunteer], r.MarkerModified!.Value))) : null,
            LowerBound = Percentiles.Of(done.Where(r => answers.ContainsKey(r.Volunteer))
                .Select(r => Ms(r.MarkerModified!.Value, answers[r.Volunteer]))),
            UpperBound = observed ? Percentiles.Of(withSeen.Select(r => Ms(seen[r.Volunteer], r.Timestamp))) : null,
            ToCheckpoint = publishedBy is null ? null
                : Percentiles.Of(done.Select(r => publishedBy(r.Seq) is { } at ? Ms(at, r.Timestamp) : double.NaN).Where(x => !double.IsNaN(x))),
            Http = Percentiles.Of(http),
            Slip = Percentiles.Of(load.Shots.Select(s => s.SlipMs)),
            OfferedRate = load.AchievedRate,
            ConsumedRate = done.Count < 2 ? 0
                : (done.Count - 1) / (done.Max(r => r.MarkerModified!.Value) - done.Min(r => r.MarkerModified!.Value)).TotalSeconds,
            FirstQuarterP50 = Summary.Median(byTime.Take(quarter)),
            LastQuarterP50 = Summary.Median(byTime.Skip(byTime.Count - quarter)),
            MaxInFlight = load.MaxInFlight,
        };
    }

    private const string RegisteredSql = """
        SELECT e.stream_id, e.seq_id, e.timestamp, m.mt_last_modified, (m.data->>'processedAt')::timestamptz
        FROM {r}.mt_events e
        LEFT JOIN {s}.mt_doc_processedmessage m ON m.id = 'VolunteerRegisteredConsumer:' || replace(e.id::text, '-', '')
        WHERE e.type = 'volunteer_registered' AND e.stream_id = ANY($1)
        """;

    private const string ClaimedSql = """
        SELECT (e.data->>'volunteerId')::uuid, e.seq_id, e.timestamp, m.mt_last_modified, (m.data->>'processedAt')::timestamptz
        FROM {s}.mt_events e
        LEFT JOIN {r}.mt_doc_processedmessage m ON m.id = 'ShiftClaimedConsumer:' || replace(e.id::text, '-', '')
        WHERE e.type = 'shift_claimed' AND e.stream_id = ANY($1) AND (e.data->>'volunteerId')::uuid = ANY($2)
        """;

    private static string Sql(string template, string shiftsSchema, string rosterSchema) =>
        template.Replace("{s}", Backbone.Quote(shiftsSchema), StringComparison.Ordinal)
            .Replace("{r}", Backbone.Quote(rosterSchema), StringComparison.Ordinal);

    private async Task<List<EventRow>> RegisteredRows(string shiftsSchema, string rosterSchema, Guid[] volunteers, CancellationToken ct) =>
        await Rows(Sql(RegisteredSql, shiftsSchema, rosterSchema), [volunteers], ct);

    private async Task<List<EventRow>> ClaimedRows(string shiftsSchema, string rosterSchema, Guid[] volunteers, Guid[] shiftIds,
        CancellationToken ct) =>
        await Rows(Sql(ClaimedSql, shiftsSchema, rosterSchema), [shiftIds, volunteers], ct);

    private async Task<List<EventRow>> Rows(string sql, Guid[][] parameters, CancellationToken ct)
    {
        var rows = new List<EventRow>();
        await using var cmd = fx.Db.CreateCommand(sql);
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new EventRow(reader.GetGuid(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    private async Task<(long Registered, long Claimed)> CountProcessed(string shiftsSchema, string rosterSchema, Guid[] registered,
        Guid[] claimed, Guid[] shiftIds, CancellationToken ct) =>
        (await Count(Sql(RegisteredSql, shiftsSchema, rosterSchema), [registered], ct),
         await Count(Sql(ClaimedSql, shiftsSchema, rosterSchema), [shiftIds, claimed], ct));

    private async Task<long> Count(string rowsSql, Guid[][] parameters, CancellationToken ct)
    {
        await using var cmd = fx.Db.CreateCommand($"SELECT count(*) FROM ({rowsSql}) x(volunteer, seq, ts, marker, processed) WHERE marker IS NOT NULL");
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static void Log(string message) =>
        Console.Error.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] {message}");
}
