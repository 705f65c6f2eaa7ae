using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace VolunteerOps.Bench;

/// <summary>Where the figures were measured: they mean little without it.</summary>
internal sealed record Machine(
    int Cores,
    double MemoryGiB,
    string Cpu,
    string Os,
    string Kernel,
    string DotNet,
    string Postgres,
    IReadOnlyDictionary<string, string> PostgresSettings,
    DateTimeOffset Date)
{
    private static readonly string[] Settings =
        ["max_connections", "shared_buffers", "synchronous_commit", "fsync", "wal_sync_method", "max_wal_size"];

    public static async Task<Machine> Describe(NpgsqlDataSource db, CancellationToken ct)
    {
        var memKb = ReadField("/proc/meminfo", "MemTotal", ':')?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT name, setting, coalesce(unit, '') FROM pg_settings WHERE name = ANY($1) ORDER BY name"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = Settings });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                settings[reader.GetString(0)] = Setting(reader.GetString(1), reader.GetString(2));
            }
        }

        await using var version = db.CreateCommand("SHOW server_version");
        return new Machine(
            Environment.ProcessorCount,
            memKb is null ? 0 : long.Parse(memKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0,
            ReadField("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
            ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
            File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "",
            RuntimeInformation.FrameworkDescription,
            "PostgreSQL " + (string)(await version.ExecuteScalarAsync(ct))!,
            settings,
            DateTimeOffset.UtcNow);
    }

    /// <summary>shared_buffers comes in 8kB pages: show it in MB like a person would write it.</summary>
    private static string Setting(string value, string unit) =>
        unit == "8kB" && long.TryParse(value, CultureInfo.InvariantCulture, out var pages)
            ? $"{pages * 8 / 1024}MB"
            : value + unit;

    private static string? ReadField(string path, string key, char separator)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && line[..at].Trim() == key)
            {
                return line[(at + 1)..].Trim();
            }
        }

        return null;
    }
}
