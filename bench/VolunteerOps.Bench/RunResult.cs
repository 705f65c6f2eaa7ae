namespace VolunteerOps.Bench;

/// <summary>One run of one scenario: the rush, its baseline at the same concurrency, and the integrity checks.</summary>
internal sealed record RunResult
{
    public required string Scenario { get; init; }
    public required int Run { get; init; }
    public required int Concurrency { get; init; }
    public required int Volunteers { get; init; }
    public required int PairVolunteers { get; init; }
    public required int Shifts { get; init; }
    public required int Seats { get; init; }
    public required int Requests { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required double SetupSeconds { get; init; }
    public required Percentiles Latency { get; init; }
    public required int Winners { get; init; }
    public required IReadOnlyDictionary<string, int> Refusals { get; init; }
    public required IReadOnlyDictionary<string, int> Errors { get; init; }
    public required BaselineResult Baseline { get; init; }
    public required Percentiles BaselineLatency { get; init; }
    public required Integrity Integrity { get; init; }
    public required CpuUsage? Cpu { get; init; }

    /// <summary>Registering the run's volunteers in the Roster until the Shifts service knew them all (setup, not measured).</summary>
    public double RegisterSeconds { get; init; }

    /// <summary>Claims answered per second, whatever the answer: the service decided each of them.</summary>
    public double ClaimsPerSecond => Requests / ElapsedSeconds;

    public double BaselineTxPerSecond => Baseline.TxPerSecond;

    public double Ratio => ClaimsPerSecond / BaselineTxPerSecond;

    public int ErrorCount => Errors.Values.Sum();

    public int Refused(string slug) => Refusals.GetValueOrDefault(slug);

    public static RunResult From(string scenario, int run, int concurrency, IReadOnlyList<RushClient> clients, int shifts, int seats,
        double setupSeconds, RushResult rush, BaselineResult baseline, Integrity integrity, CpuUsage? cpu)
    {
        var outcomes = rush.Outcomes;
        return new RunResult
        {
            Scenario = scenario,
            Run = run,
            Concurrency = concurrency,
            Volunteers = clients.Count,
            PairVolunteers = clients.Count(c => c.Claims.Count > 1),
            Shifts = shifts,
            Seats = seats,
            Requests = outcomes.Count,
            ElapsedSeconds = rush.Elapsed.TotalSeconds,
            SetupSeconds = setupSeconds,
            Latency = Percentiles.Of(outcomes.Select(o => o.Milliseconds)),
            Winners = outcomes.Count(o => o.Kind == ClaimOutcome.Won),
            Refusals = outcomes.Where(o => !o.IsError && o.Kind != ClaimOutcome.Won)
                .GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => g.Count()),
            Errors = outcomes.Where(o => o.IsError).GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => g.Count()),
            Baseline = baseline,
            BaselineLatency = Percentiles.Of(baseline.Milliseconds),
            Integrity = integrity,
            Cpu = cpu,
        };
    }
}

internal sealed record Percentiles(double P50, double P95, double P99, double Max)
{
    /// <summary>Nearest-rank percentiles.</summary>
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, 0, 0, 0);
        }

        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}

internal static class Summary
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

internal sealed record WarmUpRound(int Round, string Kind, int Claims, double ClaimsPerSecond, double? ServiceMsPerClaim, int Errors);

internal sealed record WarmUpSummary(IReadOnlyList<WarmUpRound> Rounds, double Seconds)
{
    public double RegisterSeconds { get; init; }

    public int Claims => Rounds.Sum(r => r.Claims);
}
