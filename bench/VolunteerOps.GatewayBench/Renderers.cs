namespace VolunteerOps.GatewayBench;

/// <summary>
/// The Chromium renderer processes this bench started (descendants of this process via Playwright's driver and the
/// browser, with --type=renderer), and their resident memory from /proc/&lt;pid&gt;/status: VmRSS (all resident pages,
/// shared libraries included) and RssAnon (the process's own heap pages). The page is the only tab, so its renderer is
/// the largest one; a spare renderer Chromium keeps for the next navigation may show up too (counted, not added).
/// </summary>
internal static class Renderers
{
    public readonly record struct Renderer(int Pid, long RssKb, long AnonKb);

    public static List<Renderer> Find()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && TryRead(Path.Combine(dir, "stat")) is { } stat)
            {
                // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var self = Environment.ProcessId;
        var result = new List<Renderer>();
        foreach (var pid in parents.Keys.Where(p => DescendsFrom(p, self, parents)))
        {
            var cmdline = TryRead($"/proc/{pid}/cmdline") ?? string.Empty;
            if (cmdline.Contains("--type=renderer", StringComparison.Ordinal) && TryRead($"/proc/{pid}/status") is { } status)
            {
                result.Add(new Renderer(pid, Kb(status, "VmRSS:"), Kb(status, "RssAnon:")));
            }
        }

        return result;
    }

    private static bool DescendsFrom(int pid, int ancestor, Dictionary<int, int> parents)
    {
        for (var p = pid; parents.TryGetValue(p, out var parent) && p > 1; p = parent)
        {
            if (parent == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static long Kb(string status, string field)
    {
        var line = status.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process ended between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
