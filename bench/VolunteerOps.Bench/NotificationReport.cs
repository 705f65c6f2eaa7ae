using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VolunteerOps.Bench;

/// <summary>The notification-lag section of docs/benchmarks.md and its key in docs/benchmarks.json.</summary>
internal static partial class NotificationReport
{
    public const string Name = "notification-lag";

    /// <summary>The targets: claim → inbox p99 at 50 claims/s; every reminder within 30 s of its due time.</summary>
    public const double P99TargetMs = 500;

    public const int TargetRate = 50;

    public const double ReminderTargetMs = 30_000;

    private const string NotificationsMessaging = "services/Notifications/VolunteerOps.Notifications/NotificationsMessaging.cs";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static double Median(NotificationSummary s, Func<NotificationRun, double> f) => Summary.Median(s.Runs.Select(f));

    private static double Worst(NotificationSummary s, Func<NotificationRun, double> f) => s.Runs.Max(f);

    private static double ReminderP50(NotificationRun r) => r.ReminderLag.P50;

    private static double ReminderMax(NotificationRun r) => r.ReminderLag.Max;

    public static string Section(BenchOptions o, Machine m, NotificationSummary s, double? commandSeconds)
    {
        var sb = new StringBuilder();
        var first = s.Runs[0];
        var window = NotificationLag.ReminderWindow(first.Seconds);
        sb.AppendLine("## Notification lag").AppendLine();
        sb.AppendLine(Inv, $"_Written by `bench/VolunteerOps.Bench` on {m.Date:yyyy-MM-dd HH:mm} UTC; the next run rewrites everything between the notification-lag markers._")
            .AppendLine();
        sb.AppendLine("How long a claim takes to reach the volunteer's inbox: the Shifts service stores `shift_claimed`; the Notifications " +
                      "service (queue `notifications-shift-events`) has committed the `claim-confirmed` inbox entry, in the same transaction as " +
                      "its processed-message marker. And, under that load, how late reminders fire against their due time.").AppendLine();
        sb.AppendLine("Command (from the repository root; `bash bench/run.sh` runs every benchmark, this one last; " +
                      "`bash bench/run.sh --benchmarks notification-lag` runs only this one):").AppendLine();
        sb.AppendLine("```").AppendLine(o.Command).AppendLine("```").AppendLine();
        if (commandSeconds is { } secs)
        {
            sb.AppendLine(Inv, $"The whole command took {secs:F0} s{(o.Benchmarks.Count > 1 ? ", build and the other benchmarks included" : ", build included")}.")
                .AppendLine();
        }

        sb.AppendLine(Inv, $"**Machine:** {m.Cores} cores ({m.Cpu}), {m.MemoryGiB:F1} GiB, {m.Os}, kernel {m.Kernel}; {m.DotNet}; {m.Postgres} " +
                           $"({string.Join(", ", m.PostgresSettings.Select(kv => $"{kv.Key} {kv.Value}"))}) and RabbitMQ " +
                           $"(`deploy/local-infra/local-rabbitmq.sh`, a container) on the same machine as the three services and the load " +
                           $"generator, sharing its cores with whatever else runs there.").AppendLine();
        if (o.ServiceNote is { Length: > 0 } note)
        {
            sb.AppendLine(Inv, $"**Services:** {note}").AppendLine();
        }

        sb.AppendLine("**Settings in force** (from the source and configuration run.sh built and started the services with; the event-store " +
                      "and retry settings are shared by every service: the Shifts service's daemon publishes the claims, the Notifications " +
                      "service's consumers retry with the same policy; the propagation-lag section explains each):").AppendLine();
        sb.AppendLine("| setting | value | where |");
        sb.AppendLine("| --- | --- | --- |");
        foreach (var x in Settings(o.Repo, s))
        {
            sb.AppendLine(Inv, $"| {x.Name} | **{x.Value}** | {x.Source} |");
        }

        sb.AppendLine();
        sb.AppendLine("**How it is measured:**").AppendLine();
        sb.AppendLine(Inv, $"- Load: a steady **open loop** (claim *i* leaves at *i* ÷ rate, answered or not) of {first.Rate} claims/s for " +
                           $"{first.Seconds} s, every claim by a different volunteer, {(s.Runs.Count == 1 ? "one run" : $"{s.Runs.Count} runs")}. " +
                           $"{Capitalise(s.WarmUp ?? "no warm-up")}. No registrations run alongside (unlike the propagation-lag benchmark).");
        sb.AppendLine(Inv, $"- Set-up per run (not timed): a fresh conference 60 days ahead with {first.Shifts} shifts ({first.Shifts / Math.Min(5, first.Shifts)} " +
                           $"hourly two-hour slots × {Math.Min(5, first.Shifts)} rooms, {first.Capacity} seats each), claimed round-robin so that every claim " +
                           $"wins; every claimant registered in the Roster, then set to **in-app only** with `PUT /api/volunteers/{{id}}/preferences` " +
                           $"(`{{\"channels\":[\"inApp\"],\"reminderLeadMinutes\":[1440,60]}}`, the default lead times) so that the phase makes no email or " +
                           $"webhook delivery; the bench waits until the Notifications service holds every claimant as in-app only, until every service " +
                           $"has processed every event the others published, and until no delivery is pending (every benchmark's volunteers are set " +
                           $"to in-app only the same way, so none should be; run.sh also points `Smtp:Port` at a closed port; *pending at start* in the details).");
        sb.AppendLine(Inv, $"- **Lag = the `claim-confirmed` notification's `mt_last_modified` − the `shift_claimed` event's `mt_events.timestamp`**, " +
                           $"joined on the notification's `cause.streamId` / `cause.version` = the event's `stream_id` / `version`, read from " +
                           $"PostgreSQL after the phase. `mt_last_modified` is PostgreSQL's `transaction_timestamp()` of the consumer's transaction " +
                           $"(which also writes its `ShiftClaimedConsumer:{{event id:N}}` marker); the event's timestamp is stamped by Marten from the Shifts " +
                           $"service's clock as it appends the event (before its commit). Services and PostgreSQL share one host clock, and no " +
                           $"polling interval of the bench enters the figure. Percentiles are nearest-rank over every claim of the run. The Roster's " +
                           $"`ShiftClaimedConsumer` marker for the same events is shown alongside: the same messages, published once by the Shifts " +
                           $"service's daemon, consumed by another service from its own queue.");
        sb.AppendLine(Inv, $"- After the phase the bench waits (up to {o.LagTimeoutSeconds} s) for every accepted claim's entry. *lost* = accepted claims " +
                           $"with no `claim-confirmed` entry for the claimant by then (or no `shift_claimed` event); *duplicates* = (recipient, cause) pairs " +
                           $"with more than one `claim-confirmed` entry, plus entries for a phase's claim addressed to anyone but the claimant. Then it counts " +
                           $"the messages in every queue of the virtual host (`docker exec {o.BrokerContainer} rabbitmqctl list_queues -p {o.BrokerVhost} name messages`).");
        if (first.Reminders.Count > 0)
        {
            sb.AppendLine(Inv, $"- **Reminders under that load:** the first {first.Reminders.Count} claims of each run (sent in its first " +
                               $"{first.Reminders.Count / (double)first.Rate:F1} s) go to {first.Reminders.Count} one-seat shifts (minimum 0, so no under-staffing " +
                               $"alert) of a conference that starts today; claimant *i* set one lead time, in turn {string.Join(", ", NotificationLag.ReminderLeads.Take(first.Reminders.Count))} " +
                               $"minutes, and their shift starts that many minutes after the reminder's due time, the due times spread evenly from " +
                               $"{window.From:F0} to {window.To:F0} s into the phase. Reminder lag = the `shift-reminder` entry's `mt_last_modified` − the alarm's " +
                               $"`dueAt` (`mt_doc_alarm`, equal to the planned time). The alarm worker looks for due alarms every `Notifications:PollInterval` " +
                               $"({s.PollInterval ?? "see appsettings.json"}), so up to that much of the lag is by design. *fired* counts reminders with an " +
                               $"inbox entry; a claim consumed after its reminder's due time plans no reminder at all, and shows as not fired.");
        }

        sb.AppendLine("- *median* and *worst* are over the runs, per column (worst = highest).");
        sb.AppendLine();

        sb.AppendLine(Inv, $"### Claim → inbox, {first.Rate} claims/s for {first.Seconds} s").AppendLine();
        sb.AppendLine("| run | claims accepted | measured | p50 ms | p95 ms | p99 ms | max ms | lost | duplicates | Roster, same events: p50 / p99 ms | request p99 ms | errors |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in s.Runs)
        {
            var errors = r.Errors.Count == 0 ? "0" : string.Join("; ", r.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value}"));
            sb.AppendLine(Inv, $"| {r.Run} | {r.Accepted:N0} | {r.Measured:N0} | {r.Lag.P50:F1} | {r.Lag.P95:F1} | {r.Lag.P99:F1} | {r.Lag.Max:F1} | " +
                               $"{r.Missing + r.MissingEvents} | {r.Duplicates + r.Misaddressed} | {r.RosterLag.P50:F1} / {r.RosterLag.P99:F1} | {r.Http.P99:F1} | {errors} |");
        }

        sb.AppendLine(Inv, $"| **median** | {Median(s, r => r.Accepted):N0} | {Median(s, r => r.Measured):N0} | **{Median(s, r => r.Lag.P50):F1}** | " +
                           $"{Median(s, r => r.Lag.P95):F1} | **{Median(s, r => r.Lag.P99):F1}** | {Median(s, r => r.Lag.Max):F1} | " +
                           $"{Median(s, r => r.Missing + r.MissingEvents):F0} | {Median(s, r => r.Duplicates + r.Misaddressed):F0} | " +
                           $"{Median(s, r => r.RosterLag.P50):F1} / {Median(s, r => r.RosterLag.P99):F1} | {Median(s, r => r.Http.P99):F1} | {Median(s, r => r.ErrorCount):F0} |");
        sb.AppendLine(Inv, $"| **worst** | — | — | {Worst(s, r => r.Lag.P50):F1} | {Worst(s, r => r.Lag.P95):F1} | {Worst(s, r => r.Lag.P99):F1} | " +
                           $"{Worst(s, r => r.Lag.Max):F1} | {Worst(s, r => r.Missing + r.MissingEvents):F0} | {Worst(s, r => r.Duplicates + r.Misaddressed):F0} | " +
                           $"{Worst(s, r => r.RosterLag.P50):F1} / {Worst(s, r => r.RosterLag.P99):F1} | {Worst(s, r => r.Http.P99):F1} | {Worst(s, r => r.ErrorCount):F0} |");
        sb.AppendLine();

        var withReminders = s.Runs.Where(r => r.Reminders.Count > 0).ToList();
        if (withReminders.Count > 0)
        {
            sb.AppendLine("### Reminders during the same phase").AppendLine();
            sb.AppendLine("| run | expected | fired | lag p50 s | lag max s | due, s into the phase | alarm missing | entries per reminder (max) |");
            sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var r in withReminders)
            {
                var claimed = r.Reminders.Where(x => x.Claimed).ToList();
                sb.AppendLine(Inv, $"| {r.Run} | {r.RemindersExpected} | {r.RemindersFired} | {r.ReminderLag.P50 / 1000:F2} | {r.ReminderLag.Max / 1000:F2} | " +
                                   $"{(claimed.Count == 0 ? "—" : $"{claimed.Min(x => x.DueIntoPhaseSeconds):F1} – {claimed.Max(x => x.DueIntoPhaseSeconds):F1}")} | " +
                                   $"{claimed.Count(x => x.AlarmDue is null)} | {(r.Reminders.Count == 0 ? 0 : r.Reminders.Max(x => x.Notifications))} |");
            }

            sb.AppendLine(Inv, $"| **median** | {Summary.Median(withReminders.Select(r => (double)r.RemindersExpected)):F0} | " +
                               $"{Summary.Median(withReminders.Select(r => (double)r.RemindersFired)):F0} | **{Summary.Median(withReminders.Select(ReminderP50)) / 1000:F2}** | " +
                               $"{Summary.Median(withReminders.Select(ReminderMax)) / 1000:F2} | | | |");
            sb.AppendLine(Inv, $"| **worst** | — | {withReminders.Min(r => r.RemindersFired)} | {withReminders.Max(ReminderP50) / 1000:F2} | " +
                               $"**{withReminders.Max(ReminderMax) / 1000:F2}** | | {withReminders.Max(r => r.Reminders.Count(x => x.Claimed && x.AlarmDue is null))} | |");
            sb.AppendLine();
        }

        sb.AppendLine("Targets (figures, not assertions):").AppendLine();
        foreach (var t in Targets(s))
        {
            sb.AppendLine(Inv, $"- {t.Text}: {t.Verdict}");
        }

        sb.AppendLine();
        sb.AppendLine("### Details per run").AppendLine();
        sb.AppendLine("Offered = claims ÷ the time taken to send them; consumed = inbox entries ÷ the time between the first and the last; *slip* = how " +
                      "late the load generator sent a claim against its schedule; *in flight* = most claims awaiting an answer at once. *lag p50 " +
                      "first → last quarter*: the median lag of the run's first and last quarter of claims (a rise is a backlog building up). " +
                      "*logged*: `fail`/`crit` and `warn` entries in each service's log during the phase and until it settled. *deliveries*: pending " +
                      "(any volunteer's) when the phase started, and made for the phase's notifications (in-app only volunteers: 0). CPU over the " +
                      "phase (from /proc), in cores busy of " + m.Cores.ToString(Inv) + ". *settle s* = from the last claim sent until every inbox entry " +
                      "existed; *setup s* = registering, preferences, waiting for quiet and pending deliveries, scheduling.").AppendLine();
        sb.AppendLine("| run | offered / consumed per s | slip p99 ms | max in flight | request p50 ms | lag p50 first → last quarter ms | logged errors / warnings: shifts; roster; notifications | deliveries pending at start / made | CPU cores shifts / roster / notifications / broker / postgres / bench / other | settle s | setup s | `_error` messages | queues after the run |");
        sb.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in s.Runs)
        {
            sb.AppendLine(Inv, $"| {r.Run} | {r.OfferedRate:F1} / {r.ConsumedRate:F1} | {r.Slip.P99:F1} | {r.MaxInFlight} | {r.Http.P50:F1} | " +
                               $"{r.FirstQuarterP50:F0} → {r.LastQuarterP50:F0} | {Logged(r.ShiftsLogged)}; {Logged(r.RosterLogged)}; {Logged(r.NotificationsLogged)} | " +
                               $"{r.PendingDeliveriesAtStart:N0} / {r.DeliveriesCreated:N0} | {Report.Cpu(r.Cpu)} | {r.SettleSeconds:F1} | {r.SetupSeconds:F1} | " +
                               $"{(r.ErrorQueueMessages?.ToString(Inv) ?? "unknown")} | {Queues(r.Queues)} |");
        }

        sb.AppendLine();
        if (s.WholeInvocation is { } w)
        {
            sb.AppendLine(Inv, $"Whole invocation ({(o.Benchmarks.Count > 1 ? "every benchmark's claims, warm-ups included" : "this benchmark's claims, warm-up included")}): " +
                               $"{w.Confirmed:N0} of {w.Claims:N0} `shift_claimed` events have their `claim-confirmed` entry; {w.DuplicateGroups} (recipient, kind, " +
                               $"cause) with more than one inbox entry. Queues at the end: {Queues(s.FinalQueues)}.").AppendLine();
        }

        return sb.ToString();
    }

    internal sealed record Target(string Key, string Text, string Verdict);

    internal static IReadOnlyList<Target> Targets(NotificationSummary s)
    {
        var targets = new List<Target>();
        var atRate = s.Runs.Where(r => r.Rate == TargetRate).ToList();
        if (atRate.Count > 0)
        {
            var median = Summary.Median(atRate.Select(r => r.Lag.P99));
            var worst = atRate.Max(r => r.Lag.P99);
            targets.Add(new Target($"p99_le_{P99TargetMs:F0}_ms_at_{TargetRate}",
                string.Create(Inv, $"claim → inbox p99 ≤ {P99TargetMs:F0} ms at {TargetRate} claims/s: median {median:F1} ms, worst {worst:F1} ms"),
                Verdict(median <= P99TargetMs, worst <= P99TargetMs)));
        }

        var withReminders = s.Runs.Where(r => r.RemindersExpected > 0).ToList();
        if (withReminders.Count > 0)
        {
            var allFired = withReminders.All(r => r.RemindersFired == r.RemindersExpected);
            var medianMax = Summary.Median(withReminders.Select(ReminderMax));
            var worstMax = withReminders.Max(ReminderMax);
            targets.Add(new Target("reminders_within_30_s",
                string.Create(Inv, $"every reminder fired, within {ReminderTargetMs / 1000:F0} s of its due time: fired {withReminders.Sum(r => r.RemindersFired)} of " +
                                   $"{withReminders.Sum(r => r.RemindersExpected)}, max lag median {medianMax / 1000:F2} s, worst {worstMax / 1000:F2} s"),
                allFired ? Verdict(medianMax <= ReminderTargetMs, worstMax <= ReminderTargetMs) : "**missed** (not every reminder fired)"));
        }

        targets.Add(new Target("zero_lost", $"every accepted claim reached the inbox: {(s.Runs.Sum(r => r.Missing + r.MissingEvents) is var lost && lost == 0 ? "0 lost" : $"**{lost} lost**")}",
            s.Runs.Sum(r => r.Missing + r.MissingEvents) == 0 ? "met" : "**missed**"));
        targets.Add(new Target("zero_duplicates", $"no duplicate inbox entries: {s.Duplicates}", s.Duplicates == 0 ? "met" : "**missed**"));
        targets.Add(new Target("zero_error_queue_messages",
            s.ErrorQueueMessages is null ? "zero messages in `_error` queues: unknown (rabbitmqctl could not be run)"
                : $"zero messages in `_error` queues after every run and at the end: {s.ErrorQueueMessages}",
            s.ErrorQueueMessages is null ? "unknown" : s.ErrorQueueMessages == 0 ? "met" : "**missed**"));
        return targets;
    }

    public static JsonObject ToJson(NotificationSummary s)
    {
        var first = s.Runs[0];
        var withReminders = s.Runs.Where(r => r.Reminders.Count > 0).ToList();
        var json = new JsonObject
        {
            ["value"] = R(Median(s, r => r.Lag.P99)),
            ["unit"] = "ms",
            ["target"] = P99TargetMs,
            ["p50_ms"] = R(Median(s, r => r.Lag.P50)),
            ["p95_ms"] = R(Median(s, r => r.Lag.P95)),
            ["p99_ms"] = R(Median(s, r => r.Lag.P99)),
            ["max_ms"] = R(Median(s, r => r.Lag.Max)),
            ["rate"] = first.Rate,
            ["seconds"] = first.Seconds,
            ["aggregate"] = "value, p50_ms, p95_ms, p99_ms, max_ms: the median over the runs of that run's percentile; worst: the highest; " +
                            "lag = claim-confirmed notification mt_last_modified - shift_claimed mt_events.timestamp (joined on cause.streamId/version); " +
                            "reminder lag = shift-reminder notification mt_last_modified - the alarm's dueAt",
            ["lost"] = s.Runs.Sum(r => r.Missing + r.MissingEvents),
            ["duplicates"] = s.Duplicates,
            ["error_queue_messages"] = s.ErrorQueueMessages,
            ["measured_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv),
            ["worst"] = new JsonObject
            {
                ["value"] = R(Worst(s, r => r.Lag.P99)),
                ["p50_ms"] = R(Worst(s, r => r.Lag.P50)),
                ["p95_ms"] = R(Worst(s, r => r.Lag.P95)),
                ["p99_ms"] = R(Worst(s, r => r.Lag.P99)),
                ["max_ms"] = R(Worst(s, r => r.Lag.Max)),
                ["reminder_lag_max_ms"] = withReminders.Count == 0 ? null : R(withReminders.Max(ReminderMax)),
            },
            ["reminders"] = withReminders.Count == 0 ? null : new JsonObject
            {
                ["expected"] = withReminders.Sum(r => r.RemindersExpected),
                ["fired"] = withReminders.Sum(r => r.RemindersFired),
                ["lag_p50_ms"] = R(Summary.Median(withReminders.Select(ReminderP50))),
                ["lag_max_ms"] = R(Summary.Median(withReminders.Select(ReminderMax))),
                ["worst_lag_p50_ms"] = R(withReminders.Max(ReminderP50)),
                ["worst_lag_max_ms"] = R(withReminders.Max(ReminderMax)),
                ["target_ms"] = ReminderTargetMs,
                ["poll_interval"] = s.PollInterval,
            },
            ["whole_invocation"] = s.WholeInvocation is { } w
                ? new JsonObject { ["shift_claimed"] = w.Claims, ["claim_confirmed"] = w.Confirmed, ["duplicate_groups"] = w.DuplicateGroups }
                : null,
            ["targets"] = new JsonObject([.. Targets(s).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Verdict.Replace("*", "", StringComparison.Ordinal)))]),
            ["runs"] = new JsonArray([.. s.Runs.Select(RunJson)]),
        };
        return json;
    }

    private static JsonObject RunJson(NotificationRun r) => new()
    {
        ["run"] = r.Run,
        ["rate"] = r.Rate,
        ["seconds"] = r.Seconds,
        ["shifts"] = r.Shifts,
        ["capacity"] = r.Capacity,
        ["sent"] = r.Sent,
        ["accepted"] = r.Accepted,
        ["measured"] = r.Measured,
        ["lost"] = r.Missing,
        ["missing_events"] = r.MissingEvents,
        ["duplicates"] = r.Duplicates,
        ["misaddressed"] = r.Misaddressed,
        ["p50_ms"] = R(r.Lag.P50),
        ["p95_ms"] = R(r.Lag.P95),
        ["p99_ms"] = R(r.Lag.P99),
        ["max_ms"] = R(r.Lag.Max),
        ["roster_same_events_p50_ms"] = R(r.RosterLag.P50),
        ["roster_same_events_p99_ms"] = R(r.RosterLag.P99),
        ["errors"] = new JsonObject([.. r.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))]),
        ["offered_per_s"] = R(r.OfferedRate),
        ["consumed_per_s"] = R(r.ConsumedRate),
        ["request_p50_ms"] = R(r.Http.P50),
        ["request_p99_ms"] = R(r.Http.P99),
        ["send_slip_p99_ms"] = R(r.Slip.P99),
        ["max_in_flight"] = r.MaxInFlight,
        ["p50_first_quarter_ms"] = R(r.FirstQuarterP50),
        ["p50_last_quarter_ms"] = R(r.LastQuarterP50),
        ["reminders"] = new JsonObject
        {
            ["expected"] = r.RemindersExpected,
            ["fired"] = r.RemindersFired,
            ["lag_p50_ms"] = R(r.ReminderLag.P50),
            ["lag_max_ms"] = R(r.ReminderLag.Max),
            ["alarm_missing"] = r.Reminders.Count(x => x.Claimed && x.AlarmDue is null),
            ["each"] = new JsonArray([.. r.Reminders.Select(x => (JsonNode)new JsonObject
            {
                ["lead_minutes"] = x.LeadMinutes,
                ["due_s_into_phase"] = R(x.DueIntoPhaseSeconds),
                ["claimed"] = x.Claimed,
                ["lag_ms"] = x.LagMs is { } l ? R(l) : null,
                ["fired_at_minus_due_ms"] = x.FiredAt is { } f ? R((f - (x.AlarmDue ?? x.ExpectedDue)).TotalMilliseconds) : null,
            })]),
        },
        ["deliveries_pending_at_start"] = r.PendingDeliveriesAtStart,
        ["deliveries_made"] = r.DeliveriesCreated,
        ["settle_s"] = R(r.SettleSeconds),
        ["setup_s"] = R(r.SetupSeconds),
        ["logged"] = new JsonObject
        {
            ["shifts_errors"] = r.ShiftsLogged?.Errors,
            ["shifts_warnings"] = r.ShiftsLogged?.Warnings,
            ["roster_errors"] = r.RosterLogged?.Errors,
            ["roster_warnings"] = r.RosterLogged?.Warnings,
            ["notifications_errors"] = r.NotificationsLogged?.Errors,
            ["notifications_warnings"] = r.NotificationsLogged?.Warnings,
        },
        ["cpu_cores"] = Report.CpuJson(r.Cpu, perClaim: false),
        ["error_queue_messages"] = r.ErrorQueueMessages,
        ["queues"] = r.Queues is null ? null
            : new JsonObject([.. r.Queues.Select(q => KeyValuePair.Create(q.Name, (JsonNode?)q.Messages))]),
    };

    /// <summary>What shapes the figure: the producer's daemon, the consumer's endpoint, the alarm poll.</summary>
    private static IEnumerable<(string Name, string Value, string Source)> Settings(string repo, NotificationSummary s)
    {
        foreach (var x in DaemonSettings.Read(repo).Where(x => !x.Name.Contains("consumer prefetch", StringComparison.Ordinal)))
        {
            yield return (x.Name, x.Value, $"`{x.Source}`");
        }

        var path = Path.Combine(repo, NotificationsMessaging);
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var prefetch = Prefetch().Match(text);
        var limit = ConcurrentLimit().Match(text);
        yield return ("Notifications consumer prefetch / concurrency (per queue)",
            prefetch.Success && limit.Success ? $"{prefetch.Groups["n"].Value} / {limit.Groups["n"].Value}" : "(not found in source)",
            "`NotificationsMessaging.cs`");
        yield return ("Notifications:PollInterval (alarm worker)", s.PollInterval ?? "(not found)", "`appsettings.json` (not overridden)");
    }

    [GeneratedRegex(@"PrefetchCount\s*=\s*(?<n>\d+)")]
    private static partial Regex Prefetch();

    [GeneratedRegex(@"ConcurrentMessageLimit\s*=\s*(?<n>\d+)")]
    private static partial Regex ConcurrentLimit();

    private static string Logged((int Errors, int Warnings)? x) => x is { } v ? $"{v.Errors} / {v.Warnings}" : "n/a";

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

    private static double R(double v) => Math.Round(v, 1);
}
