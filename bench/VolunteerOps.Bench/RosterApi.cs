using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Bench;

/// <summary>How one registration ended: 201, or an error label ("409 already-registered", "timeout", ...).</summary>
internal sealed record Registration(Guid VolunteerId, int Status, string Kind, double Milliseconds, DateTimeOffset AnsweredAt)
{
    public bool Created => Status == 201;
}

/// <summary>
/// The Roster's side: registering volunteers as a coordinator (POST /api/volunteers with {id, name, email}). The
/// Shifts service refuses claims by volunteers it has not heard of from the Roster (422 unknown-volunteer), so every
/// volunteer of a claim rush is registered here first.
/// </summary>
internal sealed class RosterApi : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;
    private readonly AuthenticationHeaderValue coordinator;

    public RosterApi(Uri url, string signingKey, int maxConnections = 256)
    {
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        coordinator = new AuthenticationHeaderValue("Bearer",
            DevTokens.Mint(signingKey, "bench-coordinator", [Roles.Coordinator], TimeSpan.FromHours(6)));
    }

    /// <summary>Opens <paramref name="connections"/> connections up front, so a measured phase pays no TCP handshakes.</summary>
    public async Task WarmConnections(int connections, CancellationToken ct) =>
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var response = await http.GetAsync(new Uri("/alive", UriKind.Relative), ct);
            response.EnsureSuccessStatusCode();
        }));

    public async Task<Registration> Register(Guid id, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var body = $$"""{"id":"{{id}}","name":"Bench volunteer {{id.ToString("N")[^8..]}}","email":"v{{id:N}}@bench.example.org"}""";
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/volunteers", UriKind.Relative))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = JsonType } },
            };
            request.Headers.Authorization = coordinator;
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var text = await response.Content.ReadAsByteArrayAsync(ct);
            var answeredAt = DateTimeOffset.UtcNow;
            var status = (int)response.StatusCode;
            var kind = status == 201 ? "created" : $"{status} {ProblemSlug(text) ?? "(no problem type)"}";
            return new Registration(id, status, kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, answeredAt);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Registration(id, 0, "timeout", Stopwatch.GetElapsedTime(started).TotalMilliseconds, DateTimeOffset.UtcNow);
        }
        catch (HttpRequestException e)
        {
            return new Registration(id, 0, $"transport: {e.HttpRequestError}", Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                DateTimeOffset.UtcNow);
        }
    }

    /// <summary>
    /// Registers every volunteer with <paramref name="concurrency"/> requests in flight (setup, not measured). A
    /// registration that fails is a broken precondition: this throws with the answers it got.
    /// </summary>
    public async Task RegisterAll(IReadOnlyList<Guid> ids, int concurrency, CancellationToken ct)
    {
        var results = new Registration[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) => results[i] = await Register(ids[i], token));
        var failed = results.Where(r => !r.Created).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException(
                $"{failed.Count} of {ids.Count} registrations failed: " +
                string.Join(", ", failed.GroupBy(f => f.Kind).Select(g => $"{g.Key} ×{g.Count()}")));
        }
    }

    /// <summary>
    /// PUT /api/volunteers/{id}/preferences as a coordinator: channels and reminder lead times (whole minutes). Setup,
    /// not measured; true on 200/204, otherwise the status and problem type.
    /// </summary>
    public async Task<(bool Ok, string Kind)> SetPreferences(Guid id, IReadOnlyList<string> channels, IReadOnlyList<int> leadMinutes,
        CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new { channels, reminderLeadMinutes = leadMinutes }, JsonOptions);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/volunteers/{id}/preferences", UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = JsonType } },
        };
        request.Headers.Authorization = coordinator;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var text = await response.Content.ReadAsByteArrayAsync(ct);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (true, "ok") : (false, $"{status} {ProblemSlug(text) ?? "(no problem type)"}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (false, "timeout");
        }
        catch (HttpRequestException e)
        {
            return (false, $"transport: {e.HttpRequestError}");
        }
    }

    /// <summary>Sets every volunteer's preferences (<paramref name="concurrency"/> in flight); throws with the answers if any failed.</summary>
    public async Task SetAllPreferences(IReadOnlyList<(Guid Id, IReadOnlyList<string> Channels, IReadOnlyList<int> Leads)> all, int concurrency,
        CancellationToken ct)
    {
        var results = new (bool Ok, string Kind)[all.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, all.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) => results[i] = await SetPreferences(all[i].Id, all[i].Channels, all[i].Leads, token));
        var failed = results.Where(r => !r.Ok).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException(
                $"{failed.Count} of {all.Count} preference changes failed: " +
                string.Join(", ", failed.GroupBy(f => f.Kind).Select(g => $"{g.Key} ×{g.Count()}")));
        }
    }

    private static string? ProblemSlug(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("type", out var type)
                && type.GetString() is { } uri
                ? uri[(uri.LastIndexOf('/') + 1)..]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}
