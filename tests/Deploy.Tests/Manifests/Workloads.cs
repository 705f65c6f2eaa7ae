using System.Text.Json.Nodes;

namespace Deploy.Tests.Manifests;

/// <summary>Ways into the parts of objects the checks look at.</summary>
public static class Workloads
{
    public static IEnumerable<Manifest> OfKind(this IEnumerable<Manifest> objects, string kind) => objects.Where(o => o.Kind == kind);

    /// <summary>The pod spec of every object that has one (Deployments, StatefulSets, Jobs, CronJobs, Pods).</summary>
    public static IEnumerable<(Manifest Owner, JsonObject Pod)> PodSpecs(this IEnumerable<Manifest> objects)
    {
        foreach (var o in objects)
        {
            var pod = o.Kind switch
            {
                "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => o.Doc["spec"]?["template"]?["spec"],
                "CronJob" => o.Doc["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"],
                "Pod" => o.Doc["spec"],
                _ => null,
            };
            if (pod is JsonObject spec)
            {
                yield return (o, spec);
            }
        }
    }

    public static IEnumerable<JsonObject> Containers(this JsonObject pod) =>
        pod["initContainers"].Objects().Concat(pod["containers"].Objects());

    public static Dictionary<string, string?> PodLabels(this Manifest workload) =>
        workload.Doc["spec"]?["template"]?["metadata"]?["labels"].TextMap() ?? [];

    /// <summary>A container's env entry by name: (found, literal value or null when it comes from valueFrom).</summary>
    public static (bool Found, string? Value) Env(this JsonObject container, string name)
    {
        var entry = container["env"].Objects().FirstOrDefault(e => e["name"].Text() == name);
        return entry is null ? (false, null) : (true, entry["value"].Text());
    }

    /// <summary>Every image an object runs: its containers' and the operators' own image fields.</summary>
    public static IEnumerable<(Manifest Owner, string Where, string? Image)> Images(this IEnumerable<Manifest> objects)
    {
        var list = objects.ToList();
        foreach (var (owner, pod) in list.PodSpecs())
        {
            foreach (var c in pod.Containers())
            {
                yield return (owner, $"container {c["name"].Text()}", c["image"].Text());
            }
        }

        foreach (var cluster in list.OfKind("Cluster").Where(o => o.ApiVersion?.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal) == true))
        {
            yield return (cluster, "spec.imageName", cluster.Doc["spec"]?["imageName"].Text());
        }

        foreach (var broker in list.OfKind("RabbitmqCluster"))
        {
            yield return (broker, "spec.image", broker.Doc["spec"]?["image"].Text());
        }
    }

    /// <summary>"registry:5000/team/app:1.2@sha256:…" into ("registry:5000/team/app", "1.2", "sha256:…").</summary>
    public static (string Name, string? Tag, string? Digest) ParseImage(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        // A colon after the last slash is a tag; one before it is a registry port.
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..], digest) : (image, null, digest);
    }
}
