using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Bench;

internal sealed class Bench(BenchOptions o)
{
    private const int SlotsPerDay = 14;
    private readonly string stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
    private int? postmasterPid;
    private Fixture fx = null!;

    public async Task<int> Run(CancellationToken ct)
    {
        var verifyCs = new NpgsqlConnectionStringBuilder(o.Postgres) { MaxPoolSize = 8, ApplicationName = "vo-bench-verify" }.ConnectionString;
        await using var db = NpgsqlDataSource.Create(verifyCs);
        using var api = new ShiftsApi(o.Url, o.SigningKey);
        using var roster = new RosterApi(o.RosterUrl, o.SigningKey);
        var machine = await Machine.Describe(db, ct);
        Log($"targets {o.Url} (Shifts) and {o.RosterUrl} (Roster), {machine.Postgres}, {machine.Cores} cores; " +
            $"benchmarks [{string.Join(", ", o.Benchmarks)}], {o.Runs} runs each");
        postmasterPid = await FindPostmaster(db, ct);
        fx = new Fixture(o, db, api, roster,
            new CpuTargets(o.ServicePid, o.RosterPid, o.BrokerPid, postmasterPid) { NotificationsPid = o.NotificationsPid });

        var exitCode = 0;
        List<ScenarioSummary>? summaries = null;
        WarmUpSummary? warmUp = null;
        if (o.Benchmarks.Contains(BenchOptions.ClaimRushName))
        {
            await RawBaseline.Prepare(o.Postgres, ct);
            warmUp = o.WarmupClaims > 0 ? await WarmUp(api, db, ct) : null;
            summaries = await ClaimRushRuns(api, db, ct);
            // Written now, so a failure later in the command does not lose these figures; rewritten with the total time at the end.
            Report.Merge(o.Out, Report.ClaimRushName, Report.Section(o, machine, summaries, warmUp, null),
                summaries.ToDictionary(s => Report.JsonKey(s.Name), s => (JsonNode)s.ToJson()));
            var broken = summaries.SelectMany(s => s.Runs).Where(r => !r.Integrity.Holds).ToList();
            if (broken.Count > 0)
            {
                Log($"INTEGRITY VIOLATED in {broken.Count} claim-rush run(s): see the tables.");
                exitCode = 1;
            }
        }

        LagSummary? lag = null;
        if (o.Benchmarks.Contains(BenchOptions.PropagationLagName))
        {
            lag = await new PropagationLag(fx, stamp).Run(ct);
            if (!lag.Delivered)
            {
                Log("PROPAGATION BROKEN: messages lost, unprocessed or in _error queues: see the tables.");
                exitCode = 1;
            }
        }

        NotificationSummary? notifications = null;
        if (o.Benchmarks.Contains(BenchOptions.NotificationLagName))
        {
            notifications = await new NotificationLag(fx, stamp).Run(ct);
            if (!notifications.Delivered)
            {
                Log("NOTIFICATIONS BROKEN: claims or reminders without an inbox entry, duplicate entries or messages in _error queues: see the tables.");
                exitCode = 1;
            }
        }

        double? commandSeconds = o.StartedAt is { } started ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() - started : null;
        if (summaries is not null)
        {
            var section = Report.Section(o, machine, summaries, warmUp, commandSeconds);
            Report.Merge(o.Out, Report.ClaimRushName, section, summaries.ToDictionary(s => Report.JsonKey(s.Name), s => (JsonNode)s.ToJson()));
            Console.WriteLine();
            Console.WriteLine(section);
        }

        if (lag is not null)
        {
            var section = LagReport.Section(o, machine, lag, commandSeconds);
            Report.Merge(o.Out, LagReport.Name, section, new Dictionary<string, JsonNode> { [LagReport.Name] = LagReport.ToJson(lag) });
            Console.WriteLine();
            Console.WriteLine(section);
        }

        if (notifications is not null)
        {
            var section = NotificationReport.Section(o, machine, notifications, commandSeconds);
            Report.Merge(o.Out, NotificationReport.Name, section,
                new Dictionary<string, JsonNode> { [NotificationReport.Name] = NotificationReport.ToJson(notifications) });
            Console.WriteLine();
            Console.WriteLine(section);
        }

        Log($"wrote {Path.Combine(o.Out, "benchmarks.md")} and {Path.Combine(o.Out, "benchmarks.json")}");
        if (o.DropSchema)
        {
            // Tens of thousands of claims and registrations per invocation: don't let them pile up in the shared dev database.
            foreach (var schema in new[] { fx.ShiftsSchema, fx.RosterSchema, fx.NotificationsSchema }.OfType<string>())
            {
                await Verifier.DropSchema(db, schema, ct);
                Log($"dropped schema {schema}");
            }
        }

        return exitCode;
    }

    private async Task<List<ScenarioSummary>> ClaimRushRuns(ShiftsApi api, NpgsqlDataSource db, CancellationToken ct)
    {
        var summaries = new List<ScenarioSummary>();
        foreach (var scenario in o.Scenarios)
        {
            var runs = new List<RunResult>();
            for (var run = 1; run <= o.Runs; run++)
            {
                var result = scenario == "spread" ? await Spread(api, db, run, ct) : await Hot(api, db, run, ct);
                runs.Add(result);
                Log($"{scenario} run {run}: {result.ClaimsPerSecond:F0} claims/s, baseline {result.BaselineTxPerSecond:F0} tx/s, " +
                    $"ratio {result.Ratio:F3}, p50/p95/p99 {result.Latency.P50:F1}/{result.Latency.P95:F1}/{result.Latency.P99:F1} ms, " +
                    $"winners {result.Winners}, refusals [{Join(result.Refusals)}], errors [{Join(result.Errors)}], " +
                    $"oversold {result.Integrity.Oversold}, double-booked {result.Integrity.DoubleBooked}, " +
                    $"lost {result.Integrity.LostClaims}, phantom {result.Integrity.PhantomHolders}, mismatches {result.Integrity.CommitmentMismatches}; " +
                    $"volunteers registered and known in {result.RegisterSeconds:F1} s");
            }

            summaries.Add(scenario == "spread" ? SpreadSummary(runs) : HotSummary(runs));
        }

        return summaries;
    }

    /// <summary>
    /// Unmeasured rounds first, shaped like the measured runs (a spread round with pairs, a hot round), until
    /// --warmup-claims claims have been sent. The service's JIT keeps recompiling hot methods (tiered compilation,
    /// dynamic PGO) for the first few thousand claims, at several times the steady-state CPU per claim; the
    /// measured runs are meant to show the steady state. Each round's CPU per claim is logged and reported.
    /// Each round's volunteers are registered in the Roster first, like the measured runs' (this warms the Roster
    /// and both consumers up too).
    /// </summary>
    private async Task<WarmUpSummary> WarmUp(ShiftsApi api, NpgsqlDataSource db, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var rounds = new List<WarmUpRound>();
        var sent = 0;
        var registering = 0.0;
        for (var round = 1; sent < o.WarmupClaims; round++)
        {
            var hot = round % 2 == 0;
            var (conference, startsOn) = await api.CreateConference($"Claim rush warm-up {stamp} round {round}", 1, ct);
            IReadOnlyList<RushClient> clients;
            if (hot)
            {
                var startsAt = startsOn.ToDateTime(new TimeOnly(10, 0)).ToUtcOffset();
                var shift = await api.CreateShift(conference, "Warm-up hot", "Hall", startsAt, startsAt.AddHours(2), o.HotSeats, ct);
                clients = SingleShiftClients(shift, Math.Min(o.HotVolunteers, 600));
            }
            else
            {
                var shifts = await api.ScheduleGrid(conference, startsOn, Math.Min(o.Slots, 10), o.Rooms, o.Seats, ct);
                clients = SpreadClients(shifts, shifts.Count * o.Seats * 2, new Random(o.Seed - round));
            }

            registering += await fx.PrepareVolunteers([.. clients.Select(c => c.VolunteerId)], conference, ct);
            var concurrency = hot ? o.HotConcurrency : o.Concurrency;
            using var http = ClaimRush.CreateClient(o.Url, concurrency);
            await ClaimRush.WarmConnections(http, concurrency, ct);
            var meter = CpuMeter.Start(fx.Cpu);
            var rush = await ClaimRush.Run(http, clients, concurrency, ct);
            var cpu = meter.Stop(rush.Outcomes.Count);
            sent += rush.Outcomes.Count;
            var r = new WarmUpRound(round, hot ? "hot" : "spread", rush.Outcomes.Count, rush.Outcomes.Count / rush.Elapsed.TotalSeconds,
                cpu is { ServiceMsPerClaim: var ms } && !double.IsNaN(ms) ? ms : null, rush.Outcomes.Count(x => x.IsError));
            rounds.Add(r);
            Log($"warm-up round {round} ({r.Kind}): {r.Claims} claims, {r.ClaimsPerSecond:F0} claims/s, " +
                $"service CPU ~{(r.ServiceMsPerClaim is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a")} ms/claim " +
                $"(rough: short window), errors {r.Errors}{(r.Errors > 0 ? $" [{Join(Errors(rush))}]" : "")}");
        }

        await fx.WaitForQuiet(ct);
        var baselineConcurrency = Math.Max(o.Concurrency, o.HotConcurrency);
        await WaitForConnectionHeadroom(db, baselineConcurrency, ct);
        await RawBaseline.Run(o.Postgres, baselineConcurrency, 2000, ct);
        Log($"warm-up done: {sent} claims in {clock.Elapsed.TotalSeconds:F1} s, {registering:F1} s of it registering volunteers (not measured)");
        return new WarmUpSummary(rounds, clock.Elapsed.TotalSeconds) { RegisterSeconds = registering };
    }

    private static Dictionary<string, int> Errors(RushResult rush) =>
        rush.Outcomes.Where(x => x.IsError).GroupBy(x => x.Kind).ToDictionary(g => g.Key, g => g.Count());

    private static async Task<int?> FindPostmaster(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT pg_backend_pid()");
        var backend = (int)(await cmd.ExecuteScalarAsync(ct))!;
        return CpuMeter.PostmasterOf(backend) is { } pm && File.Exists($"/proc/{pm}/comm")
            && File.ReadAllText($"/proc/{pm}/comm").Trim() == "postgres" ? pm : null;
    }

    private async Task<RunResult> Spread(ShiftsApi api, NpgsqlDataSource db, int run, CancellationToken ct)
    {
        var setup = Stopwatch.StartNew();
        var days = (o.Slots + SlotsPerDay - 1) / SlotsPerDay;
        var (conference, startsOn) = await api.CreateConference($"Claim rush spread {stamp} run {run}", days, ct);
        var shifts = await api.ScheduleGrid(conference, startsOn, o.Slots, o.Rooms, o.Seats, ct);
        var clients = SpreadClients(shifts, o.Volunteers, new Random(o.Seed + run));
        setup.Stop();
        var registerSeconds = await fx.PrepareVolunteers([.. clients.Select(c => c.VolunteerId)], conference, ct);
        return await Measure("spread", run, o.Concurrency, api, db, shifts, clients, setup.Elapsed.TotalSeconds, registerSeconds, ct);
    }

    private async Task<RunResult> Hot(ShiftsApi api, NpgsqlDataSource db, int run, CancellationToken ct)
    {
        var setup = Stopwatch.StartNew();
        var (conference, startsOn) = await api.CreateConference($"Claim rush hot {stamp} run {run}", 1, ct);
        var startsAt = startsOn.ToDateTime(new TimeOnly(10, 0)).ToUtcOffset();
        var id = await api.CreateShift(conference, "Registration desk", "Hall", startsAt, startsAt.AddHours(2), o.HotSeats, ct);
        var shifts = new[] { new ShiftSlot(id, 0, 0, 0, startsAt, startsAt.AddHours(2), o.HotSeats) };
        var clients = SingleShiftClients(id, o.HotVolunteers);
        setup.Stop();
        var registerSeconds = await fx.PrepareVolunteers([.. clients.Select(c => c.VolunteerId)], conference, ct);
        return await Measure("hot", run, o.HotConcurrency, api, db, shifts, clients, setup.Elapsed.TotalSeconds, registerSeconds, ct);
    }

    private async Task<RunResult> Measure(string scenario, int run, int concurrency, ShiftsApi api, NpgsqlDataSource db,
        IReadOnlyList<ShiftSlot> shifts, IReadOnlyList<RushClient> clients, double setupSeconds, double registerSeconds, CancellationToken ct)
    {
        RushResult rush;
        CpuUsage? cpu;
        using (var http = ClaimRush.CreateClient(o.Url, concurrency))
        {
            await ClaimRush.WarmConnections(http, concurrency, ct);
            var meter = CpuMeter.Start(fx.Cpu);
            rush = await ClaimRush.Run(http, clients, concurrency, ct);
            cpu = meter.Stop(rush.Outcomes.Count);
        }

        var schema = await fx.ShiftsSchemaOf(shifts[0].Id, ct);
        var integrity = await Verifier.Check(api, db, schema, shifts, rush, ct);

        // The rush's events are still being published to the Roster and consumed there: let that finish first, so the
        // baseline runs on a machine as quiet as the rush started on. Then the service's pool still holds the rush's
        // connections for a moment; the baseline needs `concurrency` more.
        await fx.WaitForQuiet(ct);
        await WaitForConnectionHeadroom(db, concurrency, ct);
        var baseline = await RawBaseline.Run(o.Postgres, concurrency, rush.Outcomes.Count, ct);
        var seats = shifts.Sum(s => s.Capacity);
        return RunResult.From(scenario, run, concurrency, clients, shifts.Count, seats, setupSeconds, rush, baseline, integrity, cpu)
            with { RegisterSeconds = registerSeconds };
    }

    /// <summary>Every volunteer claims one random shift; a share of them race for two overlapping shifts at once.</summary>
    private List<RushClient> SpreadClients(IReadOnlyList<ShiftSlot> shifts, int volunteers, Random random)
    {
        var overlapping = shifts.ToDictionary(s => s.Id, s => shifts.Where(x => x.Id != s.Id && x.Overlaps(s)).ToArray());
        var clients = new List<RushClient>(volunteers);
        for (var i = 0; i < volunteers; i++)
        {
            var volunteer = Guid.CreateVersion7();
            var token = VolunteerToken(volunteer);
            var first = shifts[random.Next(shifts.Count)];
            var partners = overlapping[first.Id];
            var claims = random.NextDouble() < o.PairShare && partners.Length > 0
                ? new[] { first, partners[random.Next(partners.Length)] }
                : [first];
            clients.Add(new RushClient(volunteer, [.. claims.Select(s => new ClaimAttempt(s.Id, volunteer, token))]));
        }

        return clients;
    }

    private List<RushClient> SingleShiftClients(Guid shift, int volunteers) =>
        [.. Enumerable.Range(0, volunteers).Select(_ =>
        {
            var volunteer = Guid.CreateVersion7();
            return new RushClient(volunteer, [new ClaimAttempt(shift, volunteer, VolunteerToken(volunteer))]);
        })];

    private string VolunteerToken(Guid volunteer) =>
        DevTokens.Mint(o.SigningKey, volunteer.ToString(), [Roles.Volunteer], TimeSpan.FromHours(2));

    private static async Task WaitForConnectionHeadroom(NpgsqlDataSource db, int needed, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var cmd = db.CreateCommand("""
                SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
                       - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int
                """);
            var free = (int)(await cmd.ExecuteScalarAsync(ct))!;
            if (free >= needed + 2)
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Log($"warning: only {free} PostgreSQL connections free for a baseline of {needed}; it may fail");
                return;
            }

            await Task.Delay(250, ct);
        }
    }

    private ScenarioSummary SpreadSummary(List<RunResult> runs)
    {
        var s = new ScenarioSummary("spread", "", "", runs, []);
        var first = runs[0];
        var ratioMedian = s.Median(r => r.Ratio);
        var ratioWorst = s.Min(r => r.Ratio);
        var p99Median = s.Median(r => r.Latency.P99);
        var p99Worst = s.Max(r => r.Latency.P99);
        return s with
        {
            Title = $"Spread: {first.Volunteers:N0} volunteers, {first.Shifts} shifts × {o.Seats} seats, {first.Concurrency} in flight",
            Description = $"{o.Slots} two-hour slots starting hourly (8:00–21:00 each day) × {o.Rooms} rooms, so a shift overlaps the same " +
                          $"slot in the other rooms and the slots an hour either side. {o.PairShare:P0} of the volunteers send two claims for " +
                          $"two overlapping shifts at the same instant ({first.Requests:N0} claims per run, {first.Seats:N0} seats).",
            Targets =
            [
                $"ratio ≥ 0.30× the raw baseline: median {ratioMedian:F3}, worst {ratioWorst:F3}: {Verdict(ratioMedian >= 0.30, ratioWorst >= 0.30)}",
                $"p99 ≤ 100 ms: median {p99Median:F1} ms, worst {p99Worst:F1} ms: {Verdict(p99Median <= 100, p99Worst <= 100)}",
                $"0 oversold, 0 double-booked: worst {s.Max(r => r.Integrity.Oversold):F0} / {s.Max(r => r.Integrity.DoubleBooked):F0}: " +
                Verdict(runs.All(r => r.Integrity.Oversold == 0 && r.Integrity.DoubleBooked == 0), runs.All(r => r.Integrity.Holds)),
                $"every claim decided (201 or 409 shift-full / overlapping-shift): {Verdict(runs.All(r => r.ErrorCount == 0), true)}",
            ],
        };
    }

    private ScenarioSummary HotSummary(List<RunResult> runs)
    {
        var s = new ScenarioSummary("hot", "", "", runs, []);
        var first = runs[0];
        var p99Median = s.Median(r => r.Latency.P99);
        var p99Worst = s.Max(r => r.Latency.P99);
        var exact = runs.All(r => r.Winners == o.HotSeats && r.Integrity.ApiHolders == o.HotSeats && r.Integrity.DbEventHolders == o.HotSeats);
        var decided = runs.All(r => r.ErrorCount == 0 && r.Refused(ClaimOutcome.ShiftFull) == r.Requests - o.HotSeats);
        return s with
        {
            Title = $"Hot: {first.Volunteers:N0} volunteers, one shift of {o.HotSeats} seats, {first.Concurrency} in flight",
            Description = $"Every volunteer claims the same shift once ({first.Requests:N0} claims per run): exactly {o.HotSeats} must win and " +
                          "every other client must get a definitive 409 `shift-full`.",
            Targets =
            [
                $"exactly {o.HotSeats} winners in every run (client, API and events agree): " +
                $"{(exact ? "yes" : "NO")} ({string.Join(", ", runs.Select(r => r.Winners))})",
                $"every other client a 409 `shift-full` (no 5xx, timeout or give-up): {(decided ? "yes" : "NO")}",
                $"p99 ≤ 300 ms: median {p99Median:F1} ms, worst {p99Worst:F1} ms: {Verdict(p99Median <= 300, p99Worst <= 300)}",
                $"0 oversold, 0 double-booked: worst {s.Max(r => r.Integrity.Oversold):F0} / {s.Max(r => r.Integrity.DoubleBooked):F0}: " +
                Verdict(runs.All(r => r.Integrity.Oversold == 0 && r.Integrity.DoubleBooked == 0), runs.All(r => r.Integrity.Holds)),
            ],
        };
    }

    private static string Verdict(bool median, bool worst) =>
        (median, worst) switch
        {
            (true, true) => "met",
            (true, false) => "met by the median, missed by the worst run",
            _ => "**missed**",
        };

    private static string Join(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"));

    private static void Log(string message) =>
        Console.Error.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] {message}");
}

internal static class DateTimeExtensions
{
    public static DateTimeOffset ToUtcOffset(this DateTime utc) => new(utc, TimeSpan.Zero);
}
