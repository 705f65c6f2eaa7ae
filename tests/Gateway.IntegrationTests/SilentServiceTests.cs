using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using VolunteerOps.Gateway.Health;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests;

/// <summary>A service that accepts the connection and never answers: after the gateway's request timeout the client gets 503, not 504.</summary>
public sealed class SilentServiceTests(PostgresFixture postgres) : IAsyncDisposable
{
    private readonly TcpListener silent = StartSilentListener();

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_gets_503_problem_details_with_retry_after()
    {
        var address = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/";
        await using var gateway = new ServiceFactory<ServicesHealthCheck>(postgres, new Dictionary<string, string>
        {
            ["Gateway:RequestTimeout"] = "00:00:01",
            ["ReverseProxy:Clusters:shifts:Destinations:primary:Address"] = address,
            ["ReverseProxy:Clusters:roster:Destinations:primary:Address"] = address,
            ["ReverseProxy:Clusters:notifications:Destinations:primary:Address"] = address,
        });
        using var client = gateway.AsCoordinator();

        var response = await client.GetAsync("/api/shifts?limit=1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://volunteerops.dev/problems/service-unavailable", problem.GetProperty("type").GetString());
    }

    public ValueTask DisposeAsync()
    {
        silent.Stop();
        silent.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Accepts connections (the kernel completes the handshake) and never reads or writes.</summary>
    private static TcpListener StartSilentListener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }
}
