using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace VolunteerOps.Gateway.Health;

/// <summary>
/// The gateway is healthy when every service behind it is: each cluster's destinations are asked for their
/// own /health (database and broker included), and the answer lists every one.
/// </summary>
public sealed class ServicesHealthCheck(IProxyStateLookup proxy, IHttpClientFactory httpClients) : IHealthCheck
{
    public const string HttpClientName = "service-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var checks = proxy.GetClusters().SelectMany(c => c.Destinations.Values.Select(d => (Cluster: c.ClusterId, d.Model.Config.Address)))
            .Select(async t => (t.Cluster, t.Address, Healthy: await IsHealthy(client, t.Address, cancellationToken)));
        var results = await Task.WhenAll(checks);
        var data = results.ToDictionary(r => $"{r.Cluster} {r.Address}", r => (object)(r.Healthy ? "Healthy" : "Unhealthy"));
        return results.All(r => r.Healthy)
            ? HealthCheckResult.Healthy("Every service is healthy.", data)
            : HealthCheckResult.Unhealthy("A service is unhealthy or unreachable.", data: data);
    }

    private static async Task<bool> IsHealthy(HttpClient client, string address, CancellationToken ct)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(new Uri(address), "health"), ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
