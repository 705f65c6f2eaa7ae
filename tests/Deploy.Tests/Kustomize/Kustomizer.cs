using System.Text.Json.Nodes;
using Deploy.Tests.Manifests;
using Deploy.Tests.Yaml;

namespace Deploy.Tests.Kustomize;

/// <summary>A Secret or ConfigMap made by a generator; kustomize appends a content hash to its name unless told not to.</summary>
public sealed record GeneratedObject(string Kind, string Name, bool NameHashed, string Kustomization);

public sealed record KustomizeBuild(string Directory, IReadOnlyList<Manifest> Objects, IReadOnlyList<GeneratedObject> Generated);

/// <summary>
/// A small `kustomize build` (no kustomize binary is available here): resources (files and
/// directories, recursively), secret and config map generators, strategic merge patches, replicas,
/// images and namespace. Stricter than kustomize where that catches mistakes: a patch, a replicas
/// entry or an images entry that matches nothing fails the build, and a field it does not model fails
/// too rather than being silently ignored.
/// </summary>
public static class Kustomizer
{
    private static readonly HashSet<string> Modelled =
    [
        "apiVersion", "kind", "namespace", "resources", "patches", "images", "replicas",
        "secretGenerator", "configMapGenerator", "generatorOptions",
    ];

    private static readonly HashSet<string> ClusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"];

    private static readonly string[] KustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    public static string KustomizationFile(string directory) =>
        KustomizationNames.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists)
        ?? throw new KustomizeException($"{directory}: no kustomization.yaml.");

    public static KustomizeBuild Build(string directory)
    {
        directory = Path.GetFullPath(directory);
        var file = KustomizationFile(directory);
        var k = YamlFiles.OnlyDocument(file);
        var unknown = k.Select(kv => kv.Key).Where(key => !Modelled.Contains(key)).ToList();
        if (unknown.Count > 0)
        {
            throw new KustomizeException($"{file}: {string.Join(", ", unknown)} not modelled by the test's resolver; extend {nameof(Kustomizer)}.");
        }

        var objects = new List<Manifest>();
        var generated = new List<GeneratedObject>();
        foreach (var resource in k["resources"].Texts())
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            if (Directory.Exists(path))
            {
                var sub = Build(path);
                objects.AddRange(sub.Objects);
                generated.AddRange(sub.Generated);
            }
            else if (File.Exists(path))
            {
                InsideRoot(file, directory, path);
                objects.AddRange(YamlFiles.Documents(path).Select(d => new Manifest(d, RepositoryRoot.Relative(path))));
            }
            else
            {
                throw new KustomizeException($"{file}: resource '{resource}' does not exist.");
            }
        }

        Generate(k, file, objects, generated);
        Patch(k, directory, file, objects);
        SetReplicas(k, file, objects);
        SetImages(k, file, objects);
        SetNamespace(k, objects);

        var duplicate = objects.GroupBy(o => (o.Kind, o.Name)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new KustomizeException($"{file}: {duplicate.Key.Kind}/{duplicate.Key.Name} is defined more than once ({string.Join(", ", duplicate.Select(d => d.Source))}).");
        }

        return new KustomizeBuild(directory, objects, generated);
    }

    /// <summary>kustomize's default load restriction: files come from the kustomization's folder or below (other kustomizations may be anywhere).</summary>
    private static void InsideRoot(string file, string directory, string path)
    {
        if (!path.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new KustomizeException($"{file}: '{path}' is outside the kustomization's folder, which kustomize refuses.");
        }
    }

    private static void Generate(JsonObject k, string file, List<Manifest> objects, List<GeneratedObject> generated)
    {
        var hashedByDefault = k["generatorOptions"]?["disableNameSuffixHash"].Text() != "true";
        foreach (var (field, kind) in new[] { ("secretGenerator", "Secret"), ("configMapGenerator", "ConfigMap") })
        {
            foreach (var g in k[field].Objects())
            {
                var name = g["name"].Text() ?? throw new KustomizeException($"{file}: a {field} entry has no name.");
                if (g["behavior"].Text() is { } behavior && behavior != "create")
                {
                    throw new KustomizeException($"{file}: {field} '{name}' behavior '{behavior}' is not modelled.");
                }

                var data = new JsonObject();
                foreach (var literal in g["literals"].Texts())
                {
                    var eq = literal.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new KustomizeException($"{file}: {field} '{name}' literal '{literal}' is not key=value.");
                    }

                    data[literal[..eq]] = literal[(eq + 1)..];
                }

                foreach (var source in g["files"].Texts().Concat(g["envs"].Texts()))
                {
                    var path = Path.Combine(Path.GetDirectoryName(file)!, source.Split('=').Last());
                    if (!File.Exists(path))
                    {
                        throw new KustomizeException($"{file}: {field} '{name}' reads '{source}', which does not exist.");
                    }
                }

                var hashed = g["options"]?["disableNameSuffixHash"].Text() switch
                {
                    "true" => false,
                    "false" => true,
                    _ => hashedByDefault,
                };
                var doc = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = kind,
                    ["metadata"] = new JsonObject { ["name"] = name },
                    ["data"] = data,
                };
                objects.Add(new Manifest(doc, $"{RepositoryRoot.Relative(file)} {field}"));
                generated.Add(new GeneratedObject(kind, name, hashed, RepositoryRoot.Relative(file)));
            }
        }
    }

    private static void Patch(JsonObject k, string directory, string file, List<Manifest> objects)
    {
        foreach (var entry in k["patches"].Objects())
        {
            if (entry["target"] is not null)
            {
                throw new KustomizeException($"{file}: patches with a target (JSON 6902) are not modelled; extend {nameof(Kustomizer)}.");
            }

            IReadOnlyList<JsonObject> docs;
            string source;
            if (entry["path"].Text() is { } relative)
            {
                var path = Path.GetFullPath(Path.Combine(directory, relative));
                if (!File.Exists(path))
                {
                    throw new KustomizeException($"{file}: patch '{relative}' does not exist.");
                }

                InsideRoot(file, directory, path);
                docs = YamlFiles.Documents(path);
                source = RepositoryRoot.Relative(path);
            }
            else if (entry["patch"].Text() is { } inline)
            {
                docs = YamlFiles.Parse(new StringReader(inline), file);
                source = $"{RepositoryRoot.Relative(file)} inline patch";
            }
            else
            {
                throw new KustomizeException($"{file}: a patches entry has neither path nor patch.");
            }

            foreach (var patch in docs)
            {
                var kind = patch["kind"].Text();
                var name = patch["metadata"]?["name"].Text();
                var apiVersion = patch["apiVersion"].Text();
                var target = objects.FirstOrDefault(o => o.Kind == kind && o.Name == name && o.ApiVersion == apiVersion)
                    ?? throw new KustomizeException($"{source}: patches {apiVersion} {kind}/{name}, which no resource of {RepositoryRoot.Relative(directory)} defines.");
                StrategicMerge.Apply(target.Doc, patch);
            }
        }
    }

    private static void SetReplicas(JsonObject k, string file, List<Manifest> objects)
    {
        foreach (var entry in k["replicas"].Objects())
        {
            var name = entry["name"].Text();
            var target = objects.FirstOrDefault(o => o.Name == name && o.Kind is "Deployment" or "StatefulSet" or "ReplicaSet")
                ?? throw new KustomizeException($"{file}: replicas for '{name}', which is no Deployment or StatefulSet here.");
            ((JsonObject)target.Doc["spec"]!)["replicas"] = entry["count"].Text();
        }
    }

    private static void SetImages(JsonObject k, string file, List<Manifest> objects)
    {
        foreach (var entry in k["images"].Objects())
        {
            var name = entry["name"].Text();
            var matched = false;
            foreach (var (_, pod) in objects.PodSpecs())
            {
                foreach (var container in pod.Containers())
                {
                    var (image, tag, digest) = Workloads.ParseImage(container["image"].Text() ?? "");
                    if (image != name)
                    {
                        continue;
                    }

                    matched = true;
                    image = entry["newName"].Text() ?? image;
                    tag = entry["newTag"].Text() ?? tag;
                    digest = entry["digest"].Text() ?? digest;
                    container["image"] = image + (tag is null ? "" : ":" + tag) + (digest is null ? "" : "@" + digest);
                }
            }

            // kustomize ignores an entry that matches nothing; here it fails, since it means the overlay
            // believes it moved an image it does not move (a renamed image, a typo).
            if (!matched)
            {
                throw new KustomizeException($"{file}: images entry '{name}' matches no container.");
            }
        }
    }

    private static void SetNamespace(JsonObject k, List<Manifest> objects)
    {
        if (k["namespace"].Text() is not { } ns)
        {
            return;
        }

        foreach (var o in objects.Where(o => !ClusterScoped.Contains(o.Kind ?? "")))
        {
            if (o.Doc["metadata"] is JsonObject metadata)
            {
                metadata["namespace"] = ns;
            }
        }
    }
}
