using System.Diagnostics;

namespace VolunteerOps.GatewayBench;

/// <summary>One measured phase: requests per second and latency percentiles, and how many answers were not the expected status.</summary>
internal sealed record PhaseResult(string Path, int Requests, double Seconds, double P50Ms, double P99Ms, int Unexpected)
{
    public double Throughput => Requests / Seconds;
}

/// <summary>A closed loop: `concurrency` workers each send their next request as soon as the previous one is answered.</summary>
internal static class Load
{
    public static async Task<PhaseResult> Run(
        string path, int concurrency, int requests, Func<int, Task<bool>> send, CancellationToken ct)
    {
        var latencies = new double[requests];
        var next = -1;
        var unexpected = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && !ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await send(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref unexpected);
                }
            }
        }));
        clock.Stop();
        Array.Sort(latencies);
        return new PhaseResult(path, requests, clock.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), unexpected);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
