using System.Text;
using System.Text.Json;
using VolunteerOps.ServiceDefaults.Json;

namespace VolunteerOps.Testing;

/// <summary>Requests as clients send them: the services' JSON conventions, optional If-Match and Idempotency-Key.</summary>
public static class TestHttp
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>A JSON body; a string is sent as it is (for malformed JSON).</summary>
    public static StringContent JsonContent(object body) =>
        new(body as string ?? JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string path, object? body = null,
        string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        return options;
    }
}
