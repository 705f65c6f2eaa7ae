namespace Deploy.Tests;

/// <summary>The repository the tests run in: the first folder above the test assembly holding VolunteerOps.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Kubernetes => System.IO.Path.Combine(Path, "deploy", "kubernetes");

    /// <summary>A path relative to the root, with forward slashes, for messages.</summary>
    public static string Relative(string path) => System.IO.Path.GetRelativePath(Path, path).Replace('\\', '/');

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "VolunteerOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No VolunteerOps.sln above {AppContext.BaseDirectory}.");
    }
}
