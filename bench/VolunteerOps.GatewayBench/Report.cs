using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VolunteerOps.GatewayBench;

/// <summary>Writes the gateway-overhead section of docs/benchmarks.md and its two keys of docs/benchmarks.json.</summary>
internal static class Report
{
    private const string Start = "<!-- gateway-overhead:start -->";
    private const string End = "<!-- gateway-overhead:end -->";

    public static void Write(string repo, List<(int Run, string Kind, PhaseResult Direct, PhaseResult Gateway)> results, int concurrency, int reads, int claims)
    {
        var md = new StringBuilder();
        md.AppendLine(Start).AppendLine("## Gateway overhead").AppendLine();
        md.AppendLine(Invariant($"Command: `bash bench/gateway-overhead.sh` (also run by `bash bench/run.sh`). Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; the gateway, the Shifts and Roster services, PostgreSQL, RabbitMQ and the load generator share it. Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC."));
        md.AppendLine();
        md.AppendLine(Invariant($"The same requests straight to the Shifts service and through the gateway (YARP: JWT validation, route policy, rate limiter, forwarding), {concurrency} in flight, alternating which side goes first in each run: a shift read (`GET /api/shifts/{{id}}`, {reads:N0} requests) and a claim (`POST /api/shifts/{{id}}/claims`, {claims:N0} claims by distinct volunteers). Ratio = through-gateway throughput / direct throughput (target ≥ 0.85); Δp50 = gateway p50 − direct p50 (target ≤ +1 ms). Median and worst of 3 runs."));
        md.AppendLine();
        md.AppendLine("| path | ratio (median) | ratio (worst) | Δp50 ms (median) | Δp50 ms (worst) | direct req/s (median) | gateway req/s (median) |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        var json = JsonNode.Parse(File.Exists(JsonPath(repo)) ? File.ReadAllText(JsonPath(repo)) : "{}")!.AsObject();
        foreach (var kind in new[] { "read", "claim" })
        {
            var rows = results.Where(r => r.Kind == kind).ToList();
            var ratios = rows.Select(r => r.Gateway.Throughput / r.Direct.Throughput).ToList();
            var deltas = rows.Select(r => r.Gateway.P50Ms - r.Direct.P50Ms).ToList();
            md.AppendLine(Invariant($"| {kind} | {Median(ratios):F3} | {ratios.Min():F3} | {Median(deltas):+0.00;-0.00} | {deltas.Max():+0.00;-0.00} | {Median(rows.Select(r => r.Direct.Throughput)):F0} | {Median(rows.Select(r => r.Gateway.Throughput)):F0} |"));
            json["gateway-overhead-" + kind] = new JsonObject
            {
                ["value"] = Math.Round(Median(ratios), 3),
                ["unit"] = "ratio (gateway throughput / direct throughput)",
                ["ratio"] = Math.Round(Median(ratios), 3),
                ["target"] = ">= 0.85, p50 delta <= +1 ms",
                ["p50_delta_ms"] = Math.Round(Median(deltas), 2),
                ["direct_per_s"] = Math.Round(Median(rows.Select(r => r.Direct.Throughput)), 1),
                ["gateway_per_s"] = Math.Round(Median(rows.Select(r => r.Gateway.Throughput)), 1),
                ["concurrency"] = concurrency,
                ["aggregate"] = "median of the runs; worst = lowest ratio and highest p50 delta",
                ["measured_at"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["worst"] = new JsonObject { ["ratio"] = Math.Round(ratios.Min(), 3), ["p50_delta_ms"] = Math.Round(deltas.Max(), 2) },
                ["runs"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
                {
                    ["run"] = r.Run,
                    ["direct"] = Phase(r.Direct),
                    ["gateway"] = Phase(r.Gateway),
                })]),
            };
        }

        md.AppendLine().AppendLine("| run | path | direct req/s | direct p50 / p99 ms | gateway req/s | gateway p50 / p99 ms | ratio | unexpected answers |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            md.AppendLine(Invariant($"| {r.Run} | {r.Kind} | {r.Direct.Throughput:F0} | {r.Direct.P50Ms:F2} / {r.Direct.P99Ms:F2} | {r.Gateway.Throughput:F0} | {r.Gateway.P50Ms:F2} / {r.Gateway.P99Ms:F2} | {r.Gateway.Throughput / r.Direct.Throughput:F3} | {r.Direct.Unexpected + r.Gateway.Unexpected} |"));
        }

        md.Append(End);
        ReplaceSection(repo, Start, End, md.ToString());
        File.WriteAllText(JsonPath(repo), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static void WriteCoverageLag(string repo, List<CoverageLag.Result> runs, int shifts, int rate, int claims)
    {
        const string start = "<!-- coverage-lag:start -->", end = "<!-- coverage-lag:end -->";
        var md = new StringBuilder();
        md.AppendLine(start).AppendLine("## Coverage lag").AppendLine();
        md.AppendLine(Invariant($"Command: `bash bench/gateway-overhead.sh` (also run by `bash bench/run.sh`), same machine and processes as the gateway overhead above. A conference of {shifts} shifts, {claims:N0} claims by distinct volunteers at {rate}/s (open loop, straight to the Shifts service), one viewer following `GET /api/coverage/stream` through the gateway, as the board does. Lag of claim k = arrival of the first event showing at least k seats filled − the claim event's stored timestamp (PostgreSQL clock, same machine). Target: p99 ≤ 1 s. Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC."));
        md.AppendLine().AppendLine("| run | seen / claims | p50 ms | p99 ms | max ms | stream events |").AppendLine("| --- | --- | --- | --- | --- | --- |");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            md.AppendLine(Invariant($"| {i + 1} | {r.Measured} / {r.Claims} | {r.P50Ms:F0} | {r.P99Ms:F0} | {r.MaxMs:F0} | {r.Events} |"));
        }

        var p99 = Median(runs.Select(r => r.P99Ms));
        md.AppendLine().AppendLine(Invariant($"Median p99 {p99:F0} ms, worst {runs.Max(r => r.P99Ms):F0} ms; median p50 {Median(runs.Select(r => r.P50Ms)):F0} ms. Browser memory over an hour of updates is not measured here.")).Append(end);
        ReplaceSection(repo, start, end, md.ToString());
        MergeKey(repo, "coverage-lag", new JsonObject
        {
            ["value"] = Math.Round(p99, 1),
            ["unit"] = "ms (p99, claim commit to the board's stream event)",
            ["target"] = 1000,
            ["p50_ms"] = Math.Round(Median(runs.Select(r => r.P50Ms)), 1),
            ["worst_p99_ms"] = Math.Round(runs.Max(r => r.P99Ms), 1),
            ["shifts"] = shifts,
            ["rate"] = rate,
            ["claims"] = claims,
            ["measured_at"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Rewrites docs/benchmarks.md between the section's own markers (appended if absent); other sections are kept.</summary>
    public static void ReplaceSection(string repo, string start, string end, string section)
    {
        var mdPath = Path.Combine(repo, "docs", "benchmarks.md");
        var text = File.ReadAllText(mdPath);
        var (a, b) = (text.IndexOf(start, StringComparison.Ordinal), text.IndexOf(end, StringComparison.Ordinal));
        text = a >= 0 && b > a ? text[..a] + section + text[(b + end.Length)..] : text.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(mdPath, text);
    }

    /// <summary>Sets one key of docs/benchmarks.json; other keys are kept.</summary>
    public static void MergeKey(string repo, string key, JsonNode value)
    {
        var json = JsonNode.Parse(File.Exists(JsonPath(repo)) ? File.ReadAllText(JsonPath(repo)) : "{}")!.AsObject();
        json[key] = value;
        File.WriteAllText(JsonPath(repo), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Phase(PhaseResult p) => new()
    {
        ["per_s"] = Math.Round(p.Throughput, 1),
        ["p50_ms"] = Math.Round(p.P50Ms, 2),
        ["p99_ms"] = Math.Round(p.P99Ms, 2),
        ["requests"] = p.Requests,
        ["unexpected"] = p.Unexpected,
    };

    private static string JsonPath(string repo) => Path.Combine(repo, "docs", "benchmarks.json");
}
