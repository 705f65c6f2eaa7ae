namespace VolunteerOps.Testing;

/// <summary>
/// Points Testcontainers at this machine's Docker engine the way environment.md found works: Debian's
/// engine 20.10 speaks API 1.41, connection strings stay on loopback, and the reaper image cannot be
/// pulled (fixtures dispose their containers instead). Values already in the environment win.
/// </summary>
public static class DockerEnvironment
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> ImageNames = new(ReadImageNames);

    public static void Configure()
    {
        SetDefault("DOCKER_API_VERSION", "1.41");
        SetDefault("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
        SetDefault("TESTCONTAINERS_RYUK_DISABLED", "true");
    }

    /// <summary>The image to run: the environment variable, else deploy/local-infra/images.env, else the fallback.</summary>
    public static string Image(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : ImageNames.Value.TryGetValue(variable, out var fromFile) ? fromFile
        : fallback;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VolunteerOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VolunteerOps.sln not found above " + AppContext.BaseDirectory);
    }

    private static void SetDefault(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static Dictionary<string, string> ReadImageNames()
    {
        var file = Path.Combine(RepositoryRoot(), "deploy", "local-infra", "images.env");
        return File.ReadAllLines(file)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim(), StringComparer.Ordinal);
    }
}
