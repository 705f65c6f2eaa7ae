using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace VolunteerOps.GatewayBench;

/// <summary>
/// A steady open loop of changes that never runs out of seats: claim j (volunteer j mod pool, shift j mod shifts)
/// alternates with the release of claim j − Holding, so every shift holds Holding / shifts seats throughout and
/// each card keeps changing. A volunteer holds one seat at a time (reused pool − Holding claims after its release),
/// so no claim meets "overlapping-shift". Straight to the Shifts service: the gateway limits claims per caller.
/// </summary>
internal sealed class Churn(HttpClient http, Uri shifts, Guid[] shiftIds, (Guid Id, string Token)[] pool)
{
    public const int Holding = 1_000;
    private long claimsOk, releasesOk, failed, inFlight;

    public long Sent { get; private set; }

    /// <summary>Unexpected answers by method and status, for the report.</summary>
    public ConcurrentDictionary<string, int> Refusals { get; } = new();

    public long ClaimsOk => Interlocked.Read(ref claimsOk);

    public long ReleasesOk => Interlocked.Read(ref releasesOk);

    public long Failed => Interlocked.Read(ref failed);

    /// <summary>The first Holding claims, so the alternating phase has something to release from its first change.</summary>
    public Task Fill(int perSecond, CancellationToken ct) => Loop(Holding, perSecond, TimeSpan.MaxValue, i => Claim(i), ct);

    /// <summary>Alternating claims and releases for `duration`; returns once every change sent has been answered.</summary>
    public Task Run(int perSecond, TimeSpan duration, CancellationToken ct) =>
        Loop(long.MaxValue, perSecond, duration, i => i % 2 == 0 ? Claim(Holding + (i / 2)) : Release(i / 2), ct);

    private async Task Loop(long count, int perSecond, TimeSpan duration, Func<long, Task> change, CancellationToken ct)
    {
        // Request i leaves at i / rate whether or not earlier ones were answered.
        var started = Stopwatch.GetTimestamp();
        for (long i = 0; i < count && Stopwatch.GetElapsedTime(started) < duration; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, ct);
            }

            if (Stopwatch.GetElapsedTime(started) >= duration)
            {
                break; // the delay took the loop past the end
            }

            Interlocked.Increment(ref inFlight);
            Sent++;
            _ = Send(change, i);
        }

        while (Interlocked.Read(ref inFlight) > 0)
        {
            await Task.Delay(100, ct);
        }
    }

    private async Task Send(Func<long, Task> change, long i)
    {
        try
        {
            await change(i);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref failed);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    private async Task Claim(long j)
    {
        if (await Call(HttpMethod.Post, j, "/claims", HttpStatusCode.Created))
        {
            Interlocked.Increment(ref claimsOk);
        }
    }

    private async Task Release(long j)
    {
        if (await Call(HttpMethod.Delete, j, $"/claims/{pool[j % pool.Length].Id}", HttpStatusCode.NoContent))
        {
            Interlocked.Increment(ref releasesOk);
        }
    }

    private async Task<bool> Call(HttpMethod method, long j, string suffix, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(shifts, $"/api/shifts/{shiftIds[j % shiftIds.Length]}{suffix}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pool[j % pool.Length].Token);
        using var response = await http.SendAsync(request);
        if (response.StatusCode == expected)
        {
            return true;
        }

        Refusals.AddOrUpdate($"{method} {(int)response.StatusCode}", 1, (_, n) => n + 1);
        Interlocked.Increment(ref failed);
        return false;
    }
}
