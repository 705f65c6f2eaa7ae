using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Deploy.Tests.Yaml;

/// <summary>
/// YAML read with YamlDotNet into System.Text.Json nodes, which are easy to walk, compare and merge.
/// Every scalar becomes a string (or null for YAML's null), so `replicas: 1` reads as "1": the checks
/// compare text, as a reviewer reading the file would.
/// </summary>
public static class YamlFiles
{
    /// <summary>Every document of a (multi-document) YAML file; empty documents are left out.</summary>
    public static IReadOnlyList<JsonObject> Documents(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    public static IReadOnlyList<JsonObject> Parse(TextReader reader, string source)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        var documents = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            switch (Convert(document.RootNode))
            {
                case JsonObject o:
                    documents.Add(o);
                    break;
                case null:
                    break;
                default:
                    throw new InvalidDataException($"{source}: a document is not a mapping.");
            }
        }

        return documents;
    }

    public static JsonObject OnlyDocument(string path) =>
        Documents(path) is [var only] ? only : throw new InvalidDataException($"{path}: expected exactly one YAML document.");

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlScalarNode s => IsNull(s) ? null : JsonValue.Create(s.Value),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlMappingNode map => ConvertMapping(map),
        _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}."),
    };

    private static JsonObject ConvertMapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode s ? s.Value ?? "" : throw new InvalidDataException($"Non-scalar key at {key.Start}.");
            if (name == "<<")
            {
                continue; // merge keys are applied below, after the mapping's own keys
            }

            if (!result.TryAdd(name, Convert(value)))
            {
                throw new InvalidDataException($"Duplicate key '{name}' at {key.Start}.");
            }
        }

        // YAML merge keys (`<<: *defaults`, common in compose files): keys the mapping does not set itself.
        if (map.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
        {
            var sources = merged is YamlSequenceNode list ? list.Children : [merged];
            foreach (var source in sources.Select(Convert).OfType<JsonObject>())
            {
                foreach (var (key, value) in source)
                {
                    if (!result.ContainsKey(key))
                    {
                        result[key] = value?.DeepClone();
                    }
                }
            }
        }

        return result;
    }

    private static bool IsNull(YamlScalarNode s) =>
        s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
