using System.Text.Json;

namespace Gateway.IntegrationTests;

/// <summary>The contract's error shape: application/problem+json with a stable type under https://volunteerops.dev/problems/.</summary>
public static class ProblemDetailsCheck
{
    public const string TypePrefix = "https://volunteerops.dev/problems/";

    /// <summary>Null when the response is our problem details; otherwise what is wrong with it.</summary>
    public static string? Fault(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"content type {response.Content.Headers.ContentType?.ToString() ?? "(none)"}, not application/problem+json";
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            var type = problem.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return type is not null && type.StartsWith(TypePrefix, StringComparison.Ordinal) ? null : $"problem type '{type}' is not under {TypePrefix}";
        }
        catch (JsonException)
        {
            return "the problem details are not JSON";
        }
    }
}
