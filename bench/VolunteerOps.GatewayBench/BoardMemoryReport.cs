using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using static VolunteerOps.GatewayBench.Report;

namespace VolunteerOps.GatewayBench;

/// <summary>Writes the board-memory section of docs/benchmarks.md and its key in docs/benchmarks.json.</summary>
internal static class BoardMemoryReport
{
    private const double TargetMb = 50;
    private const string Start = "<!-- board-memory:start -->", End = "<!-- board-memory:end -->";

    public static void Write(string repo, string command, BoardMemory.Result r)
    {
        var s = r.Samples;
        var (first, last) = (s[0], s[^1]);
        var heapSlope = SlopePerHour(s, p => p.HeapUsedMb);
        var rssSlope = SlopePerHour(s, p => p.RendererRssMb);
        var windows = LastWindows(s, 3, 10);
        // Intervals without a document; a missed timer tick fires at once, so samples seconds apart are not intervals.
        var intervals = s.Zip(s.Skip(1)).Where(p => p.Second.Minutes - p.First.Minutes > 0.25).ToList();
        var quiet = intervals.Count(p => p.Second.Documents == p.First.Documents);
        var longestGap = s.Zip(s.Skip(1)).Max(p => p.Second.Minutes - p.First.Minutes); // the page answers CDP on its main thread
        var heapMax = s.Max(p => p.HeapUsedMb);
        var met = heapMax < TargetMb;
        var live = r.LivenessMs is <= 2000;
        var md = new StringBuilder();
        md.AppendLine(Start).AppendLine("## Board memory").AppendLine();
        md.AppendLine(Invariant($"Command: `{command}`. Machine: {Environment.ProcessorCount} cores (`nproc`), {Gb():F1} GB memory, {RuntimeInformation.OSDescription}; Chromium (Debian, headless, Playwright), the gateway, Shifts, Roster, PostgreSQL, RabbitMQ and the load generator share it. Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC."));
        md.AppendLine();
        md.AppendLine(Invariant($"The real board page (`/dashboard?conferenceId=…#token=<viewer token>`, through the gateway) showing {BoardMemory.Shifts} shifts on one day (all {BoardMemory.Shifts} cards on screen) for {r.Minutes:F0} minutes while {BoardMemory.Rate} changes/s reach them: an open loop straight to the Shifts service alternating a claim with the release of the claim made {Churn.Holding:N0} claims earlier (so each shift holds about {Churn.Holding / BoardMemory.Shifts} of its {BoardConference.Seats} seats and its card keeps changing), after {Churn.Holding:N0} unmeasured claims to fill them. Every 30 s: the JS heap and DOM nodes (`Performance.getMetrics` over CDP), the page renderer's resident memory (`VmRSS` of the Chromium `--type=renderer` process, from /proc; *anon* = its own heap pages, `RssAnon`), and the coverage documents the board parsed (an init script counts them, and its stream connections, without touching board.js). Start = the first sample, taken a second after a forced GC (`HeapProfiler.collectGarbage`) once the board is open; end = the last, after the last change was answered; slope = least-squares fit over all samples. Blink counts DOM nodes until they are collected, so *DOM nodes* includes detached ones awaiting GC (the board updates its cards in place and rebuilds the grid only when its shape changes). `performance.measureUserAgentSpecificMemory` {(r.UserAgentMemory ? "was available" : "is not available (the board is not cross-origin isolated)")}. Target: the page under {TargetMb:F0} MB after an hour of updates."));
        md.AppendLine();
        md.AppendLine("| figure | start | end | max | slope per hour |").AppendLine("| --- | --- | --- | --- | --- |");
        md.AppendLine(Invariant($"| JS heap used, MB | {first.HeapUsedMb:F1} | {last.HeapUsedMb:F1} | {heapMax:F1} | {heapSlope:+0.00;-0.00} |"));
        md.AppendLine(Invariant($"| JS heap total, MB | {first.HeapTotalMb:F1} | {last.HeapTotalMb:F1} | {s.Max(p => p.HeapTotalMb):F1} | {SlopePerHour(s, p => p.HeapTotalMb):+0.00;-0.00} |"));
        md.AppendLine(Invariant($"| JS heap used after a forced GC, MB | {r.StartAfterGc.HeapUsedMb:F2} | {r.EndAfterGc.HeapUsedMb:F2} | | |"));
        md.AppendLine(Invariant($"| renderer RSS, MB | {first.RendererRssMb:F0} | {last.RendererRssMb:F0} | {s.Max(p => p.RendererRssMb):F0} | {rssSlope:+0.0;-0.0} |"));
        md.AppendLine(Invariant($"| renderer RSS after a forced GC, MB | {r.StartAfterGc.RendererRssMb:F0} | {r.EndAfterGc.RendererRssMb:F0} | | |"));
        md.AppendLine(Invariant($"| renderer anon, MB | {first.RendererAnonMb:F0} | {last.RendererAnonMb:F0} | {s.Max(p => p.RendererAnonMb):F0} | {SlopePerHour(s, p => p.RendererAnonMb):+0.0;-0.0} |"));
        md.AppendLine(Invariant($"| DOM nodes | {first.Nodes:N0} | {last.Nodes:N0} | {s.Max(p => p.Nodes):N0} | {SlopePerHour(s, p => p.Nodes):+0;-0} |"));
        md.AppendLine(Invariant($"| JS event listeners | {first.Listeners:N0} | {last.Listeners:N0} | {s.Max(p => p.Listeners):N0} | |"));
        md.AppendLine(Invariant($"| coverage documents received | {first.Documents:N0} | {last.Documents:N0} | | {(last.Documents - first.Documents) / ((last.Minutes - first.Minutes) / 60):N0} |"));
        md.AppendLine();
        if (windows.Count > 0)
        {
            var firstWindow = s.Where(p => p.Minutes <= 10).ToList();
            md.AppendLine(Invariant($"One run of {r.Minutes:F0} minutes (three hour-long runs do not fit the session); instead, the last {windows.Count} ten-minute windows (the first one: JS heap {firstWindow.Average(p => p.HeapUsedMb):F1} MB, renderer RSS {firstWindow.Average(p => p.RendererRssMb):F0} MB): mean JS heap used median {Median(windows.Select(w => w.Heap)):F1} MB, worst {windows.Max(w => w.Heap):F1} MB; mean renderer RSS median {Median(windows.Select(w => w.Rss)):F0} MB, worst {windows.Max(w => w.Rss):F0} MB."));
            md.AppendLine();
        }

        md.AppendLine(Invariant($"Changes sent {r.Changes:N0} ({r.Changes / (r.Minutes * 60):F1}/s; claims accepted {r.ClaimsOk:N0}, releases accepted {r.ReleasesOk:N0} over fill and run, unexpected answers {r.Failed:N0}{Refusals(r)}). Stream connections {last.Connects} (1 = never reconnected); sampling intervals without a document: {quiet} of {intervals.Count}; {s.Count} samples, the longest gap between two {longestGap:F1} min (a sample waits for the page's main thread to answer CDP: a gap longer than 0.5 min is time the page did not get back to its event loop); frames rendered during the run {last.Frames - first.Frames:N0} ({(last.Frames - first.Frames) / ((last.Minutes - first.Minutes) * 60):F1}/s), longest main-thread task {s.Max(p => p.LongestTaskMs):N0} ms; renderers seen {s.Max(p => p.Renderers)}. After the run a fresh claim through the gateway showed on its card in {(r.LivenessMs is { } ms ? Invariant($"{ms:F0} ms") : "— (not within 10 s)")} (target ≤ 2 s: {(live ? "met" : "missed")})."));
        md.AppendLine();
        // Whether the growth was garbage: after a forced GC, are the heap and the nodes back where they started?
        var retained = r.EndAfterGc.Nodes <= r.StartAfterGc.Nodes * 1.1 && r.EndAfterGc.HeapUsedMb - r.StartAfterGc.HeapUsedMb < 1;
        md.AppendLine(Invariant($"Verdict: JS heap max {heapMax:F1} MB, {(met ? "under" : "over")} {TargetMb:F0} MB (**{(met ? "met" : "missed")}** for the page's own memory). The renderer process is another matter: {first.RendererRssMb:F0} MB resident ({first.RendererAnonMb:F0} MB its own pages) with the board just open, {s.Max(p => p.RendererRssMb):F0} MB at most; a forced GC at the end brought it to {r.EndAfterGc.RendererRssMb:F0} MB, the JS heap to {r.EndAfterGc.HeapUsedMb:F2} MB and the nodes to {r.EndAfterGc.Nodes:N0} (start {r.StartAfterGc.Nodes:N0}): {(retained ? "what grew was garbage awaiting collection, not memory the page keeps" : "the page kept some of what grew: look for a leak")}. Samples: `bench/board-memory-samples.csv`."));
        md.Append(End);
        ReplaceSection(repo, Start, End, md.ToString());
        MergeKey(repo, "board-memory", new JsonObject
        {
            ["value"] = Math.Round(heapMax, 2),
            ["unit"] = "MB (max JS heap used over the run)",
            ["target"] = TargetMb,
            ["met"] = met,
            ["minutes"] = r.Minutes,
            ["shifts"] = BoardMemory.Shifts,
            ["changes_per_s"] = BoardMemory.Rate,
            ["js_heap_used_mb"] = Figures(first.HeapUsedMb, last.HeapUsedMb, heapMax, heapSlope),
            ["js_heap_after_gc_mb"] = new JsonObject { ["start"] = Math.Round(r.StartAfterGc.HeapUsedMb, 2), ["end"] = Math.Round(r.EndAfterGc.HeapUsedMb, 2) },
            ["renderer_rss_mb"] = Figures(first.RendererRssMb, last.RendererRssMb, s.Max(p => p.RendererRssMb), rssSlope),
            ["nodes"] = new JsonObject { ["start"] = first.Nodes, ["end"] = last.Nodes, ["max"] = s.Max(p => p.Nodes) },
            ["documents"] = last.Documents,
            ["connects"] = last.Connects,
            ["samples"] = s.Count,
            ["longest_sample_gap_min"] = Math.Round(longestGap, 1),
            ["frames"] = last.Frames,
            ["longest_task_ms"] = Math.Round(s.Max(p => p.LongestTaskMs), 0),
            ["changes"] = r.Changes,
            ["unexpected"] = r.Failed,
            ["liveness_ms"] = r.LivenessMs is { } l ? Math.Round(l, 0) : null,
            ["measured_at"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private static JsonObject Figures(double start, double end, double max, double slope) => new()
    {
        ["start"] = Math.Round(start, 2), ["end"] = Math.Round(end, 2), ["max"] = Math.Round(max, 2), ["slope_per_hour"] = Math.Round(slope, 2),
    };

    /// <summary>Least-squares slope of the samples against time, per hour.</summary>
    private static double SlopePerHour(List<PageSample> s, Func<PageSample, double> y)
    {
        var (mx, my) = (s.Average(p => p.Minutes), s.Average(y));
        var sxx = s.Sum(p => (p.Minutes - mx) * (p.Minutes - mx));
        return sxx == 0 ? 0 : s.Sum(p => (p.Minutes - mx) * (y(p) - my)) / sxx * 60;
    }

    /// <summary>Mean heap and RSS over each of the last `count` windows of `minutes` (only whole windows within the run).</summary>
    private static List<(double Heap, double Rss)> LastWindows(List<PageSample> s, int count, double minutes)
    {
        var end = s[^1].Minutes;
        return Enumerable.Range(1, count).Select(k => s.Where(p => p.Minutes > end - (k * minutes) && p.Minutes <= end - ((k - 1) * minutes)).ToList())
            .Where(w => w.Count > 0 && end >= count * minutes)
            .Select(w => (w.Average(p => p.HeapUsedMb), w.Average(p => p.RendererRssMb))).ToList();
    }

    private static string Refusals(BoardMemory.Result r) =>
        r.Refusals.Count == 0 ? string.Empty : ": " + string.Join(", ", r.Refusals.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} × {kv.Value}"));

    private static double Gb() =>
        long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
}
