using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using VolunteerOps.Shifts.Coverage;

namespace Shifts.IntegrationTests.Coverage;

/// <summary>One server-sent event of the coverage stream.</summary>
public sealed record CoverageEvent(long Id, CoverageDocument Coverage);

/// <summary>An open GET /api/coverage/stream, read event by event, each read with a real timeout.</summary>
public sealed class CoverageStreamReader : IAsyncDisposable
{
    private readonly HttpClient client;
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private CoverageStreamReader(HttpClient client, HttpResponseMessage response, StreamReader reader)
    {
        this.client = client;
        this.response = response;
        this.reader = reader;
    }

    public HttpResponseMessage Response => response;

    /// <summary>The "retry:" hint the stream opened with.</summary>
    public string? Retry { get; private set; }

    public static async Task<CoverageStreamReader> Open(ShiftsApi api, Guid conferenceId, HttpClient? client = null)
    {
        client ??= api.AsViewer();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/coverage/stream?conferenceId={conferenceId}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        return new CoverageStreamReader(client, response, reader);
    }

    /// <summary>The next "coverage" event; fails the test if none arrives within the timeout.</summary>
    public async Task<CoverageEvent> Next(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var (id, data, name) = ("", "", "");
        try
        {
            while (await reader.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (name == "coverage")
                    {
                        return new CoverageEvent(long.Parse(id, CultureInfo.InvariantCulture), JsonSerializer.Deserialize<CoverageDocument>(data, ShiftsApi.Json)!);
                    }

                    (id, data, name) = ("", "", "");
                }
                else if (line.StartsWith("retry: ", StringComparison.Ordinal))
                {
                    Retry = line[7..];
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Assert.Fail($"No coverage event arrived within {timeout.TotalSeconds:0.#} s.");
        }

        throw new InvalidOperationException("The stream ended without a coverage event.");
    }

    /// <summary>Reads events until one satisfies the condition; fails the test if none does in time.</summary>
    public async Task<CoverageEvent> NextWhere(Func<CoverageDocument, bool> condition, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var left = until - DateTimeOffset.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"No matching coverage event arrived within {timeout.TotalSeconds:0.#} s.");
            var next = await Next(left);
            if (condition(next.Coverage))
            {
                return next;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
