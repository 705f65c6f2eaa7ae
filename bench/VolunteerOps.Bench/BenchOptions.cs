using System.Globalization;

namespace VolunteerOps.Bench;

/// <summary>Command-line options. Defaults are the scenarios; every size can be changed for a quick try.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        VolunteerOps.Bench: claim rush (with a raw PostgreSQL baseline), propagation lag and notification lag, against running
        Shifts, Roster and Notifications services.
          --url URL              the Shifts service (e.g. http://127.0.0.1:5180)           [required]
          --roster-url URL       the Roster service (volunteers are registered there)      [required]
          --postgres CS          Npgsql connection string: baseline and verification       [required]
          --signing-key KEY      both services' Auth:SigningKey (HS256, 32+ bytes)         [required]
          --schema NAME          the Shifts service's EventStore:Schema (found by itself if left out)
          --roster-schema NAME   the Roster service's EventStore:Schema (found by itself if left out)
          --notifications-schema NAME  the Notifications service's EventStore:Schema (required by notification-lag; when
                                 given, every "wait until quiet" also waits for that service's consumers)
          --benchmarks LIST      claim-rush,propagation-lag,notification-lag (default all three)
          --runs N               runs per scenario and per lag rate (default 3)
          --out DIR              where benchmarks.md and benchmarks.json are merged (default docs/)
          --register-concurrency N  registrations in flight while preparing a rush (default 16, not timed)
          --scenarios LIST       claim rush: spread,hot (default both)
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
          --lag-rates LIST       propagation lag: claim rates per second (default 50,500)
          --lag-seconds LIST     propagation lag: seconds of steady load per rate (default 20,10)
          --lag-registration-rate N  propagation lag: registrations per second alongside the claims (default 50)
          --lag-shifts N         propagation lag: shifts the claims are spread over (default 200)
          --lag-observer-ms N    propagation lag: the commit-time check's polling interval (default 10; 0 = off)
          --lag-timeout N        propagation and notification lag: seconds to wait for the last message after a phase (default 120)
          --notification-rate N  notification lag: claims per second (default 50)
          --notification-seconds N  notification lag: seconds of steady load per run (default 60)
          --notification-reminders N  notification lag: claimants whose reminder comes due 10-40 s into the phase (default 30)
          --notification-shifts N  notification lag: shifts the claims are spread over (default 200)
          --broker-container NAME  the RabbitMQ container, to count messages in _error queues (default volunteerops-rabbitmq)
          --broker-vhost NAME    the services' RabbitMQ virtual host (default /)
          --repo DIR             the repository, to show the daemon and consumer settings in force (default .)
          --drop-schema          drop both services' event-store schemas at the end (run.sh passes it: fresh schemas per invocation)
          --seed N               random seed (default: fixed per run, so runs are repeatable)
          --command TEXT         the command line recorded in the report
          --service-note TEXT    how the service was started, recorded in the report
          --started-at UNIX      when the whole command started (to report its run time)
          --service-pid PID      the Shifts service's process, to report its CPU per claim
          --roster-pid PID       the Roster service's process (its CPU is shown apart)
          --broker-pid PID       the broker's root process (its CPU is shown apart, with its children)
          --notifications-pid PID  the Notifications service's process (its CPU is shown apart)
          --shifts-log FILE --roster-log FILE --notifications-log FILE  the services' logs, to count what they logged during each lag phase
          --shifts-app NAME --roster-app NAME  the services' PostgreSQL Application Names (default vo-bench-shifts, vo-bench-roster)
        """;

    public const string ClaimRushName = "claim-rush";
    public const string PropagationLagName = "propagation-lag";
    public const string NotificationLagName = "notification-lag";
    public static readonly IReadOnlyList<string> AllBenchmarks = [ClaimRushName, PropagationLagName, NotificationLagName];

    public required Uri Url { get; init; }
    public required string Postgres { get; init; }
    public required Uri RosterUrl { get; init; }
    public required string SigningKey { get; init; }
    public string? Schema { get; init; }
    public string? RosterSchema { get; init; }
    public string? NotificationsSchema { get; init; }
    public IReadOnlyList<string> Benchmarks { get; init; } = AllBenchmarks;
    public int NotificationRate { get; init; } = 50;
    public int NotificationSeconds { get; init; } = 60;
    public int NotificationReminders { get; init; } = 30;
    public int NotificationShifts { get; init; } = 200;
    public int? NotificationsPid { get; init; }
    public string? NotificationsLog { get; init; }
    public int RegisterConcurrency { get; init; } = 16;
    public IReadOnlyList<int> LagRates { get; init; } = [50, 500];
    public IReadOnlyList<int> LagSeconds { get; init; } = [20, 10];
    public int LagRegistrationRate { get; init; } = 50;
    public int LagShifts { get; init; } = 200;
    public int LagObserverMs { get; init; } = 10;
    public int LagTimeoutSeconds { get; init; } = 120;
    public string BrokerContainer { get; init; } = "volunteerops-rabbitmq";
    public string BrokerVhost { get; init; } = "/";
    public string Repo { get; init; } = ".";
    public int? RosterPid { get; init; }
    public int? BrokerPid { get; init; }
    public string? ShiftsLog { get; init; }
    public string? RosterLog { get; init; }
    public string ShiftsApp { get; init; } = "vo-bench-shifts";
    public string RosterApp { get; init; } = "vo-bench-roster";
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
        int? OptionalInt(string name) =>
            values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        IReadOnlyList<string> List(string name, IReadOnlyList<string> fallback) =>
            values.TryGetValue(name, out var v) ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback;
        IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback) =>
            values.ContainsKey(name) ? [.. List(name, []).Select(x => int.Parse(x, CultureInfo.InvariantCulture))] : fallback;

        var options = new BenchOptions
        {
            Url = new Uri(Required("--url")),
            Postgres = Required("--postgres"),
            RosterUrl = new Uri(Required("--roster-url")),
            SigningKey = Required("--signing-key"),
            Schema = values.GetValueOrDefault("--schema"),
            RosterSchema = values.GetValueOrDefault("--roster-schema"),
            NotificationsSchema = values.GetValueOrDefault("--notifications-schema"),
            Benchmarks = List("--benchmarks", AllBenchmarks),
            NotificationRate = Int("--notification-rate", 50),
            NotificationSeconds = Int("--notification-seconds", 60),
            NotificationReminders = Int("--notification-reminders", 30),
            NotificationShifts = Int("--notification-shifts", 200),
            NotificationsPid = OptionalInt("--notifications-pid"),
            NotificationsLog = values.GetValueOrDefault("--notifications-log"),
            Runs = Int("--runs", 3),
            Out = values.GetValueOrDefault("--out", "docs/"),
            RegisterConcurrency = Int("--register-concurrency", 16),
            Scenarios = List("--scenarios", ["spread", "hot"]),
            LagRates = Ints("--lag-rates", [50, 500]),
            LagSeconds = Ints("--lag-seconds", [20, 10]),
            LagRegistrationRate = Int("--lag-registration-rate", 50),
            LagShifts = Int("--lag-shifts", 200),
            LagObserverMs = Int("--lag-observer-ms", 10),
            LagTimeoutSeconds = Int("--lag-timeout", 120),
            BrokerContainer = values.GetValueOrDefault("--broker-container", "volunteerops-rabbitmq"),
            BrokerVhost = values.GetValueOrDefault("--broker-vhost", "/"),
            Repo = values.GetValueOrDefault("--repo", "."),
            RosterPid = OptionalInt("--roster-pid"),
            BrokerPid = OptionalInt("--broker-pid"),
            ShiftsLog = values.GetValueOrDefault("--shifts-log"),
            RosterLog = values.GetValueOrDefault("--roster-log"),
            ShiftsApp = values.GetValueOrDefault("--shifts-app", "vo-bench-shifts"),
            RosterApp = values.GetValueOrDefault("--roster-app", "vo-bench-roster"),
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
            || options.Scenarios.Any(x => x is not ("spread" or "hot"))
            || options.Benchmarks.Count == 0 || options.Benchmarks.Any(x => !AllBenchmarks.Contains(x))
            || options.NotificationRate < 1 || options.NotificationSeconds < 5 || options.NotificationReminders < 0
            || options.NotificationShifts < 1
            || options.RegisterConcurrency < 1 || options.LagRates.Count == 0 || options.LagRates.Count != options.LagSeconds.Count
            || options.LagRates.Any(r => r < 1) || options.LagSeconds.Any(x => x < 1) || options.LagRegistrationRate < 0
            || options.LagShifts < 1 || options.LagObserverMs < 0 || options.LagTimeoutSeconds < 1)
        {
            throw new ArgumentException("An option is out of range.");
        }

        if (options.Benchmarks.Contains(NotificationLagName) && options.NotificationsSchema is null)
        {
            throw new ArgumentException("notification-lag needs --notifications-schema (the Notifications service's EventStore:Schema).");
        }

        return options;
    }
}
