using Deploy.Tests.Kustomize;
using Deploy.Tests.Manifests;

namespace Deploy.Tests;

/// <summary>The resolver the other checks stand on: it must fail where kustomize (or a review) would.</summary>
public sealed class KustomizerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("deploy-tests-").FullName;

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 3
          template:
            spec:
              containers:
                - name: web
                  image: example/web:1.0
                  env:
                    - name: A
                      value: "1"
        """;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_patch_of_an_object_the_base_does_not_define_fails_the_build()
    {
        Write("base/kustomization.yaml", "resources:\n  - web.yaml\n");
        Write("base/web.yaml", Deployment);
        Write("overlay/kustomization.yaml", "resources:\n  - ../base\npatches:\n  - path: patch.yaml\n");
        Write("overlay/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: webb\nspec:\n  replicas: 1\n");

        var e = Assert.Throws<KustomizeException>(() => Kustomizer.Build(Path.Combine(root, "overlay")));

        Assert.Contains("Deployment/webb", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_resource_fails_the_build()
    {
        Write("base/kustomization.yaml", "resources:\n  - web.yaml\n  - gone.yaml\n");
        Write("base/web.yaml", Deployment);

        var e = Assert.Throws<KustomizeException>(() => Kustomizer.Build(Path.Combine(root, "base")));

        Assert.Contains("gone.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_outside_the_kustomization_folder_is_refused_as_kustomize_refuses_it()
    {
        Write("base/web.yaml", Deployment);
        Write("overlay/kustomization.yaml", "resources:\n  - ../base/web.yaml\n");

        Assert.Throws<KustomizeException>(() => Kustomizer.Build(Path.Combine(root, "overlay")));
    }

    [Fact]
    public void A_field_the_resolver_does_not_model_fails_rather_than_being_ignored()
    {
        Write("base/kustomization.yaml", "resources:\n  - web.yaml\ncommonLabels:\n  a: b\n");
        Write("base/web.yaml", Deployment);

        Assert.Throws<KustomizeException>(() => Kustomizer.Build(Path.Combine(root, "base")));
    }

    [Fact]
    public void Patches_merge_containers_and_env_by_name_and_replace_scalars()
    {
        Write("base/kustomization.yaml", "resources:\n  - web.yaml\n");
        Write("base/web.yaml", Deployment);
        Write("overlay/kustomization.yaml", "resources:\n  - ../base\npatches:\n  - path: patch.yaml\nreplicas:\n  - name: web\n    count: 2\n");
        Write("overlay/patch.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: web
                      env:
                        - name: B
                          value: "2"
            """);

        var web = Kustomizer.Build(Path.Combine(root, "overlay")).Objects.Single(o => o.Kind == "Deployment");
        var container = web.Doc["spec"]!["template"]!["spec"]!["containers"].Objects().Single();

        Assert.Equal("2", web.Doc["spec"]!["replicas"].Text());
        Assert.Equal("example/web:1.0", container["image"].Text());
        // New entries go first, as `kubectl kustomize` (kustomize v5.5) puts them.
        Assert.Equal(["B", "A"], container["env"].Objects().Select(e => e["name"].Text()));
    }

    [Fact]
    public void Images_entries_retag_matching_containers_and_fail_when_nothing_matches()
    {
        Write("base/kustomization.yaml", "resources:\n  - web.yaml\nimages:\n  - name: example/web\n    newTag: \"2.0\"\n");
        Write("base/web.yaml", Deployment);
        Write("typo/kustomization.yaml", "resources:\n  - ../base\nimages:\n  - name: example/wbe\n    newTag: \"2.0\"\n");

        var image = Kustomizer.Build(Path.Combine(root, "base")).Objects.Images().Single().Image;

        Assert.Equal("example/web:2.0", image);
        Assert.Throws<KustomizeException>(() => Kustomizer.Build(Path.Combine(root, "typo")));
    }

    [Fact]
    public void Generators_make_objects_and_record_whether_their_names_get_a_hash()
    {
        Write("base/kustomization.yaml", """
            resources:
              - web.yaml
            secretGenerator:
              - name: hashed
                literals:
                  - key=value
              - name: fixed
                literals:
                  - key=value
                options:
                  disableNameSuffixHash: true
            """);
        Write("base/web.yaml", Deployment);

        var build = Kustomizer.Build(Path.Combine(root, "base"));

        Assert.Equal(2, build.Objects.Count(o => o.Kind == "Secret"));
        Assert.Equal([("hashed", true), ("fixed", false)], build.Generated.Select(g => (g.Name, g.NameHashed)));
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
