using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace VolunteerOps.Bench;

/// <summary>One claim: a volunteer, with their own token, asking for one seat.</summary>
internal sealed record ClaimAttempt(Guid ShiftId, Guid VolunteerId, string Token);

/// <summary>
/// A volunteer in the rush. Most send one claim; a "pair" volunteer sends two claims for two overlapping shifts at
/// the same instant, which is what exercises the no-double-booking guarantee.
/// </summary>
internal sealed record RushClient(Guid VolunteerId, IReadOnlyList<ClaimAttempt> Claims);

/// <summary>How one claim ended: "won" (201), a refusal slug (409 shift-full / overlapping-shift), or an error label.</summary>
internal sealed record ClaimOutcome(ClaimAttempt Attempt, int Status, string Kind, double Milliseconds)
{
    public const string Won = "won";
    public const string ShiftFull = "shift-full";
    public const string Overlapping = "overlapping-shift";

    public bool IsError => Kind is not (Won or ShiftFull or Overlapping);
}

internal sealed record RushResult(IReadOnlyList<ClaimOutcome> Outcomes, TimeSpan Elapsed);

/// <summary>
/// Fires every prepared claim through exactly <c>concurrency</c> slots. Everything is made before the gate opens
/// (tokens, bodies, warmed connections), so the clock measures only the rush.
/// </summary>
internal static class ClaimRush
{
    private static readonly byte[] EmptyClaimBody = "{}"u8.ToArray();
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public static HttpClient CreateClient(Uri url, int concurrency, int? maxConnections = null) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections ?? concurrency,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = url,
            // A claim that takes this long is reported as a timeout, never retried.
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Opens all <paramref name="concurrency"/> connections up front: the rush must not pay for TCP handshakes.</summary>
    public static async Task WarmConnections(HttpClient http, int concurrency, CancellationToken ct)
    {
        var tasks = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            using var response = await http.GetAsync(new Uri("/alive", UriKind.Relative), ct);
            response.EnsureSuccessStatusCode();
        });
        await Task.WhenAll(tasks);
    }

    public static async Task<RushResult> Run(HttpClient http, IReadOnlyList<RushClient> clients, int concurrency, CancellationToken ct)
    {
        var total = clients.Sum(c => c.Claims.Count);
        var outcomes = new ClaimOutcome[total];
        var inFlight = new List<Task>(total);
        using var slots = new SemaphoreSlim(concurrency, concurrency);

        // The gate: nothing has been sent yet; from here the first `concurrency` claims leave together and every
        // completed claim lets the next one go, so exactly `concurrency` are in flight until the queue drains.
        var clock = Stopwatch.StartNew();
        var next = 0;
        foreach (var client in clients)
        {
            // A pair volunteer's two claims take their slots first, then leave at the same instant.
            for (var i = 0; i < client.Claims.Count; i++)
            {
                await slots.WaitAsync(ct);
            }

            foreach (var attempt in client.Claims)
            {
                var index = next++;
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        outcomes[index] = await Send(http, attempt, ct);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, ct));
            }
        }

        await Task.WhenAll(inFlight);
        clock.Stop();
        return new RushResult(outcomes, clock.Elapsed);
    }

    internal static async Task<ClaimOutcome> Send(HttpClient http, ClaimAttempt attempt, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/shifts/{attempt.ShiftId}/claims", UriKind.Relative))
            {
                Content = new ByteArrayContent(EmptyClaimBody) { Headers = { ContentType = JsonType } },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", attempt.Token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = (int)response.StatusCode;
            return new ClaimOutcome(attempt, status, Classify(status, body), ms);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ClaimOutcome(attempt, 0, "timeout", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (HttpRequestException e)
        {
            return new ClaimOutcome(attempt, 0, $"transport: {e.HttpRequestError}", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>201 wins; a 409 whose problem type is shift-full or overlapping-shift is a definitive refusal; anything else is an error.</summary>
    private static string Classify(int status, byte[] body)
    {
        if (status == 201)
        {
            return ClaimOutcome.Won;
        }

        var slug = ProblemSlug(body);
        if (status == 409 && slug is ClaimOutcome.ShiftFull or ClaimOutcome.Overlapping)
        {
            return slug;
        }

        return status == 200 ? "200 repeated-claim" : $"{status} {slug ?? "(no problem type)"}";
    }

    private static string? ProblemSlug(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("type", out var type)
                && type.GetString() is { } uri)
            {
                return uri[(uri.LastIndexOf('/') + 1)..];
            }
        }
        catch (JsonException)
        {
            // Not a problem document: the status alone names it.
        }

        return null;
    }
}
