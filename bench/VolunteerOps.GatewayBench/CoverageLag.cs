using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;

namespace VolunteerOps.GatewayBench;

/// <summary>
/// Claim → board: a viewer follows GET /api/coverage/stream through the gateway while claims arrive at a
/// steady rate; claim k (in commit order) is on the board once an event shows at least k seats filled.
/// Lag = that event's arrival (this process's clock) − the claim event's stored timestamp (PostgreSQL's clock,
/// the same machine's). A lower bound of the commit, so the figure slightly overstates the lag.
/// </summary>
internal static class CoverageLag
{
    public sealed record Result(int Claims, int Measured, double P50Ms, double P99Ms, double MaxMs, int Events);

    public static async Task<Result> Run(
        Uri gateway, string viewerToken, Guid conference, Func<int, Task> claim, int claims, int perSecond,
        NpgsqlDataSource db, string shiftsSchema, IReadOnlyCollection<Guid> shifts, CancellationToken ct)
    {
        var arrivals = new List<(DateTimeOffset At, int Filled)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, $"/api/coverage/stream?conferenceId={conference}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", viewerToken);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        var baseline = -1;
        var reading = Task.Run(async () =>
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var filled = JsonDocument.Parse(line[6..]).RootElement.GetProperty("totals").GetProperty("filled").GetInt32();
                    lock (arrivals)
                    {
                        arrivals.Add((DateTimeOffset.UtcNow, filled));
                    }
                }
            }
        }, stop.Token);

        while (true)
        {
            lock (arrivals)
            {
                if (arrivals.Count > 0)
                {
                    baseline = arrivals[^1].Filled;
                    break;
                }
            }

            await Task.Delay(50, ct);
        }

        // Open loop: claim i is sent at start + i / rate, whether or not earlier ones have been answered.
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, claims).Select(async i =>
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, ct);
            }

            await claim(i);
        }));
        await Task.Delay(TimeSpan.FromSeconds(3), ct); // the last coalesced event
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
        }

        var committed = await ClaimTimestamps(db, shiftsSchema, shifts, ct);
        var lags = new List<double>();
        lock (arrivals)
        {
            for (var k = 0; k < committed.Count; k++)
            {
                var shown = arrivals.FirstOrDefault(a => a.Filled >= baseline + k + 1);
                if (shown != default)
                {
                    lags.Add((shown.At - committed[k]).TotalMilliseconds);
                }
            }
        }

        lags.Sort();
        double P(double p) => lags.Count == 0 ? double.NaN : lags[(int)Math.Min(lags.Count - 1, Math.Ceiling(p * lags.Count) - 1)];
        return new Result(committed.Count, lags.Count, P(0.5), P(0.99), lags.Count == 0 ? double.NaN : lags[^1], arrivals.Count);
    }

    /// <summary>The phase's claims in commit order (seq_id), with their stored timestamps.</summary>
    private static async Task<List<DateTimeOffset>> ClaimTimestamps(NpgsqlDataSource db, string schema, IReadOnlyCollection<Guid> shifts, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            $"SELECT timestamp FROM \"{schema}\".mt_events WHERE type = 'shift_claimed' AND stream_id = ANY($1) ORDER BY seq_id");
        cmd.Parameters.Add(new NpgsqlParameter { Value = shifts.ToArray() });
        var result = new List<DateTimeOffset>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(reader.GetFieldValue<DateTimeOffset>(0));
        }

        return result;
    }

    public static string Format(Result r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Measured}/{r.Claims} claims seen on the board, p50 {r.P50Ms:F0} ms, p99 {r.P99Ms:F0} ms, max {r.MaxMs:F0} ms, {r.Events} events");
}
