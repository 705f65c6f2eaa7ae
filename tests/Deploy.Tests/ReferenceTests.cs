using System.Text.RegularExpressions;
using Deploy.Tests.Manifests;

namespace Deploy.Tests;

/// <summary>Every Secret and ConfigMap a pod or an operator resource names exists in the build, with the keys asked for.</summary>
public sealed partial class ReferenceTests
{
    /// <summary>Keys CloudNativePG puts in the &lt;cluster&gt;-app Secret it generates for the application owner.</summary>
    private static readonly string[] CnpgAppSecretKeys = ["username", "password", "host", "port", "dbname", "uri", "jdbc-uri", "pgpass"];

    private sealed record Reference(string From, string? Namespace, string Kind, string Name, string? Key);

    [Theory]
    [MemberData(nameof(Builds.OverlayNames), MemberType = typeof(Builds))]
    public void Every_secret_and_config_map_reference_resolves_to_an_object_of_the_build(string build)
    {
        var objects = Builds.Get(build).Objects;
        // The only Secrets made outside the build: the one CloudNativePG generates for each Cluster.
        var operatorSecrets = objects.OfKind("Cluster").Where(c => c.ApiVersion!.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal))
            .ToDictionary(c => (c.Namespace, $"{c.Name}-app"), _ => CnpgAppSecretKeys);

        var unresolved = new List<string>();
        foreach (var r in References(objects))
        {
            // Same namespace: a pod reads only its own namespace's Secrets, and kustomize rewrites a
            // reference to a generated (hash-suffixed) name only within one namespace.
            var keys = operatorSecrets.TryGetValue((r.Namespace, r.Name), out var generated) && r.Kind == "Secret"
                ? generated
                : objects.FirstOrDefault(o => o.Kind == r.Kind && o.Name == r.Name && o.Namespace == r.Namespace) is { } target
                    ? target.Doc["data"].TextMap().Keys.Concat(target.Doc["stringData"].TextMap().Keys).ToArray()
                    : null;
            if (keys is null)
            {
                unresolved.Add($"{r.From}: {r.Kind} {r.Name} does not exist in namespace '{r.Namespace}'");
            }
            else if (r.Key is not null && !keys.Contains(r.Key))
            {
                unresolved.Add($"{r.From}: {r.Kind} {r.Name} has no key {r.Key}");
            }
        }

        Assert.Empty(unresolved);
    }

    [Theory]
    [MemberData(nameof(Builds.OverlayNames), MemberType = typeof(Builds))]
    public void Secrets_an_operator_reads_by_name_are_generated_without_a_hash_suffix(string build)
    {
        // kustomize rewrites the references it knows (pods' env, envFrom, volumes) to the hashed name,
        // but not a custom resource's field: the topology operator would look for a Secret that does not exist.
        var result = Builds.Get(build);
        var named = result.Objects.OfKind("User").Select(u => u.Doc["spec"]?["importCredentialsSecret"]?["name"].Text()).OfType<string>().ToList();

        var hashed = result.Generated.Where(g => g.Kind == "Secret" && g.NameHashed && named.Contains(g.Name)).Select(g => g.Name);

        Assert.NotEmpty(named);
        Assert.Empty(hashed);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_namespaced_object_has_the_namespace_of_the_build(string build)
    {
        // An object without one goes wherever kubectl's current namespace points, apart from the
        // objects that use it (a generated Secret in "default" is a Secret the pods cannot read).
        var objects = Builds.Get(build).Objects;
        var namespaces = objects.Where(o => o.Kind != "Namespace").Select(o => o.Namespace ?? "(none)").Distinct().ToList();

        Assert.Equal(["volunteerops"], namespaces);
    }

    [Fact]
    public void Base_holds_no_secret()
    {
        // Secrets come from the overlay (generators, or the operators); a value in the base would be
        // applied to every environment.
        Assert.DoesNotContain(Builds.Get(Builds.Base).Objects, o => o.Kind == "Secret");
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Environment_references_name_variables_defined_earlier_in_the_container(string build)
    {
        // Kubernetes expands $(NAME) only from variables defined before it; otherwise the text stays
        // as it is, e.g. a connection string whose password is literally "$(PG_PASSWORD)".
        var wrong = new List<string>();
        foreach (var (deployment, _, container) in Containers.OfDeployments(Builds.Get(build).Objects))
        {
            var defined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var env in container["env"].Objects())
            {
                foreach (Match m in VariableReference().Matches(env["value"].Text() ?? ""))
                {
                    if (!defined.Contains(m.Groups[1].Value))
                    {
                        wrong.Add($"{deployment.Name}: {env["name"].Text()} uses $({m.Groups[1].Value}) before it is defined");
                    }
                }

                defined.Add(env["name"].Text() ?? "");
            }
        }

        Assert.Empty(wrong);
    }

    private static IEnumerable<Reference> References(IEnumerable<Manifest> objects)
    {
        var list = objects.ToList();
        foreach (var (owner, pod) in list.PodSpecs())
        {
            foreach (var c in pod.Containers())
            {
                var from = $"{owner.Name}/{c["name"].Text()}";
                foreach (var env in c["env"].Objects())
                {
                    if (env["valueFrom"]?["secretKeyRef"] is { } s)
                    {
                        yield return new Reference(from, owner.Namespace, "Secret", s["name"].Text() ?? "", s["key"].Text());
                    }

                    if (env["valueFrom"]?["configMapKeyRef"] is { } m)
                    {
                        yield return new Reference(from, owner.Namespace, "ConfigMap", m["name"].Text() ?? "", m["key"].Text());
                    }
                }

                foreach (var source in c["envFrom"].Objects())
                {
                    if (source["secretRef"]?["name"].Text() is { } secret)
                    {
                        yield return new Reference(from, owner.Namespace, "Secret", secret, null);
                    }

                    if (source["configMapRef"]?["name"].Text() is { } map)
                    {
                        yield return new Reference(from, owner.Namespace, "ConfigMap", map, null);
                    }
                }
            }

            foreach (var volume in pod["volumes"].Objects())
            {
                if (volume["secret"]?["secretName"].Text() is { } secret)
                {
                    yield return new Reference(owner.Name!, owner.Namespace, "Secret", secret, null);
                }

                if (volume["configMap"]?["name"].Text() is { } map)
                {
                    yield return new Reference(owner.Name!, owner.Namespace, "ConfigMap", map, null);
                }
            }
        }

        foreach (var user in list.OfKind("User"))
        {
            if (user.Doc["spec"]?["importCredentialsSecret"]?["name"].Text() is { } secret)
            {
                yield return new Reference($"User/{user.Name}", user.Namespace, "Secret", secret, "username");
                yield return new Reference($"User/{user.Name}", user.Namespace, "Secret", secret, "password");
            }
        }
    }

    [GeneratedRegex(@"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_.\-]*)\)")]
    private static partial Regex VariableReference();
}
