using Deploy.Tests.Kustomize;
using Deploy.Tests.Manifests;
using Deploy.Tests.Yaml;

namespace Deploy.Tests;

/// <summary>The files under deploy/kubernetes, one by one: YAML, Kubernetes objects, all reachable from a kustomization.</summary>
public sealed class ManifestFileTests
{
    private static readonly string[] ObjectFields = ["apiVersion", "kind"];

    [Theory]
    [MemberData(nameof(ManifestFiles.AllRelative), MemberType = typeof(ManifestFiles))]
    public void File_is_well_formed_yaml(string file)
    {
        var documents = YamlFiles.Documents(Path.Combine(RepositoryRoot.Path, file));

        Assert.NotEmpty(documents);
    }

    [Theory]
    [MemberData(nameof(ManifestFiles.AllRelative), MemberType = typeof(ManifestFiles))]
    public void Every_document_has_api_version_kind_and_name(string file)
    {
        var path = Path.Combine(RepositoryRoot.Path, file);
        var documents = YamlFiles.Documents(path);
        // A kustomization is kustomize's input, not an object; patches are objects.
        var missing = ManifestFiles.IsKustomization(path)
            ? documents.Where(d => d["kind"].Text() != "Kustomization" || d["apiVersion"].Text() is null).Select(_ => "kind: Kustomization / apiVersion")
            : documents.SelectMany((d, i) => ObjectFields.Where(k => d[k].Text() is null)
                .Append(d["metadata"]?["name"].Text() is null ? "metadata.name" : null).OfType<string>().Select(k => $"document {i + 1}: {k}"));

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_path_a_kustomization_names_exists()
    {
        var missing = new List<string>();
        foreach (var kustomization in ManifestFiles.All.Where(ManifestFiles.IsKustomization))
        {
            var dir = Path.GetDirectoryName(kustomization)!;
            var k = YamlFiles.OnlyDocument(kustomization);
            var paths = k["resources"].Texts().Concat(k["patches"].Objects().Select(p => p["path"].Text()).OfType<string>());
            missing.AddRange(paths.Where(p => !File.Exists(Path.Combine(dir, p)) && !Directory.Exists(Path.Combine(dir, p)))
                .Select(p => $"{RepositoryRoot.Relative(kustomization)}: {p}"));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_manifest_file_is_referenced_by_a_kustomization()
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kustomization in ManifestFiles.All.Where(ManifestFiles.IsKustomization))
        {
            var dir = Path.GetDirectoryName(kustomization)!;
            var k = YamlFiles.OnlyDocument(kustomization);
            foreach (var p in k["resources"].Texts().Concat(k["patches"].Objects().Select(p => p["path"].Text()).OfType<string>()))
            {
                referenced.Add(Path.GetFullPath(Path.Combine(dir, p)));
            }
        }

        // A file no kustomization names is never applied: a forgotten resource or a dead patch.
        var orphans = ManifestFiles.All.Where(f => !ManifestFiles.IsKustomization(f) && !referenced.Contains(Path.GetFullPath(f)))
            .Select(RepositoryRoot.Relative);

        Assert.Empty(orphans);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Kustomization_builds_with_every_patch_on_an_object_it_defines(string build)
    {
        var result = Kustomizer.Build(Path.Combine(RepositoryRoot.Kubernetes, build));

        Assert.Contains(result.Objects, o => o.Kind == "Deployment");
    }

    [Fact]
    public void Every_overlay_builds_on_the_base()
    {
        var overlays = Builds.Overlays;

        Assert.NotEmpty(overlays);
        Assert.All(overlays, o => Assert.Superset(
            Builds.Get(Builds.Base).Objects.Select(b => $"{b.Kind}/{b.Name}").ToHashSet(),
            Builds.Get(o).Objects.Select(b => $"{b.Kind}/{b.Name}").ToHashSet()));
    }
}
