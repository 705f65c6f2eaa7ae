using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VolunteerOps.Bench;

/// <summary>
/// Writes a benchmark's section of docs/benchmarks.md (only between its own markers) and merges its keys into
/// docs/benchmarks.json, leaving every other benchmark's section and keys as they are.
/// </summary>
internal static class Report
{
    public const string ClaimRushName = "claim-rush";

    private const string NewFile = """
        # Benchmarks

        Each section below is written by its own benchmark between its `<!-- name:start -->` / `<!-- name:end -->`
        markers, and the same tool merges its keys into `benchmarks.json`; text outside the markers is kept.
        House rule: every figure is run three times; the median and the worst are reported.

        """;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string JsonKey(string scenario) => $"claim-rush-{scenario}";

    /// <summary>
    /// Replaces the text between <c>&lt;!-- name:start --&gt;</c> and <c>&lt;!-- name:end --&gt;</c> in benchmarks.md (appends
    /// the block if the markers are missing) and sets <paramref name="keys"/> in benchmarks.json, keeping everything else.
    /// </summary>
    public static void Merge(string outDir, string name, string section, IReadOnlyDictionary<string, JsonNode> keys)
    {
        Directory.CreateDirectory(outDir);
        var startMarker = $"<!-- {name}:start -->";
        var endMarker = $"<!-- {name}:end -->";
        var mdPath = Path.Combine(outDir, "benchmarks.md");
        var md = File.Exists(mdPath) ? File.ReadAllText(mdPath) : NewFile;
        var block = $"{startMarker}\n{section.TrimEnd()}\n{endMarker}";
        var start = md.IndexOf(startMarker, StringComparison.Ordinal);
        var end = md.IndexOf(endMarker, StringComparison.Ordinal);
        md = start >= 0 && end > start
            ? md[..start] + block + md[(end + endMarker.Length)..]
            : md.TrimEnd() + "\n\n" + block + "\n";
        WriteAtomically(mdPath, md);

        var jsonPath = Path.Combine(outDir, "benchmarks.json");
        var existing = File.Exists(jsonPath) ? File.ReadAllText(jsonPath) : "";
        // Never silently drop other benchmarks' keys: a file that is not a JSON object stops the bench instead.
        var root = existing.Trim().Length == 0 ? new JsonObject()
            : JsonNode.Parse(existing) as JsonObject ?? throw new InvalidOperationException($"{jsonPath} is not a JSON object.");
        foreach (var (key, value) in keys)
        {
            root[key] = value.DeepClone();
        }

        WriteAtomically(jsonPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static string Section(BenchOptions o, Machine m, IReadOnlyList<ScenarioSummary> scenarios, WarmUpSummary? warmUp, double? commandSeconds)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Claim rush").AppendLine();
        sb.AppendLine(Inv, $"_Written by `bench/VolunteerOps.Bench` on {m.Date:yyyy-MM-dd HH:mm} UTC; the next run rewrites everything between the claim-rush markers._")
            .AppendLine();
        sb.AppendLine("Command (from the repository root: starts PostgreSQL and RabbitMQ, builds and starts the Shifts, Roster and Notifications services in " +
                      $"Release, runs both scenarios {(o.Runs == 1 ? "once" : $"{o.Runs} times")} and then the propagation-lag and notification-lag benchmarks below, " +
                      "stops the services, prints these tables):").AppendLine();
        sb.AppendLine("```").AppendLine(o.Command).AppendLine("```").AppendLine();
        if (commandSeconds is { } secs)
        {
            sb.AppendLine(Inv, $"The whole command took {secs:F0} s, build included.").AppendLine();
        }
        else if (o.StartedAt is { } started)
        {
            sb.AppendLine(Inv, $"The claim rush finished {DateTimeOffset.UtcNow.ToUnixTimeSeconds() - started:F0} s after the command started, build included.")
                .AppendLine();
        }

        sb.AppendLine(Inv, $"**Machine:** {m.Cores} cores ({m.Cpu}), {m.MemoryGiB:F1} GiB, {m.Os}, kernel {m.Kernel}; {m.DotNet}; " +
                           $"{m.Postgres} on the same machine ({string.Join(", ", m.PostgresSettings.Select(kv => $"{kv.Key} {kv.Value}"))}). " +
                           $"Service, load generator and PostgreSQL share the cores with whatever else runs there (*other* in the details below), " +
                           $"so throughput moves by tens of percent from run to run.").AppendLine();
        if (o.ServiceNote is { Length: > 0 } note)
        {
            sb.AppendLine(Inv, $"**Service:** {note}").AppendLine();
        }

        sb.AppendLine("**How it is measured:**").AppendLine();
        sb.AppendLine("- Each run makes a fresh conference and its shifts over HTTP as a coordinator (not timed); every volunteer is a fresh " +
                      "v7 id with their own volunteer token.");
        sb.AppendLine(Inv, $"- The Shifts service refuses claims by volunteers it has not heard of (422 `unknown-volunteer`), so before each rush " +
                           $"(warm-up rounds included) every one of its volunteers is registered in the Roster (`POST /api/volunteers` as a " +
                           $"coordinator, {o.RegisterConcurrency} in flight; when the Notifications service runs, then set to in-app only with " +
                           $"`PUT /api/volunteers/{{id}}/preferences`, so that no claim makes an email or webhook delivery), and the bench waits until the Shifts schema holds an active " +
                           $"`KnownVolunteer` for each (they arrive as `VolunteerRegisteredV1` over RabbitMQ) and until each service has processed " +
                           $"every event the others published (processed-message markers = published events, both ways, and in the Notifications " +
                           $"service, when it runs, one marker per event of both). None of that is timed " +
                           $"(*register s* in the details). The rush itself is unchanged; while it runs, the Shifts service publishes its " +
                           $"`shift_claimed` events and the Roster and the Notifications service consume them, as in production (the Notifications " +
                           $"service writes a `claim-confirmed` inbox entry per claim and plans the holder's reminders).");
        sb.AppendLine("- Every claim is prepared and the client's connections are opened first; then the claims are released together " +
                      "and exactly *C* stay in flight until the queue drains. claims/s = claims answered ÷ wall time from the first send " +
                      "to the last answer. Latency is per claim (send to body read), nearest-rank percentiles.");
        sb.AppendLine("- Baseline: in the same run, right after the rush (once the Roster has consumed the rush's events), at the same concurrency *C*, as many raw Npgsql transactions " +
                      "`BEGIN; INSERT; INSERT; COMMIT` (two tables in schema `bench_baseline`, one round trip each) as the rush sent claims. " +
                      "ratio = claims/s ÷ baseline tx/s, per run.");
        sb.AppendLine("- Outcomes: 201 is a winner; 409 `shift-full` and 409 `overlapping-shift` are definitive refusals; anything else " +
                      "(5xx, another 409 such as `concurrency-conflict`, a timeout after 30 s, a transport failure) is an error.");
        sb.AppendLine("- Checks after every run: *oversold* = seats taken beyond capacity; *double-booked* = volunteers holding two " +
                      "overlapping shifts. Each is counted from the API (`GET /api/shifts/{id}`), from the events in PostgreSQL, from the " +
                      "inline snapshots (shift holders, volunteer commitments) and from the clients (a pair volunteer answered 201 twice); " +
                      "the worst count is shown. Also checked: every 201 is a holder in the API and in the events, every holder got a 201, " +
                      "and each volunteer's commitments stream lists exactly the shifts they hold.");
        sb.AppendLine(Inv, $"- {o.Runs} runs per scenario. *median* is per column; " +
                           $"*worst* is the lowest claims/s, baseline and ratio and the highest latency, errors, oversold and double-booked.");
        if (warmUp is { } w)
        {
            sb.AppendLine(Inv, $"- Before the runs, an unmeasured warm-up of {w.Claims:N0} claims ({w.Seconds:F0} s, {w.RegisterSeconds:F0} s of it registering volunteers) in rounds shaped like the runs " +
                               $"(spread with pairs, hot). A freshly started service keeps recompiling (tiered JIT, dynamic PGO) through " +
                               $"roughly its first 10,000 claims, at 2–3× its steady CPU per claim; the runs measure the steady state.");
        }
        else
        {
            sb.AppendLine("- No warm-up: the figures include the service's JIT warm-up.");
        }

        sb.AppendLine();

        foreach (var s in scenarios)
        {
            s.AppendMarkdown(sb);
        }

        sb.AppendLine("### Details per run").AppendLine();
        sb.AppendLine("CPU during the rush (from /proc), in cores busy of " + m.Cores.ToString(Inv) + ": the Shifts service, the Roster service " +
                      "(consuming the rush's events meanwhile), the Notifications service (consuming them too), the RabbitMQ container, the PostgreSQL server's " +
                      "processes, the load generator, and everything else on the machine (other people's builds and tests: the noise). " +
                      "CPU per claim is the figure that noise disturbs least. *register s*: registering the run's volunteers until the Shifts " +
                      "service knew them all and every service had processed every published event (setup, not timed).").AppendLine();
        sb.AppendLine("| scenario | run | claims | rush s | setup s | register s | baseline p50 / p99 ms | CPU cores shifts / roster / notifications / broker / postgres / bench / other | CPU ms per claim: shifts / postgres | API holders | DB holders | lost 201s | phantom holders | commitment mismatches | errors by kind |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in scenarios.SelectMany(s => s.Runs))
        {
            var errors = r.Errors.Count == 0 ? "none" : string.Join("; ", r.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value}"));
            sb.AppendLine(Inv, $"| {r.Scenario} | {r.Run} | {r.Requests:N0} | {r.ElapsedSeconds:F2} | {r.SetupSeconds:F1} | {r.RegisterSeconds:F1} | " +
                               $"{r.BaselineLatency.P50:F1} / {r.BaselineLatency.P99:F1} | {Cpu(r.Cpu)} | {PerClaim(r.Cpu)} | " +
                               $"{r.Integrity.ApiHolders} | {r.Integrity.DbEventHolders} | " +
                               $"{r.Integrity.LostClaims} | {r.Integrity.PhantomHolders} | {r.Integrity.CommitmentMismatches} | {errors} |");
        }

        return sb.ToString();
    }

    public static string Cpu(CpuUsage? c) =>
        c is null ? "n/a" : string.Create(Inv,
            $"{Num(c.ServiceCores)} / {Num(c.RosterCores)} / {Num(c.NotificationsCores)} / {Num(c.BrokerCores)} / {c.PostgresCores:F2} / {c.BenchCores:F2} / {c.OtherCores:F2}");

    private static string PerClaim(CpuUsage? c) => c is null ? "n/a" : $"{Num(c.ServiceMsPerClaim)} / {Num(c.PostgresMsPerClaim)}";

    public static string Num(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F2", Inv);

    /// <summary>The CPU split as JSON, the same shape for every benchmark.</summary>
    public static JsonObject? CpuJson(CpuUsage? c, bool perClaim = true)
    {
        if (c is null)
        {
            return null;
        }

        static JsonNode? R(double v, int digits) => double.IsNaN(v) ? null : Math.Round(v, digits);
        var json = new JsonObject
        {
            ["machine_busy"] = R(c.MachineBusyCores, 2),
            ["service"] = R(c.ServiceCores, 2),
            ["roster"] = R(c.RosterCores, 2),
            ["notifications"] = R(c.NotificationsCores, 2),
            ["broker"] = R(c.BrokerCores, 2),
            ["postgres"] = R(c.PostgresCores, 2),
            ["bench"] = R(c.BenchCores, 2),
            ["other"] = R(c.OtherCores, 2),
        };
        if (perClaim)
        {
            json["service_ms_per_claim"] = R(c.ServiceMsPerClaim, 3);
            json["postgres_ms_per_claim"] = R(c.PostgresMsPerClaim, 3);
        }

        return json;
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>The runs of one scenario with their median and worst, as the report and the JSON show them.</summary>
internal sealed record ScenarioSummary(string Name, string Title, string Description, IReadOnlyList<RunResult> Runs, IReadOnlyList<string> Targets)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public double Median(Func<RunResult, double> f) => Summary.Median(Runs.Select(f));

    public double Min(Func<RunResult, double> f) => Runs.Min(f);

    public double Max(Func<RunResult, double> f) => Runs.Max(f);

    public void AppendMarkdown(StringBuilder sb)
    {
        sb.AppendLine(Inv, $"### {Title}").AppendLine();
        sb.AppendLine(Description).AppendLine();
        sb.AppendLine("| run | claims/s | baseline tx/s | ratio | p50 ms | p95 ms | p99 ms | winners | 409 shift-full | 409 overlapping-shift | errors | oversold | double-booked |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in Runs)
        {
            sb.AppendLine(Inv, $"| {r.Run} | {r.ClaimsPerSecond:N0} | {r.BaselineTxPerSecond:N0} | {r.Ratio:F3} | {r.Latency.P50:F1} | " +
                               $"{r.Latency.P95:F1} | {r.Latency.P99:F1} | {r.Winners} | {r.Refused(ClaimOutcome.ShiftFull)} | " +
                               $"{r.Refused(ClaimOutcome.Overlapping)} | {r.ErrorCount} | {r.Integrity.Oversold} | {r.Integrity.DoubleBooked} |");
        }

        sb.AppendLine(Inv, $"| **median** | **{Median(r => r.ClaimsPerSecond):N0}** | {Median(r => r.BaselineTxPerSecond):N0} | " +
                           $"**{Median(r => r.Ratio):F3}** | {Median(r => r.Latency.P50):F1} | {Median(r => r.Latency.P95):F1} | " +
                           $"**{Median(r => r.Latency.P99):F1}** | {Median(r => r.Winners):F0} | {Median(r => r.Refused(ClaimOutcome.ShiftFull)):F0} | " +
                           $"{Median(r => r.Refused(ClaimOutcome.Overlapping)):F0} | {Median(r => r.ErrorCount):F0} | " +
                           $"{Median(r => r.Integrity.Oversold):F0} | {Median(r => r.Integrity.DoubleBooked):F0} |");
        sb.AppendLine(Inv, $"| **worst** | {Min(r => r.ClaimsPerSecond):N0} | {Min(r => r.BaselineTxPerSecond):N0} | {Min(r => r.Ratio):F3} | " +
                           $"{Max(r => r.Latency.P50):F1} | {Max(r => r.Latency.P95):F1} | {Max(r => r.Latency.P99):F1} | — | — | — | " +
                           $"{Max(r => r.ErrorCount):F0} | {Max(r => r.Integrity.Oversold):F0} | {Max(r => r.Integrity.DoubleBooked):F0} |");
        sb.AppendLine();
        sb.AppendLine("Targets (figures, not assertions):").AppendLine();
        foreach (var t in Targets)
        {
            sb.AppendLine(Inv, $"- {t}");
        }

        sb.AppendLine();
    }

    public JsonObject ToJson()
    {
        var first = Runs[0];
        return new JsonObject
        {
            ["value"] = Round(Median(r => r.ClaimsPerSecond), 1),
            ["unit"] = "claims/s",
            ["baseline"] = Round(Median(r => r.BaselineTxPerSecond), 1),
            ["ratio"] = Round(Median(r => r.Ratio), 3),
            ["p50_ms"] = Round(Median(r => r.Latency.P50), 1),
            ["p95_ms"] = Round(Median(r => r.Latency.P95), 1),
            ["p99_ms"] = Round(Median(r => r.Latency.P99), 1),
            // Correctness counts: the worst run, so a single oversell anywhere shows.
            ["oversold"] = (int)Max(r => r.Integrity.Oversold),
            ["double_booked"] = (int)Max(r => r.Integrity.DoubleBooked),
            ["errors"] = (int)Max(r => r.ErrorCount),
            ["concurrency"] = first.Concurrency,
            ["volunteers"] = first.Volunteers,
            ["shifts"] = first.Shifts,
            ["seats"] = first.Seats,
            ["requests"] = first.Requests,
            ["baseline_unit"] = "tx/s",
            ["aggregate"] = "value, baseline, ratio and latencies are the per-column median of the runs; oversold, double_booked and errors the worst run",
            ["measured_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv),
            ["worst"] = new JsonObject
            {
                ["value"] = Round(Min(r => r.ClaimsPerSecond), 1),
                ["baseline"] = Round(Min(r => r.BaselineTxPerSecond), 1),
                ["ratio"] = Round(Min(r => r.Ratio), 3),
                ["p50_ms"] = Round(Max(r => r.Latency.P50), 1),
                ["p95_ms"] = Round(Max(r => r.Latency.P95), 1),
                ["p99_ms"] = Round(Max(r => r.Latency.P99), 1),
                ["oversold"] = (int)Max(r => r.Integrity.Oversold),
                ["double_booked"] = (int)Max(r => r.Integrity.DoubleBooked),
                ["errors"] = (int)Max(r => r.ErrorCount),
            },
            ["runs"] = new JsonArray([.. Runs.Select(RunJson)]),
        };
    }

    private static JsonObject RunJson(RunResult r) => new()
    {
        ["run"] = r.Run,
        ["value"] = Round(r.ClaimsPerSecond, 1),
        ["baseline"] = Round(r.BaselineTxPerSecond, 1),
        ["ratio"] = Round(r.Ratio, 3),
        ["p50_ms"] = Round(r.Latency.P50, 1),
        ["p95_ms"] = Round(r.Latency.P95, 1),
        ["p99_ms"] = Round(r.Latency.P99, 1),
        ["max_ms"] = Round(r.Latency.Max, 1),
        ["baseline_p50_ms"] = Round(r.BaselineLatency.P50, 2),
        ["baseline_p99_ms"] = Round(r.BaselineLatency.P99, 2),
        ["requests"] = r.Requests,
        ["pair_volunteers"] = r.PairVolunteers,
        ["elapsed_s"] = Round(r.ElapsedSeconds, 3),
        ["winners"] = r.Winners,
        ["refusals"] = new JsonObject([.. r.Refusals.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
        ["errors"] = new JsonObject([.. r.Errors.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
        ["oversold"] = r.Integrity.Oversold,
        ["double_booked"] = r.Integrity.DoubleBooked,
        ["register_s"] = Round(r.RegisterSeconds, 1),
        ["cpu_cores"] = Report.CpuJson(r.Cpu),
        ["checks"] = new JsonObject
        {
            ["api_holders"] = r.Integrity.ApiHolders,
            ["db_event_holders"] = r.Integrity.DbEventHolders,
            ["api_oversold_seats"] = r.Integrity.ApiOversoldSeats,
            ["db_event_oversold_seats"] = r.Integrity.DbEventOversoldSeats,
            ["db_snapshot_oversold_seats"] = r.Integrity.DbSnapshotOversoldSeats,
            ["api_double_booked"] = r.Integrity.ApiDoubleBooked,
            ["db_event_double_booked"] = r.Integrity.DbEventDoubleBooked,
            ["db_commitment_double_booked"] = r.Integrity.DbCommitmentDoubleBooked,
            ["client_pairs_both_won"] = r.Integrity.ClientPairsBothWon,
            ["lost_claims"] = r.Integrity.LostClaims,
            ["phantom_holders"] = r.Integrity.PhantomHolders,
            ["commitment_mismatches"] = r.Integrity.CommitmentMismatches,
        },
    };

    private static double Round(double value, int digits) => Math.Round(value, digits);
}
