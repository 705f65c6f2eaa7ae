namespace Deploy.Tests.Manifests;

/// <summary>Every YAML file under deploy/kubernetes.</summary>
public static class ManifestFiles
{
    public static IReadOnlyList<string> All =>
        [.. Directory.EnumerateFiles(RepositoryRoot.Kubernetes, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    public static bool IsKustomization(string path) => Path.GetFileName(path) is "kustomization.yaml" or "kustomization.yml";

    /// <summary>Repository-relative paths, for theories (readable test names).</summary>
    public static TheoryData<string> AllRelative => [.. All.Select(RepositoryRoot.Relative)];
}
