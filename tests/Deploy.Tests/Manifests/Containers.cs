using System.Text.Json.Nodes;

namespace Deploy.Tests.Manifests;

/// <summary>The application Deployments of a build and their main containers.</summary>
public static class Containers
{
    public static IEnumerable<(Manifest Deployment, JsonObject Pod, JsonObject Container)> OfDeployments(IEnumerable<Manifest> objects) =>
        from w in objects.OfKind("Deployment").PodSpecs()
        from c in w.Pod["containers"].Objects()
        select (w.Owner, w.Pod, c);

    /// <summary>A probe's port as a number: given as one, or as the name of one of the container's ports.</summary>
    public static string? ProbePort(JsonObject container, JsonNode? probe)
    {
        var port = probe?["httpGet"]?["port"].Text();
        return port is not null && !port.All(char.IsAsciiDigit)
            ? container["ports"].Objects().FirstOrDefault(p => p["name"].Text() == port)?["containerPort"].Text()
            : port;
    }

    public static bool Selects(Dictionary<string, string?> selector, Dictionary<string, string?> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
}
