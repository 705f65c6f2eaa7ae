using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.IntegrationTests;

/// <summary>Every operation the services publish ("POST /api/shifts/{id}/claims"), read through the gateway: what "every route" means.</summary>
public static class OpenApiOperations
{
    public static async Task<IReadOnlyList<string>> Of(GatewaySystem system)
    {
        using var anonymous = system.Client();
        var operations = new List<string>();
        foreach (var service in new[] { "shifts", "roster", "notifications" })
        {
            var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");
            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                operations.AddRange(path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"));
            }
        }

        return operations;
    }
}
