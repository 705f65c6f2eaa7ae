using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.GatewayBench;

/// <summary>
/// Board memory: the board page open for `minutes` while its 200 cards change at 50 changes/s, sampled every 30 s;
/// then a fresh claim through the gateway must show on its card within 2 s.
/// </summary>
internal static class BoardMemory
{
    public const int Shifts = 200;
    public const int Rate = 50;
    public const int Pool = 2_000; // > Churn.Holding: a volunteer is reused 40 s after their release
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    public sealed record Result(
        double Minutes, List<PageSample> Samples, PageSample StartAfterGc, PageSample EndAfterGc, long Changes, long ClaimsOk,
        long ReleasesOk, long Failed, IReadOnlyDictionary<string, int> Refusals, double? LivenessMs, bool UserAgentMemory);

    public sealed record Services(
        Uri Gateway, Uri Shifts, HttpClient Http, Func<string, object, Task<Guid>> PostToShifts, Func<Guid[], Task> Register,
        Func<string, string, string> Token);

    public static async Task<Result> Run(Services s, double minutes, string samplesCsv, CancellationToken ct)
    {
        Log($"set-up: a conference of {Shifts} shifts on one day (all on screen), {Pool + 1} volunteers");
        var (conference, shiftIds) = await BoardConference.Create(s.PostToShifts, "Board memory " + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), Shifts, perDay: Shifts, ct);
        var volunteers = Enumerable.Range(0, Pool + 1).Select(_ => Guid.CreateVersion7()).ToArray();
        await s.Register(volunteers);
        var pool = volunteers[..Pool].Select(v => (v, s.Token(v.ToString(), Roles.Volunteer))).ToArray();
        var churn = new Churn(s.Http, s.Shifts, shiftIds, pool);
        Log($"filling {Churn.Holding} seats at {Rate}/s (not measured)");
        await churn.Fill(Rate, ct);

        await using var page = await BoardPage.Open(s.Gateway, conference, s.Token("bench-board-viewer", Roles.Viewer), Shifts);
        var userAgentMemory = await page.UserAgentMemoryAvailable();
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var startAfterGc = await page.SampleAfterGc(() => 0);
        Log($"board open; after a forced GC: {Describe(startAfterGc)}");

        var samples = new List<PageSample>();
        await using var csv = new StreamWriter(samplesCsv);
        await csv.WriteLineAsync("minutes,js_heap_used_mb,js_heap_total_mb,nodes,listeners,renderer_rss_mb,renderer_anon_mb,renderers,documents,connects,frames,longest_task_ms,changes");
        var clock = Stopwatch.StartNew();
        double Now() => clock.Elapsed.TotalMinutes;
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Every);
            do
            {
                var sample = await page.Sample(Now);
                samples.Add(sample);
                await csv.WriteLineAsync(Csv(sample, churn.Sent));
                await csv.FlushAsync(ct);
                Log($"{Describe(sample)}; changes {churn.Sent:N0}, unexpected {churn.Failed}");
            }
            while (await Wait(timer, stopSampling.Token));
        }, ct);

        var before = churn.Sent;
        await churn.Run(Rate, TimeSpan.FromMinutes(minutes), ct);
        await stopSampling.CancelAsync();
        await sampling;
        var end = await page.Sample(Now);
        samples.Add(end);
        await csv.WriteLineAsync(Csv(end, churn.Sent));
        var endAfterGc = await page.SampleAfterGc(Now);
        Log($"end; after a forced GC: {Describe(endAfterGc)}");

        var liveness = await Liveness(s, page, shiftIds, volunteers[Pool], ct);
        Log(liveness is { } ms ? $"a fresh claim showed on the board after {ms:F0} ms" : "a fresh claim did not show on the board within 10 s");
        return new Result(
            minutes, samples, startAfterGc, endAfterGc, churn.Sent - before, churn.ClaimsOk, churn.ReleasesOk, churn.Failed,
            churn.Refusals, liveness, userAgentMemory);
    }

    /// <summary>Milliseconds from sending a claim through the gateway to its card showing one more seat filled (null: not within 10 s).</summary>
    private static async Task<double?> Liveness(Services s, BoardPage page, Guid[] shiftIds, Guid volunteer, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // the churn's last coalesced document
        const string Count = "id => document.querySelector(`.card[data-shift-id=\"${id}\"] .count`).textContent";
        var shift = shiftIds[0];
        var before = await page.Page.EvaluateAsync<string>(Count, shift.ToString());
        var expected = $"{int.Parse(before.Split('/')[0], CultureInfo.InvariantCulture) + 1}/{BoardConference.Seats}";
        var sent = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(s.Gateway, $"/api/shifts/{shift}/claims"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.Token(volunteer.ToString(), Roles.Volunteer));
        using var response = await s.Http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Log($"the liveness claim was refused: {(int)response.StatusCode}");
            return null;
        }

        try
        {
            await page.Page.WaitForFunctionAsync(
                $"([id, expected]) => ({Count})(id) === expected", new[] { shift.ToString(), expected },
                new PageWaitForFunctionOptions { Timeout = 10_000, PollingInterval = 20 });
            return sent.Elapsed.TotalMilliseconds;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static async Task<bool> Wait(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string Csv(PageSample p, long changes) => Report.Invariant(
        $"{p.Minutes:F2},{p.HeapUsedMb:F3},{p.HeapTotalMb:F3},{p.Nodes},{p.Listeners},{p.RendererRssMb:F1},{p.RendererAnonMb:F1},{p.Renderers},{p.Documents},{p.Connects},{p.Frames},{p.LongestTaskMs:F0},{changes}");

    private static string Describe(PageSample p) => Report.Invariant(
        $"t {p.Minutes:F1} min: JS heap {p.HeapUsedMb:F1}/{p.HeapTotalMb:F1} MB, nodes {p.Nodes}, listeners {p.Listeners}, renderer RSS {p.RendererRssMb:F0} MB (anon {p.RendererAnonMb:F0}, {p.Renderers} renderers), documents {p.Documents}, connects {p.Connects}, frames {p.Frames}, longest task {p.LongestTaskMs:F0} ms");

    private static void Log(string message) => Console.Error.WriteLine($"[board-memory {DateTime.UtcNow:HH:mm:ss}] {message}");
}
