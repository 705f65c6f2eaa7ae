using System.Text.Json.Nodes;

namespace Deploy.Tests.Manifests;

/// <summary>One Kubernetes object and the file it came from (or the generator that made it).</summary>
public sealed record Manifest(JsonObject Doc, string Source)
{
    public string? ApiVersion => Doc["apiVersion"].Text();
    public string? Kind => Doc["kind"].Text();
    public string? Name => Doc["metadata"]?["name"].Text();
    public string? Namespace => Doc["metadata"]?["namespace"].Text();

    public override string ToString() => $"{Kind}/{Name} ({Source})";
}

public static class Nodes
{
    /// <summary>The scalar's text; null when absent (every YAML scalar is read as a string).</summary>
    public static string? Text(this JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    public static IEnumerable<JsonObject> Objects(this JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>() : [];

    public static IEnumerable<string> Texts(this JsonNode? node) =>
        node is JsonArray a ? a.Select(n => n.Text()).OfType<string>() : [];

    /// <summary>A mapping's entries as text, e.g. labels and selectors.</summary>
    public static Dictionary<string, string?> TextMap(this JsonNode? node) =>
        node is JsonObject o ? o.ToDictionary(kv => kv.Key, kv => kv.Value.Text()) : [];
}
