using System.Diagnostics;
using System.Globalization;

namespace VolunteerOps.Bench;

/// <summary>
/// Where the CPU went during a measured phase: the Shifts service, the Roster service, the message broker (its
/// container's processes), PostgreSQL (the benchmarked cluster's processes), this load generator, and everything
/// else. On a shared 2-core machine "other" says how noisy a run was, and CPU per claim is a figure that load
/// elsewhere disturbs far less than throughput.
/// </summary>
internal sealed record CpuUsage(double MachineBusyCores, double ServiceCores, double PostgresCores, double BenchCores, double OtherCores,
    double ServiceMsPerClaim, double PostgresMsPerClaim)
{
    /// <summary>The Roster service (NaN when its process is unknown).</summary>
    public double RosterCores { get; init; } = double.NaN;

    /// <summary>The Notifications service (NaN when its process is unknown).</summary>
    public double NotificationsCores { get; init; } = double.NaN;

    /// <summary>The broker's processes (NaN when unknown).</summary>
    public double BrokerCores { get; init; } = double.NaN;

    public double Seconds { get; init; }
}

/// <summary>The processes a <see cref="CpuMeter"/> tells apart; any of them may be unknown.</summary>
internal sealed record CpuTargets(int? ServicePid, int? RosterPid, int? BrokerPid, int? PostmasterPid)
{
    public int? NotificationsPid { get; init; }
}

internal sealed class CpuMeter
{
    // /proc reports process and machine times in USER_HZ, 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    private readonly CpuTargets targets;
    private Snapshot first = Snapshot.Empty;
    private long started;

    private CpuMeter(CpuTargets targets) => this.targets = targets;

    public static bool Available => File.Exists("/proc/stat");

    /// <summary>
    /// PostmasterPid: the PostgreSQL server's main process: only it and its children count as PostgreSQL; unknown (a
    /// server in a container or elsewhere): every process named postgres on this machine counts. BrokerPid: the
    /// broker container's first process; it and its descendants count as the broker.
    /// </summary>
    public static CpuMeter Start(CpuTargets targets)
    {
        var meter = new CpuMeter(targets);
        meter.first = meter.Sample();
        meter.started = Stopwatch.GetTimestamp();
        return meter;
    }

    /// <summary>The PostgreSQL server process behind a backend pid (its parent), if this machine can see it.</summary>
    public static int? PostmasterOf(int backendPid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{backendPid}/status").FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
            return line is null ? null : int.Parse(line[5..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public CpuUsage? Stop(int claims)
    {
        if (!Available)
        {
            return null;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var last = Sample();
        double Cores(long ticks) => ticks / TicksPerSecond / seconds;

        // Per process: one that started meanwhile counts in full; one that ended is lost (never negative).
        double Group(Func<Snapshot, Dictionary<int, long>> group) =>
            Cores(group(last).Sum(kv => Math.Max(0, kv.Value - group(first).GetValueOrDefault(kv.Key))));
        double Known(int? pid, Func<Snapshot, Dictionary<int, long>> group) => pid is null ? double.NaN : Group(group);

        var machine = Cores(last.MachineBusy - first.MachineBusy);
        var service = Known(targets.ServicePid, s => s.Service);
        var roster = Known(targets.RosterPid, s => s.Roster);
        var notifications = Known(targets.NotificationsPid, s => s.Notifications);
        var broker = Known(targets.BrokerPid, s => s.Broker);
        var postgres = Group(s => s.Postgres);
        var bench = (last.Bench - first.Bench).TotalSeconds / seconds;
        static double Z(double v) => double.IsNaN(v) ? 0 : v;
        var other = Math.Max(0, machine - Z(service) - Z(roster) - Z(notifications) - Z(broker) - postgres - bench);
        return new CpuUsage(machine, service, postgres, bench, other,
            claims > 0 ? service * seconds * 1000 / claims : double.NaN, claims > 0 ? postgres * seconds * 1000 / claims : double.NaN)
        {
            RosterCores = roster,
            NotificationsCores = notifications,
            BrokerCores = broker,
            Seconds = seconds,
        };
    }

    private sealed record Snapshot(long MachineBusy, Dictionary<int, long> Service, Dictionary<int, long> Roster,
        Dictionary<int, long> Notifications, Dictionary<int, long> Broker, Dictionary<int, long> Postgres, TimeSpan Bench)
    {
        public static readonly Snapshot Empty = new(0, [], [], [], [], [], TimeSpan.Zero);
    }

    private Snapshot Sample()
    {
        if (!Available)
        {
            return Snapshot.Empty;
        }

        // cpu  user nice system idle iowait irq softirq steal ...
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu.Length > 7 ? cpu[7] : 0);

        var processes = new Dictionary<int, (long Ticks, int Parent, string? Comm)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length > 0 && char.IsAsciiDigit(name[0]) && int.TryParse(name, CultureInfo.InvariantCulture, out var pid)
                && ProcessTicks(pid) is { } t)
            {
                processes[pid] = (t.Ticks, t.Parent, t.Comm);
            }
        }

        Dictionary<int, long> One(int? pid) =>
            pid is { } p && processes.TryGetValue(p, out var t) ? new() { [p] = t.Ticks } : [];

        // A process belongs to the broker if the broker's root process is among its ancestors (a few levels suffice).
        bool Under(int pid, int root)
        {
            for (var depth = 0; depth < 8 && pid > 1; depth++)
            {
                if (pid == root)
                {
                    return true;
                }

                if (!processes.TryGetValue(pid, out var t))
                {
                    return false;
                }

                pid = t.Parent;
            }

            return false;
        }

        var broker = targets.BrokerPid is { } b
            ? processes.Where(kv => Under(kv.Key, b)).ToDictionary(kv => kv.Key, kv => kv.Value.Ticks)
            : [];
        var postgres = processes
            .Where(kv => kv.Value.Comm == "postgres"
                && (targets.PostmasterPid is null || kv.Key == targets.PostmasterPid || kv.Value.Parent == targets.PostmasterPid))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Ticks);

        using var self = Process.GetCurrentProcess();
        return new Snapshot(busy, One(targets.ServicePid), One(targets.RosterPid), One(targets.NotificationsPid), broker, postgres, self.TotalProcessorTime);
    }

    /// <summary>utime + stime, the parent and the name of a process, from /proc/PID/stat (fields 14, 15, 4 and 2; the name may hold spaces).</summary>
    private static (long Ticks, int Parent, string Comm)? ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
