using System.Diagnostics;

namespace VolunteerOps.Bench;

/// <summary>One request of an open-loop load: when it was due, when it left, and what came back.</summary>
internal sealed record Shot<T>(int Index, double ScheduledMs, double SentMs, T Result)
{
    /// <summary>How late the request left against its schedule (the load generator's own lag).</summary>
    public double SlipMs => SentMs - ScheduledMs;
}

internal sealed record OpenLoopResult<T>(IReadOnlyList<Shot<T>> Shots, int MaxInFlight, double Seconds)
{
    public double AchievedRate => Shots.Count == 0 || Seconds <= 0 ? 0 : Shots.Count / Seconds;
}

/// <summary>
/// A steady open-loop load: request i leaves at i / rate seconds after the start whether or not the earlier ones have
/// been answered (a slow service gets more requests in flight, not fewer requests), which is how people arrive.
/// A closed loop (N clients, each waiting for its answer) would slow down with the service and hide its lag.
/// </summary>
internal static class OpenLoop
{
    public static async Task<OpenLoopResult<T>> Run<T>(int count, double rate, long startTimestamp, Func<int, Task<T>> send,
        CancellationToken ct)
    {
        var shots = new Shot<T>[count];
        var tasks = new List<Task>(count);
        var inFlight = 0;
        var maxInFlight = 0;
        var next = 0;
        while (next < count)
        {
            var elapsed = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
            // Everything due by now leaves now: after a scheduling hiccup the loop catches up instead of drifting.
            var due = Math.Min(count, (int)Math.Floor(elapsed * rate) + 1);
            for (; next < due; next++)
            {
                var index = next;
                var scheduledMs = index * 1000.0 / rate;
                tasks.Add(Task.Run(async () =>
                {
                    var now = Interlocked.Increment(ref inFlight);
                    InterlockedMax(ref maxInFlight, now);
                    var sentMs = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
                    try
                    {
                        shots[index] = new Shot<T>(index, scheduledMs, sentMs, await send(index));
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }, ct));
            }

            if (next < count)
            {
                var wait = TimeSpan.FromSeconds(next / rate - Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
                await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), ct);
            }
        }

        var lastSent = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        await Task.WhenAll(tasks);
        // The offered rate: requests over the time it took to send them (answers may come later).
        return new OpenLoopResult<T>(shots, maxInFlight, count <= 1 ? lastSent : lastSent * count / (count - 1));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
