using System.Diagnostics;
using System.Globalization;

namespace VolunteerOps.Bench;

/// <summary>
/// Where the CPU went during a measured phase: the service, PostgreSQL (the benchmarked cluster's processes), this
/// load generator, and everything else. On a shared 2-core machine "other" says how noisy a run was, and CPU per
/// claim is a figure that load elsewhere disturbs far less than throughput.
/// </summary>
internal sealed record CpuUsage(double MachineBusyCores, double ServiceCores, double PostgresCores, double BenchCores, double OtherCores,
    double ServiceMsPerClaim, double PostgresMsPerClaim);

internal sealed class CpuMeter
{
    // /proc reports process and machine times in USER_HZ, 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    private readonly int? servicePid;
    private readonly int? postmasterPid;
    private long machineBusy;
    private long service;
    private Dictionary<int, long> postgres = [];
    private TimeSpan bench;
    private long started;

    private CpuMeter(int? servicePid, int? postmasterPid)
    {
        this.servicePid = servicePid;
        this.postmasterPid = postmasterPid;
    }

    public static bool Available => File.Exists("/proc/stat");

    /// <param name="servicePid">The service's process, when known.</param>
    /// <param name="postmasterPid">The PostgreSQL server's main process: only it and its children count as PostgreSQL.
    /// Unknown (a server in a container or elsewhere): every process named postgres on this machine counts.</param>
    public static CpuMeter Start(int? servicePid, int? postmasterPid)
    {
        var meter = new CpuMeter(servicePid, postmasterPid);
        (meter.machineBusy, meter.service, meter.postgres, meter.bench) = meter.Sample();
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
        var (busy, svc, pg, own) = Sample();
        double Cores(long ticks) => ticks / TicksPerSecond / seconds;
        var machine = Cores(busy - machineBusy);
        var serviceCores = servicePid is null ? double.NaN : Cores(svc - service);
        // Per process: a backend that started meanwhile counts in full; one that ended is lost (never negative).
        var postgresCores = Cores(pg.Sum(kv => Math.Max(0, kv.Value - postgres.GetValueOrDefault(kv.Key))));
        var benchCores = (own - bench).TotalSeconds / seconds;
        var other = Math.Max(0, machine - (double.IsNaN(serviceCores) ? 0 : serviceCores) - postgresCores - benchCores);
        return new CpuUsage(machine, serviceCores, postgresCores, benchCores, other,
            serviceCores * seconds * 1000 / claims, postgresCores * seconds * 1000 / claims);
    }

    private (long MachineBusy, long Service, Dictionary<int, long> Postgres, TimeSpan Bench) Sample()
    {
        if (!Available)
        {
            return (0, 0, [], TimeSpan.Zero);
        }

        // cpu  user nice system idle iowait irq softirq steal ...
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu.Length > 7 ? cpu[7] : 0);

        var svc = servicePid is { } pid ? ProcessTicks(pid)?.Ticks ?? 0 : 0;
        var pg = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length > 0 && char.IsAsciiDigit(name[0]) && ReadComm(dir) == "postgres"
                && int.TryParse(name, CultureInfo.InvariantCulture, out var p) && ProcessTicks(p) is { } t
                && (postmasterPid is null || p == postmasterPid || t.Parent == postmasterPid))
            {
                pg[p] = t.Ticks;
            }
        }

        using var self = Process.GetCurrentProcess();
        return (busy, svc, pg, self.TotalProcessorTime);
    }

    private static string? ReadComm(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "comm")).Trim();
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>utime + stime and the parent of a process, from /proc/PID/stat (fields 14, 15 and 4; the name may hold spaces).</summary>
    private static (long Ticks, int Parent)? ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
