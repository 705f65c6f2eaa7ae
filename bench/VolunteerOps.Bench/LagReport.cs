using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VolunteerOps.Bench;

/// <summary>The propagation-lag section of docs/benchmarks.md and its key in docs/benchmarks.json.</summary>
internal static class LagReport
{
    public const string Name = "propagation-lag";

    /// <summary>The issue's targets: p99 at each claim rate, for both directions.</summary>
    public static readonly IReadOnlyDictionary<int, double> P99Targets = new Dictionary<int, double> { [50] = 250, [500] = 500 };

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static IEnumerable<int> Rates(LagSummary s) => s.Runs.Select(r => r.Rate).Distinct();

    private static List<LagRun> At(LagSummary s, int rate) => [.. s.Runs.Where(r => r.Rate == rate)];

    private static double Median(IEnumerable<LagRun> runs, LagDirection d, Func<DirectionResult, double> f) =>
        Summary.Median(runs.Select(r => f(r.Of(d))));

    private static double Worst(IEnumerable<LagRun> runs, LagDirection d, Func<DirectionResult, double> f) => runs.Max(r => f(r.Of(d)));

    /// <summary>The direction whose median p99 is higher at that rate: the one a target has to hold for.</summary>
    private static LagDirection Slower(LagSummary s, int rate) =>
        LagDirection.All.MaxBy(d => Median(At(s, rate), d, x => x.Lag.P99))!;

    public static string Section(BenchOptions o, Machine m, LagSummary s, double? commandSeconds)
    {
        var sb = new StringBuilder();
        var rates = Rates(s).ToList();
        sb.AppendLine("## Propagation lag").AppendLine();
        sb.AppendLine(Inv, $"_Written by `bench/VolunteerOps.Bench` on {m.Date:yyyy-MM-dd HH:mm} UTC; the next run rewrites everything between the propagation-lag markers._")
            .AppendLine();
        sb.AppendLine("How long an event takes to reach the other service: **registered → claimable** (the Roster stores `volunteer_registered`; " +
                      "the Shifts service has committed the `KnownVolunteer` it needs to accept that volunteer's claims) and **claimed → in the " +
                      "schedule** (the Shifts service stores `shift_claimed`; the Roster has committed the volunteer's schedule entry), under a " +
                      "steady claim load.").AppendLine();
        sb.AppendLine("Command (from the repository root; the same command as the claim rush above, which runs first):").AppendLine();
        sb.AppendLine("```").AppendLine(o.Command).AppendLine("```").AppendLine();
        if (commandSeconds is { } secs)
        {
            sb.AppendLine(Inv, $"The whole command took {secs:F0} s, build and claim rush included.").AppendLine();
        }

        sb.AppendLine(Inv, $"**Machine:** {m.Cores} cores ({m.Cpu}), {m.MemoryGiB:F1} GiB, {m.Os}, kernel {m.Kernel}; {m.DotNet}; {m.Postgres} " +
                           $"and RabbitMQ (`deploy/local-infra/local-rabbitmq.sh`, a container) on the same machine as the services and the load " +
                           $"generator, sharing its cores with whatever else runs there.").AppendLine();
        if (o.ServiceNote is { Length: > 0 } note)
        {
            sb.AppendLine(Inv, $"**Services:** {note}").AppendLine();
        }

        sb.AppendLine("**Settings in force** (read from the source run.sh built the services from; they are code, not configuration):").AppendLine();
        sb.AppendLine("| setting | value | where | what it does |");
        sb.AppendLine("| --- | --- | --- | --- |");
        foreach (var x in s.Settings)
        {
            sb.AppendLine(Inv, $"| {x.Name} | **{x.Value}** | `{x.Source}` | {x.Meaning} |");
        }

        sb.AppendLine();
        sb.AppendLine("The daemon of each service (Marten's async daemon, one per process) runs the publishing subscription: it polls " +
                      "`mt_events` up to the high-water mark, publishes each page to RabbitMQ (one stream's events one after another, " +
                      "different streams concurrently, each publish confirmed), then moves its checkpoint. Each consumer handles a " +
                      "message and records its processed-message marker in one transaction.").AppendLine();

        sb.AppendLine("**How it is measured:**").AppendLine();
        var loads = string.Join(" and ", rates.Select(r => $"{r} claims/s for {At(s, r)[0].Seconds} s"));
        sb.AppendLine(Inv, $"- Load: a steady **open loop** (request *i* leaves at *i* ÷ rate, answered or not: a slow service gets more " +
                           $"requests in flight, not fewer requests) of {loads}, with registrations of new volunteers at " +
                           $"{o.LagRegistrationRate}/s alongside for the same time, from the same process. {o.Runs} runs; each run does every rate " +
                           $"once, in that order. {Capitalise(s.WarmUp ?? $"no warm-up")}.");
        var first = s.Runs[0];
        sb.AppendLine(Inv, $"- Each claim is by a different volunteer, registered and known to the Shifts service before the phase (not timed), " +
                           $"for one of {first.Shifts} shifts of a fresh conference ({first.Shifts / Rooms(first)} hourly two-hour slots × " +
                           $"{Rooms(first)} rooms), round-robin, with seats for all ({string.Join(", ", rates.Select(r => $"{At(s, r)[0].Capacity} per shift at {r}/s"))}): " +
                           $"every claim should win, and successive claims go to different shift streams, as in a busy sign-up. Before each " +
                           $"phase the bench waits until each service (the Notifications service included) has processed everything the others published.");
        sb.AppendLine("- **Lag = the consumer marker's `mt_last_modified` − the producer event's `mt_events.timestamp`**, per event, read from " +
                      "PostgreSQL after the phase (the marker id is `{Consumer}:{event id:N}`, the message id being the event id). " +
                      "`mt_last_modified` is PostgreSQL's `transaction_timestamp()` of the consumer's transaction; the event timestamp is " +
                      "stamped by Marten from the producing service's clock as the event is appended. Both are the same host clock and both " +
                      "are taken shortly *before* their transaction commits, so no polling interval enters the figure; the checks below " +
                      "measure how far from the commits they are.");
        sb.AppendLine("- Not `ProcessedMessage.ProcessedAt`: the consumer stamps it with the service's clock *before* `SaveChangesAsync` " +
                      "(before the connection is taken and the transaction begins), so it is earlier than `mt_last_modified`, which the same " +
                      "transaction writes (the lead is in the checks table).");
        sb.AppendLine(Inv, $"- After the phase, the bench waits (up to {o.LagTimeoutSeconds} s) until every accepted request's marker exists; " +
                           $"*not propagated* counts accepted requests with no event or no marker by then. Percentiles are nearest-rank over every " +
                           $"event of the phase. Then it counts the messages in every queue of the services' RabbitMQ virtual host " +
                           $"(`docker exec {o.BrokerContainer} rabbitmqctl list_queues -p {o.BrokerVhost} name messages`).");
        sb.AppendLine("- *median* and *worst* are over the runs, per column (worst = highest). The targets are checked for both directions.");
        sb.AppendLine();

        foreach (var rate in rates)
        {
            var runs = At(s, rate);
            sb.AppendLine(Inv, $"### {rate} claims/s for {runs[0].Seconds} s (+ {o.LagRegistrationRate} registrations/s)").AppendLine();
            sb.AppendLine("| run | direction | events | p50 ms | p95 ms | p99 ms | max ms | not propagated | request p99 ms | errors |");
            sb.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var r in runs)
            {
                foreach (var d in LagDirection.All)
                {
                    var x = r.Of(d);
                    var errors = x.Errors.Count == 0 ? "0" : string.Join("; ", x.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value}"));
                    sb.AppendLine(Inv, $"| {r.Run} | {d.Title} | {x.Measured:N0} | {x.Lag.P50:F1} | {x.Lag.P95:F1} | {x.Lag.P99:F1} | " +
                                       $"{x.Lag.Max:F1} | {x.MissingEvents + x.Unprocessed} | {x.Http.P99:F1} | {errors} |");
                }
            }

            foreach (var d in LagDirection.All)
            {
                sb.AppendLine(Inv, $"| **median** | {d.Title} | {Median(runs, d, x => x.Measured):N0} | {Median(runs, d, x => x.Lag.P50):F1} | " +
                                   $"{Median(runs, d, x => x.Lag.P95):F1} | **{Median(runs, d, x => x.Lag.P99):F1}** | {Median(runs, d, x => x.Lag.Max):F1} | " +
                                   $"{Median(runs, d, x => x.MissingEvents + x.Unprocessed):F0} | {Median(runs, d, x => x.Http.P99):F1} | {Median(runs, d, x => x.ErrorCount):F0} |");
            }

            foreach (var d in LagDirection.All)
            {
                sb.AppendLine(Inv, $"| **worst** | {d.Title} | — | {Worst(runs, d, x => x.Lag.P50):F1} | {Worst(runs, d, x => x.Lag.P95):F1} | " +
                                   $"{Worst(runs, d, x => x.Lag.P99):F1} | {Worst(runs, d, x => x.Lag.Max):F1} | " +
                                   $"{Worst(runs, d, x => x.MissingEvents + x.Unprocessed):F0} | {Worst(runs, d, x => x.Http.P99):F1} | {Worst(runs, d, x => x.ErrorCount):F0} |");
            }

            sb.AppendLine();
        }

        sb.AppendLine("Targets (figures, not assertions):").AppendLine();
        foreach (var rate in rates)
        {
            if (!P99Targets.TryGetValue(rate, out var target))
            {
                continue;
            }

            var runs = At(s, rate);
            var parts = LagDirection.All.Select(d =>
                $"{d.Key} median {Median(runs, d, x => x.Lag.P99):F1} ms, worst {Worst(runs, d, x => x.Lag.P99):F1} ms");
            var medianOk = LagDirection.All.All(d => Median(runs, d, x => x.Lag.P99) <= target);
            var worstOk = LagDirection.All.All(d => Worst(runs, d, x => x.Lag.P99) <= target);
            sb.AppendLine(Inv, $"- p99 ≤ {target:F0} ms at {rate} claims/s, both directions: {string.Join("; ", parts)}: {Verdict(medianOk, worstOk)}");
        }

        var errorMessages = s.ErrorQueueMessages;
        var errorText = errorMessages is null ? "**unknown** (rabbitmqctl could not be run)"
            : string.Create(Inv, $"{errorMessages} (after every run and at the end: {Queues(s.FinalQueues)}): {(errorMessages == 0 ? "met" : "**missed**")}");
        sb.AppendLine(Inv, $"- zero messages in `_error` queues after a normal run: {errorText}");
        sb.AppendLine(Inv, $"- every accepted registration and claim propagated: {(s.Lost == 0 ? "yes" : $"**NO: {s.Lost} not propagated**")}");
        sb.AppendLine();

        sb.AppendLine("### How close the timestamps are to the commits").AppendLine();
        sb.AppendLine("Both ends of the lag are stamped inside their transactions, before the commit. Per event the bench also knows a time " +
                      "*after* each commit: the producer's commit came before the bench got its 201, and the consumer's commit came before a " +
                      (o.LagObserverMs > 0 ? $"poller (every {o.LagObserverMs} ms, `clock_timestamp()` after the statement's snapshot) first saw the consumer's document " +
                                             "(the `KnownVolunteer` / the schedule, written in the marker's transaction)" : "poller first saw it (off in this run)") +
                      ". So the true commit-to-commit lag lies between *lower* = `mt_last_modified` − 201 received and *upper* = first seen − " +
                      "event timestamp, and the figure lies between them too. Medians over the runs of each column's percentile:").AppendLine();
        sb.AppendLine("| claims/s | direction | p99 lower / **figure** / upper ms | producer: 201 received − event timestamp p50 / p99 ms | consumer: first seen − `mt_last_modified` p50 / p99 ms | `mt_last_modified` − `ProcessedAt` p50 / p99 ms | p99 by `ProcessedAt` ms | event → publishing checkpoint past it p50 / p99 ms |");
        sb.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var rate in rates)
        {
            var runs = At(s, rate);
            foreach (var d in LagDirection.All)
            {
                var upper = runs.All(r => r.Of(d).UpperBound is not null) ? Median(runs, d, x => x.UpperBound!.P99).ToString("F1", Inv) : "n/a";
                var consumer = runs.All(r => r.Of(d).ConsumerWindow is not null)
                    ? $"{Median(runs, d, x => x.ConsumerWindow!.P50):F1} / {Median(runs, d, x => x.ConsumerWindow!.P99):F1}"
                    : "n/a";
                var checkpoint = runs.All(r => r.Of(d).ToCheckpoint is not null)
                    ? $"{Median(runs, d, x => x.ToCheckpoint!.P50):F1} / {Median(runs, d, x => x.ToCheckpoint!.P99):F1}"
                    : "n/a";
                sb.AppendLine(Inv, $"| {rate} | {d.Title} | {Median(runs, d, x => x.LowerBound.P99):F1} / **{Median(runs, d, x => x.Lag.P99):F1}** / {upper} | " +
                                   $"{Median(runs, d, x => x.ProducerWindow.P50):F1} / {Median(runs, d, x => x.ProducerWindow.P99):F1} | {consumer} | " +
                                   $"{Median(runs, d, x => x.ProcessedAtLead.P50):F1} / {Median(runs, d, x => x.ProcessedAtLead.P99):F1} | " +
                                   $"{Median(runs, d, x => x.LagByProcessedAt.P99):F1} | {checkpoint} |");
            }
        }

        sb.AppendLine();
        sb.AppendLine("The producer window includes the HTTP answer's trip back to the bench, and the consumer window the poller's own " +
                      "interval and query, so both overstate how far the stamps are from the commits. The last column splits the lag: the " +
                      "same poller samples each service's `integration-events:All` checkpoint (`mt_event_progression`), which moves past an " +
                      "event once the daemon has published the page holding it and the broker confirmed it; the time from the event to " +
                      "that is spent in the producer (polling, high-water mark, publishing), the rest of the lag in the broker and the " +
                      "consumer (a consumer can commit before the checkpoint moves, since the whole page must be confirmed first).").AppendLine();

        sb.AppendLine("### Details per run").AppendLine();
        sb.AppendLine("Offered = requests ÷ the time taken to send them; consumed = the consumer's markers ÷ the time between its first and last commit of the phase's events; *slip* = how late the load generator sent a request against its " +
                      "schedule (open-loop fidelity); *in flight* = most requests awaiting an answer at once. CPU over the phase (from /proc), " +
                      "in cores busy of " + m.Cores.ToString(Inv) + ". *settle s* = from the last request sent until every marker existed. " +
                      "*lag p50 first → last quarter*: the median lag of the phase's first and last quarter of events; a rise means a " +
                      "backlog building up (the service is not keeping up), not a steady state. *sequence gaps*: Marten `tombstone` " +
                      "events among the phase's events (a failed append's sequence number, which the high-water mark waits on for up to " +
                      "StaleSequenceThreshold before skipping it). *logged*: `fail`/`crit` and `warn` entries in each service's log during " +
                      "the phase (the Roster's warnings are MassTransit retries: a message waiting for its stream predecessor). *PostgreSQL " +
                      "connections*: the most each service had open (its Npgsql pool in use: Shifts 60, Roster 40 at most), busy (not idle) " +
                      "and waiting for a lock at once, from `pg_stat_activity` sampled every ~10 poller rounds during the phase and until it settled.").AppendLine();
        sb.AppendLine("| claims/s | run | claims offered / consumed per s | registrations offered / consumed per s | slip p99 ms claims / registrations | max in flight claims / registrations | request p50 ms claims / registrations | lag p50 first → last quarter ms: claimed; registered | sequence gaps shifts / roster | logged errors / warnings: shifts; roster | PostgreSQL connections max open / busy / lock-waiting: shifts; roster | CPU cores shifts / roster / notifications / broker / postgres / bench / other | settle s | setup s | `_error` messages | queues after the run |");
        sb.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in s.Runs)
        {
            sb.AppendLine(Inv, $"| {r.Rate} | {r.Run} | {r.Claimed.OfferedRate:F1} / {r.Claimed.ConsumedRate:F1} | {r.Registered.OfferedRate:F1} / {r.Registered.ConsumedRate:F1} | {r.Claimed.Slip.P99:F1} / {r.Registered.Slip.P99:F1} | " +
                               $"{r.Claimed.MaxInFlight} / {r.Registered.MaxInFlight} | {r.Claimed.Http.P50:F1} / {r.Registered.Http.P50:F1} | " +
                               $"{r.Claimed.FirstQuarterP50:F0} → {r.Claimed.LastQuarterP50:F0}; {r.Registered.FirstQuarterP50:F0} → {r.Registered.LastQuarterP50:F0} | " +
                               $"{r.Claimed.SequenceGaps} / {r.Registered.SequenceGaps} | {Logged(r.ShiftsLogged)}; {Logged(r.RosterLogged)} | " +
                               $"{Conn(r, c => c.ShiftsOpen)} / {Conn(r, c => c.ShiftsBusy)} / {Conn(r, c => c.ShiftsLockWait)}; " +
                               $"{Conn(r, c => c.RosterOpen)} / {Conn(r, c => c.RosterBusy)} / {Conn(r, c => c.RosterLockWait)} | {Report.Cpu(r.Cpu)} | " +
                               $"{r.SettleSeconds:F1} | {r.SetupSeconds:F1} | {(r.ErrorQueueMessages?.ToString(Inv) ?? $"unknown")} | {Queues(r.Queues)} |");
        }

        sb.AppendLine();
        if (s.Checkpoints.Count > 0)
        {
            sb.AppendLine("Daemon checkpoints at the end (`mt_event_progression`; the publishing subscription at the last event = nothing left to publish):")
                .AppendLine();
            foreach (var c in s.Checkpoints)
            {
                sb.AppendLine(Inv, $"- `{c.Schema}`: `{c.Name}` at {c.LastSeq:N0} of {c.MaxSeq:N0} (updated {c.Updated:HH:mm:ss.fff})");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string Conn(LagRun r, Func<ConnectionSample, int> f) =>
        r.Connections.Count == 0 ? "n/a" : PropagationLag.Max(r, f).ToString(Inv);

    private static string Logged((int Errors, int Warnings)? x) => x is { } v ? $"{v.Errors} / {v.Warnings}" : "n/a";

    private static int Rooms(LagRun r) => Math.Min(5, r.Shifts);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Queues(IReadOnlyList<QueueDepth>? queues) =>
        queues is null ? "unknown" : queues.Count == 0 ? "none" : string.Join(", ", queues.Select(q => $"`{q.Name}` {q.Messages}"));

    private static string Verdict(bool median, bool worst) =>
        (median, worst) switch
        {
            (true, true) => "met",
            (true, false) => "met by the median, missed by the worst run",
            _ => "**missed**",
        };

    public static JsonObject ToJson(LagSummary s)
    {
        var rates = Rates(s).ToList();
        var low = rates[0];
        var lowRuns = At(s, low);
        var slow = Slower(s, low);
        var json = new JsonObject
        {
            ["value"] = R(Median(lowRuns, slow, x => x.Lag.P99)),
            ["unit"] = "ms",
            ["p50_ms"] = R(LagDirection.All.Max(d => Median(lowRuns, d, x => x.Lag.P50))),
            ["p95_ms"] = R(LagDirection.All.Max(d => Median(lowRuns, d, x => x.Lag.P95))),
            ["p99_ms"] = R(Median(lowRuns, slow, x => x.Lag.P99)),
        };
        foreach (var rate in rates.Skip(1))
        {
            var runs = At(s, rate);
            json[$"p50_ms_at_{rate}"] = R(LagDirection.All.Max(d => Median(runs, d, x => x.Lag.P50)));
            json[$"p99_ms_at_{rate}"] = R(LagDirection.All.Max(d => Median(runs, d, x => x.Lag.P99)));
        }

        json["rate"] = low;
        json["rates"] = new JsonArray([.. rates.Select(r => (JsonNode)r)]);
        json["seconds"] = new JsonArray([.. rates.Select(r => (JsonNode)At(s, r)[0].Seconds)]);
        json["registration_rate"] = s.Runs[0].Registered.Sent / (double)s.Runs[0].Seconds;
        json["aggregate"] = "value, p50_ms, p95_ms, p99_ms (at the first rate) and p*_at_<rate>: per direction the median over the runs of that " +
                            "run's percentile, then the slower direction; lag = consumer marker mt_last_modified - producer mt_events.timestamp";
        json["error_queue_messages"] = s.ErrorQueueMessages;
        json["not_propagated"] = s.Lost;
        json["measured_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv);

        var worst = new JsonObject
        {
            ["value"] = R(LagDirection.All.Max(d => Worst(lowRuns, d, x => x.Lag.P99))),
            ["p50_ms"] = R(LagDirection.All.Max(d => Worst(lowRuns, d, x => x.Lag.P50))),
            ["p95_ms"] = R(LagDirection.All.Max(d => Worst(lowRuns, d, x => x.Lag.P95))),
            ["p99_ms"] = R(LagDirection.All.Max(d => Worst(lowRuns, d, x => x.Lag.P99))),
            ["max_ms"] = R(LagDirection.All.Max(d => Worst(lowRuns, d, x => x.Lag.Max))),
        };
        foreach (var rate in rates.Skip(1))
        {
            var runs = At(s, rate);
            worst[$"p50_ms_at_{rate}"] = R(LagDirection.All.Max(d => Worst(runs, d, x => x.Lag.P50)));
            worst[$"p99_ms_at_{rate}"] = R(LagDirection.All.Max(d => Worst(runs, d, x => x.Lag.P99)));
            worst[$"max_ms_at_{rate}"] = R(LagDirection.All.Max(d => Worst(runs, d, x => x.Lag.Max)));
        }

        json["worst"] = worst;

        var directions = new JsonObject();
        foreach (var d in LagDirection.All)
        {
            var byRate = new JsonObject();
            foreach (var rate in rates)
            {
                var runs = At(s, rate);
                byRate[rate.ToString(Inv)] = new JsonObject
                {
                    ["p50_ms"] = R(Median(runs, d, x => x.Lag.P50)),
                    ["p95_ms"] = R(Median(runs, d, x => x.Lag.P95)),
                    ["p99_ms"] = R(Median(runs, d, x => x.Lag.P99)),
                    ["max_ms"] = R(Median(runs, d, x => x.Lag.Max)),
                    ["worst_p99_ms"] = R(Worst(runs, d, x => x.Lag.P99)),
                    ["worst_max_ms"] = R(Worst(runs, d, x => x.Lag.Max)),
                };
            }

            directions[d.Key] = byRate;
        }

        json["directions"] = directions;
        var targets = new JsonObject();
        foreach (var rate in rates.Where(P99Targets.ContainsKey))
        {
            var runs = At(s, rate);
            targets[$"p99_le_{P99Targets[rate]:F0}_ms_at_{rate}"] = LagDirection.All.All(d => Median(runs, d, x => x.Lag.P99) <= P99Targets[rate])
                ? LagDirection.All.All(d => Worst(runs, d, x => x.Lag.P99) <= P99Targets[rate]) ? "met" : "met by the median, missed by the worst run"
                : "missed";
        }

        targets["zero_error_queue_messages"] = s.ErrorQueueMessages is null ? "unknown" : s.ErrorQueueMessages == 0 ? "met" : "missed";
        json["targets"] = targets;
        json["settings"] = new JsonObject([.. s.Settings.Select(x => KeyValuePair.Create(x.Name, (JsonNode?)x.Value))]);
        json["runs"] = new JsonArray([.. s.Runs.Select(RunJson)]);
        return json;
    }

    private static JsonObject RunJson(LagRun r)
    {
        var directions = new JsonObject();
        foreach (var d in LagDirection.All)
        {
            var x = r.Of(d);
            directions[d.Key] = new JsonObject
            {
                ["sent"] = x.Sent,
                ["accepted"] = x.Accepted,
                ["measured"] = x.Measured,
                ["missing_events"] = x.MissingEvents,
                ["unprocessed"] = x.Unprocessed,
                ["p50_ms"] = R(x.Lag.P50),
                ["p95_ms"] = R(x.Lag.P95),
                ["p99_ms"] = R(x.Lag.P99),
                ["max_ms"] = R(x.Lag.Max),
                ["errors"] = new JsonObject([.. x.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))]),
                ["offered_per_s"] = R(x.OfferedRate),
                ["consumed_per_s"] = R(x.ConsumedRate),
                ["request_p50_ms"] = R(x.Http.P50),
                ["request_p99_ms"] = R(x.Http.P99),
                ["send_slip_p99_ms"] = R(x.Slip.P99),
                ["max_in_flight"] = x.MaxInFlight,
                ["p50_first_quarter_ms"] = R(x.FirstQuarterP50),
                ["p50_last_quarter_ms"] = R(x.LastQuarterP50),
                ["sequence_gaps"] = x.SequenceGaps,
                ["checks"] = new JsonObject
                {
                    ["p99_lower_bound_ms"] = R(x.LowerBound.P99),
                    ["p99_upper_bound_ms"] = x.UpperBound is { } u ? R(u.P99) : null,
                    ["producer_window_p50_ms"] = R(x.ProducerWindow.P50),
                    ["producer_window_p99_ms"] = R(x.ProducerWindow.P99),
                    ["consumer_window_p50_ms"] = x.ConsumerWindow is { } c ? R(c.P50) : null,
                    ["consumer_window_p99_ms"] = x.ConsumerWindow is { } c2 ? R(c2.P99) : null,
                    ["processed_at_lead_p50_ms"] = R(x.ProcessedAtLead.P50),
                    ["processed_at_lead_p99_ms"] = R(x.ProcessedAtLead.P99),
                    ["p99_by_processed_at_ms"] = R(x.LagByProcessedAt.P99),
                    ["to_publishing_checkpoint_p50_ms"] = x.ToCheckpoint is { } k ? R(k.P50) : null,
                    ["to_publishing_checkpoint_p99_ms"] = x.ToCheckpoint is { } k2 ? R(k2.P99) : null,
                },
            };
        }

        return new JsonObject
        {
            ["run"] = r.Run,
            ["rate"] = r.Rate,
            ["seconds"] = r.Seconds,
            ["shifts"] = r.Shifts,
            ["capacity"] = r.Capacity,
            ["directions"] = directions,
            ["settle_s"] = R(r.SettleSeconds),
            ["setup_s"] = R(r.SetupSeconds),
            ["observer_polls"] = r.ObserverPolls,
            ["postgres_connections_max"] = r.Connections.Count == 0 ? null : new JsonObject
            {
                ["shifts_open"] = PropagationLag.Max(r, c => c.ShiftsOpen),
                ["shifts_busy"] = PropagationLag.Max(r, c => c.ShiftsBusy),
                ["shifts_lock_waiting"] = PropagationLag.Max(r, c => c.ShiftsLockWait),
                ["roster_open"] = PropagationLag.Max(r, c => c.RosterOpen),
                ["roster_busy"] = PropagationLag.Max(r, c => c.RosterBusy),
                ["roster_lock_waiting"] = PropagationLag.Max(r, c => c.RosterLockWait),
                ["samples"] = r.Connections.Count,
            },
            ["logged"] = new JsonObject
            {
                ["shifts_errors"] = r.ShiftsLogged?.Errors,
                ["shifts_warnings"] = r.ShiftsLogged?.Warnings,
                ["roster_errors"] = r.RosterLogged?.Errors,
                ["roster_warnings"] = r.RosterLogged?.Warnings,
            },
            ["cpu_cores"] = Report.CpuJson(r.Cpu, perClaim: false),
            ["error_queue_messages"] = r.ErrorQueueMessages,
            ["queues"] = r.Queues is null ? null
                : new JsonObject([.. r.Queues.Select(q => KeyValuePair.Create(q.Name, (JsonNode?)q.Messages))]),
        };
    }

    private static double R(double v) => Math.Round(v, 1);
}
