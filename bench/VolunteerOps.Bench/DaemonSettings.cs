using System.Text.RegularExpressions;

namespace VolunteerOps.Bench;

/// <summary>One setting that shapes propagation lag, as written in the source the services were built from.</summary>
internal sealed record Setting(string Name, string Value, string Source, string Meaning);

/// <summary>
/// The event-store daemon's and the consumers' settings in force: read from the source files run.sh has just built
/// the services from (nothing else configures them: they are code, not appsettings). A setting the patterns no longer
/// find is reported as such instead of guessed.
/// </summary>
internal static partial class DaemonSettings
{
    private const string EventStore = "services/BuildingBlocks/VolunteerOps.EventSourcing/Storage/EventStoreSetup.cs";
    private const string Messaging = "services/BuildingBlocks/VolunteerOps.Messaging/MessagingSetup.cs";
    private const string ShiftsMessaging = "services/Shifts/VolunteerOps.Shifts/ShiftsMessaging.cs";
    private const string RosterMessaging = "services/Roster/VolunteerOps.Roster/RosterMessaging.cs";

    public static IReadOnlyList<Setting> Read(string repo)
    {
        var settings = new List<Setting>();
        string? Text(string path)
        {
            var full = Path.Combine(repo, path);
            return File.Exists(full) ? File.ReadAllText(full) : null;
        }

        void Add(string name, string path, Regex pattern, Func<Match, string> value, string meaning)
        {
            var text = Text(path);
            var match = text is null ? Match.Empty : pattern.Match(text);
            settings.Add(new Setting(name, match.Success ? value(match) : text is null ? "(file not found)" : "(not found in source)",
                Path.GetFileName(path), meaning));
        }

        static string Span(Match m) => m.Groups["unit"].Value switch
        {
            "Milliseconds" => $"{m.Groups["n"].Value} ms",
            "Seconds" => $"{m.Groups["n"].Value} s",
            var u => $"{m.Groups["n"].Value} {u}",
        };

        Add("Projections.FastPollingTime", EventStore, TimeSpanSetting("FastPollingTime"), Span,
            "how often the daemon looks for new events while it is finding them");
        Add("Projections.SlowPollingTime", EventStore, TimeSpanSetting("SlowPollingTime"), Span,
            "how often it looks when the last look found nothing");
        Add("Projections.StaleSequenceThreshold", EventStore, TimeSpanSetting("StaleSequenceThreshold"), Span,
            "how long the high-water mark waits at a gap in the event sequence (a transaction still open or rolled back) before skipping it");
        Add("subscription batch size", Messaging, BatchSize(), m => m.Groups["n"].Value,
            "events per page handed to the publishing subscription");
        Add("async daemon mode", Messaging, DaemonMode(), m => m.Groups["mode"].Value,
            "one daemon per service process");
        Add("out-of-order retry", Messaging, OutOfOrderRetry(), m => $"every {m.Groups["ms"].Value} ms, up to {m.Groups["n"].Value} times",
            "a message whose stream predecessor (or another prerequisite) is not applied yet waits this way (MessageNotYetApplicableException, e.g. MessageOutOfOrderException)");
        Add("other retries", Messaging, Exponential(), m =>
            {
                var spans = SpanArgument().Matches(m.Groups["args"].Value).Select(Span).ToList();
                return spans.Count == 3
                    ? $"exponential, {m.Groups["n"].Value} retries, {spans[0]} to {spans[1]} (delta {spans[2]})"
                    : $"exponential, {m.Groups["n"].Value} retries ({m.Groups["args"].Value})";
            },
            "then the endpoint's _error queue");
        foreach (var (service, path) in new[] { ("Shifts", ShiftsMessaging), ("Roster", RosterMessaging) })
        {
            Add($"{service} consumer prefetch / concurrency", path, Prefetch(),
                m => $"{m.Groups["p"].Value} / {(ConcurrentLimit().Match(Text(path) ?? "") is { Success: true } c ? c.Groups["n"].Value : "?")}",
                "messages taken from the queue at once / handled at once");
        }

        return settings;
    }

    private static Regex TimeSpanSetting(string name) =>
        new($@"{name}\s*=\s*TimeSpan\.From(?<unit>Milliseconds|Seconds)\((?<n>[0-9.]+)\)", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"BatchSize\s*=\s*(?<n>\d+)")]
    private static partial Regex BatchSize();

    [GeneratedRegex(@"AddAsyncDaemon\(DaemonMode\.(?<mode>\w+)\)")]
    private static partial Regex DaemonMode();

    [GeneratedRegex(@"Handle<Message(?:OutOfOrder|NotYetApplicable)Exception>\(\);\s*r\.Interval\((?<n>\d+),\s*TimeSpan\.FromMilliseconds\((?<ms>\d+)\)\)")]
    private static partial Regex OutOfOrderRetry();

    [GeneratedRegex(@"r\.Exponential\((?<n>\d+),\s*(?<args>[^;]+)\);")]
    private static partial Regex Exponential();

    [GeneratedRegex(@"TimeSpan\.From(?<unit>Milliseconds|Seconds)\((?<n>[0-9.]+)\)")]
    private static partial Regex SpanArgument();

    [GeneratedRegex(@"PrefetchCount\s*=\s*(?<p>\d+)")]
    private static partial Regex Prefetch();

    [GeneratedRegex(@"ConcurrentMessageLimit\s*=\s*(?<n>\d+)")]
    private static partial Regex ConcurrentLimit();
}
