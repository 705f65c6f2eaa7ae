using System.Collections.Concurrent;
using Deploy.Tests.Kustomize;

namespace Deploy.Tests.Manifests;

/// <summary>The kustomizations under deploy/kubernetes: the base and every overlay, each built once.</summary>
public static class Builds
{
    public const string Base = "base";

    private static readonly ConcurrentDictionary<string, KustomizeBuild> Cache = new();

    /// <summary>"base" and "overlays/&lt;name&gt;" for every overlay folder with a kustomization.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            var overlays = Path.Combine(RepositoryRoot.Kubernetes, "overlays");
            IEnumerable<string> names = Directory.Exists(overlays)
                ? Directory.GetDirectories(overlays).Where(HasKustomization).Select(d => "overlays/" + Path.GetFileName(d)).Order(StringComparer.Ordinal)
                : [];
            return [Base, .. names];
        }
    }

    public static IReadOnlyList<string> Overlays => [.. Names.Where(n => n != Base)];

    public static TheoryData<string> All => [.. Names];

    public static TheoryData<string> OverlayNames => [.. Overlays];

    public static KustomizeBuild Get(string name) => Cache.GetOrAdd(name, n => Kustomizer.Build(Path.Combine(RepositoryRoot.Kubernetes, n)));

    private static bool HasKustomization(string dir)
    {
        try
        {
            Kustomizer.KustomizationFile(dir);
            return true;
        }
        catch (KustomizeException)
        {
            return false;
        }
    }
}
