using System.Globalization;

namespace VolunteerOps.Bench;

/// <summary>Command-line options. Defaults are the scenarios; every size can be changed for a quick try.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        VolunteerOps.Bench: claim rush against a running Shifts service, with a raw PostgreSQL baseline.
          --url URL              the Shifts service (e.g. http://127.0.0.1:5180)           [required]
          --postgres CS          Npgsql connection string: baseline and verification       [required]
          --signing-key KEY      the service's Auth:SigningKey (HS256, 32+ bytes)          [required]
          --schema NAME          the service's EventStore:Schema (found by itself if left out)
          --runs N               runs per scenario (default 3)
          --out DIR              where benchmarks.md and benchmarks.json are merged (default docs/)
          --scenarios LIST       spread,hot (default both)
          --volunteers N         spread: volunteers (default 1000)
          --slots N --rooms N    spread: hourly slots x rooms = shifts (default 40 x 5)
          --seats N              spread: seats per shift (default 5)
          --pair-share X         spread: share of volunteers racing two overlapping shifts (default 0.2)
          --concurrency N        spread: requests in flight (default 32)
          --hot-volunteers N     hot: volunteers (default 1000)
          --hot-seats N          hot: seats on the one shift (default 50)
          --hot-concurrency N    hot: requests in flight (default 64)
          --warmup-claims N      unmeasured claims before the runs, to get past the JIT's warm-up (default 15000)
          --no-warmup            same as --warmup-claims 0
          --drop-schema          drop the service's event-store schema at the end (run.sh passes it: one fresh schema per invocation)
          --seed N               random seed (default: fixed per run, so runs are repeatable)
          --command TEXT         the command line recorded in the report
          --service-note TEXT    how the service was started, recorded in the report
          --started-at UNIX      when the whole command started (to report its run time)
          --service-pid PID      the service's process, to report its CPU per claim
        """;

    public required Uri Url { get; init; }
    public required string Postgres { get; init; }
    public required string SigningKey { get; init; }
    public string? Schema { get; init; }
    public int Runs { get; init; } = 3;
    public string Out { get; init; } = "docs/";
    public IReadOnlyList<string> Scenarios { get; init; } = ["spread", "hot"];
    public int Volunteers { get; init; } = 1000;
    public int Slots { get; init; } = 40;
    public int Rooms { get; init; } = 5;
    public int Seats { get; init; } = 5;
    public double PairShare { get; init; } = 0.2;
    public int Concurrency { get; init; } = 32;
    public int HotVolunteers { get; init; } = 1000;
    public int HotSeats { get; init; } = 50;
    public int HotConcurrency { get; init; } = 64;
    public int WarmupClaims { get; init; } = 15000;
    public int Seed { get; init; } = 20270514;
    public string Command { get; init; } = "dotnet VolunteerOps.Bench.dll";
    public string? ServiceNote { get; init; }
    public long? StartedAt { get; init; }
    public int? ServicePid { get; init; }
    public bool DropSchema { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }

            if (name is "--no-warmup" or "--drop-schema" or "--help")
            {
                flags.Add(name);
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            values[name] = args[++i];
        }

        if (flags.Contains("--help"))
        {
            throw new ArgumentException("");
        }

        string Required(string name) =>
            values.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new ArgumentException($"{name} is required.");
        int Int(string name, int fallback) =>
            values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var options = new BenchOptions
        {
            Url = new Uri(Required("--url")),
            Postgres = Required("--postgres"),
            SigningKey = Required("--signing-key"),
            Schema = values.GetValueOrDefault("--schema"),
            Runs = Int("--runs", 3),
            Out = values.GetValueOrDefault("--out", "docs/"),
            Scenarios = values.TryGetValue("--scenarios", out var s)
                ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : ["spread", "hot"],
            Volunteers = Int("--volunteers", 1000),
            Slots = Int("--slots", 40),
            Rooms = Int("--rooms", 5),
            Seats = Int("--seats", 5),
            PairShare = values.TryGetValue("--pair-share", out var p) ? double.Parse(p, CultureInfo.InvariantCulture) : 0.2,
            Concurrency = Int("--concurrency", 32),
            HotVolunteers = Int("--hot-volunteers", 1000),
            HotSeats = Int("--hot-seats", 50),
            HotConcurrency = Int("--hot-concurrency", 64),
            WarmupClaims = flags.Contains("--no-warmup") ? 0 : Int("--warmup-claims", 15000),
            Seed = Int("--seed", 20270514),
            Command = values.GetValueOrDefault("--command", "dotnet VolunteerOps.Bench.dll"),
            ServiceNote = values.GetValueOrDefault("--service-note"),
            StartedAt = values.TryGetValue("--started-at", out var t) ? long.Parse(t, CultureInfo.InvariantCulture) : null,
            DropSchema = flags.Contains("--drop-schema"),
            ServicePid = values.TryGetValue("--service-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
        };

        if (options.Runs < 1 || options.Concurrency < 1 || options.HotConcurrency < 1 || options.Slots < 1 || options.Rooms < 1
            || options.Seats < 1 || options.HotSeats < 1 || options.PairShare is < 0 or > 1
            || options.Scenarios.Any(x => x is not ("spread" or "hot")))
        {
            throw new ArgumentException("An option is out of range.");
        }

        return options;
    }
}
