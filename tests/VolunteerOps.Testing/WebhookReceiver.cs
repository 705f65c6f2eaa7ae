using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VolunteerOps.Testing;

/// <summary>
/// A real HTTP server on a loopback port that records every webhook POSTed to it. Each path answers as its
/// test says (e.g. 500 twice, then 200); unprogrammed paths answer 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly ConcurrentDictionary<string, Func<int, int>> answers = new();
    private readonly ConcurrentDictionary<string, int> attempts = new();

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(Receive);
    }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<WebhookReceiver> Start()
    {
        var receiver = new WebhookReceiver();
        await receiver.app.StartAsync();
        receiver.BaseUrl = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public string Url(string path) => BaseUrl + path;

    /// <summary>How the path answers its n-th request (1-based): an HTTP status.</summary>
    public void Answer(string path, Func<int, int> status) => answers[path] = status;

    public IReadOnlyList<ReceivedWebhook> To(string path) => [.. received.Where(r => r.Path == path)];

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitFor(string path, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (To(path).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{To(path).Count} of {count} webhooks to {path} arrived.");
            }

            await Task.Delay(50);
        }

        return To(path);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task Receive(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var path = http.Request.Path.Value ?? "/";
        var n = attempts.AddOrUpdate(path, 1, (_, k) => k + 1);
        var status = answers.TryGetValue(path, out var answer) ? answer(n) : StatusCodes.Status200OK;
        received.Enqueue(new ReceivedWebhook(
            path, http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, DateTimeOffset.UtcNow, status));
        http.Response.StatusCode = status;
    }
}

public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At, int AnsweredStatus);
