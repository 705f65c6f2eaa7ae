using System.Text.Json.Nodes;

namespace Deploy.Tests.Kustomize;

/// <summary>
/// Enough of Kubernetes' strategic merge patch for the overlays: mappings merge key by key, a null
/// removes a key, and the pod-spec lists that Kubernetes merges by a key (containers and env by name,
/// volume mounts by path, ports by number) merge item by item; every other list is replaced. Custom
/// resources get plain JSON merge patch (lists replaced), as kustomize does without their schema.
/// </summary>
public static class StrategicMerge
{
    private static readonly HashSet<string> BuiltInWorkloads = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

    private static readonly Dictionary<string, string> MergeKeys = new()
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
        ["ports"] = "containerPort",
    };

    public static void Apply(JsonObject target, JsonObject patch)
    {
        var kind = target["kind"]?.ToString() ?? "";
        Merge(target, patch, BuiltInWorkloads.Contains(kind));
    }

    private static void Merge(JsonObject target, JsonObject patch, bool strategic)
    {
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                throw new KustomizeException($"Patch directive '{key}' is not modelled; extend {nameof(StrategicMerge)}.");
            }

            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchMap && target[key] is JsonObject targetMap)
            {
                Merge(targetMap, patchMap, strategic);
            }
            else if (strategic && value is JsonArray patchList && target[key] is JsonArray targetList && MergeKeys.TryGetValue(key, out var mergeKey))
            {
                MergeList(targetList, patchList, mergeKey);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    /// <summary>Items already there merge in place; new ones go first, in the patch's order, as kustomize
    /// puts them (which matters for env: $(NAME) sees only variables above it).</summary>
    private static void MergeList(JsonArray target, JsonArray patch, string mergeKey)
    {
        var added = 0;
        foreach (var item in patch.OfType<JsonObject>())
        {
            var key = item[mergeKey]?.ToString();
            var existing = target.OfType<JsonObject>().FirstOrDefault(t => t[mergeKey]?.ToString() == key);
            if (existing is null)
            {
                target.Insert(added++, item.DeepClone());
            }
            else
            {
                Merge(existing, item, strategic: true);
            }
        }
    }
}
