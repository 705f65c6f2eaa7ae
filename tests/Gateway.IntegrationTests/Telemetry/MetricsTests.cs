using System.Net;
using VolunteerOps.Gateway.Health;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests.Telemetry;

/// <summary>
/// Each host serves its metrics at /metrics for Prometheus, without a token; the project's own meters are in it. The hosts
/// share this test process and meters are process-wide, so here any host's scrape also shows the others' measurements.
/// </summary>
public class MetricsTests(GatewaySystem system, PostgresFixture postgres) : IClassFixture<GatewaySystem>
{
    [Fact]
    public async Task A_gateway_given_a_metrics_port_answers_metrics_only_there()
    {
        await using var gateway = new ServiceFactory<ServicesHealthCheck>(postgres, new Dictionary<string, string> { ["Telemetry:MetricsPort"] = "9464" });
        using var publicPort = gateway.Anonymous();
        using var metricsPort = gateway.Anonymous();
        metricsPort.BaseAddress = new Uri("http://localhost:9464/");

        var refused = await publicPort.GetAsync("/metrics");
        var scraped = await metricsPort.GetAsync("/metrics");

        // No endpoint on the public port, so the fallback policy asks for a token: no metric leaks either way.
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("# TYPE", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claims_by_outcome_refusals_lags_deliveries_and_gateway_requests_are_scraped()
    {
        using var coordinator = system.AsCoordinator();
        var conference = await GatewaySystem.CreateConference(coordinator);
        var shift = await GatewaySystem.ScheduleShift(coordinator, conference, capacity: 1);
        var first = await system.RegisterVolunteer(coordinator);
        var second = await system.RegisterVolunteer(coordinator);
        using (var winner = system.AsVolunteer(first))
        {
            Assert.Equal(HttpStatusCode.Created, (await winner.PostAsync($"/api/shifts/{shift}/claims", null)).StatusCode);
        }

        using (var loser = system.AsVolunteer(second))
        {
            Assert.Equal(HttpStatusCode.Conflict, (await loser.PostAsync($"/api/shifts/{shift}/claims", null)).StatusCode);
        }

        await Scraped(system.ShiftsUrl, "volunteerops_claims_total{", "outcome=\"claimed\"");
        await Scraped(system.ShiftsUrl, "volunteerops_claims_total{", "outcome=\"shift-full\"");
        await Scraped(system.ShiftsUrl, "volunteerops_refusals_total{", "type=\"shift-full\"");
        await Scraped(system.ShiftsUrl, "volunteerops_publishing_lag_milliseconds_count{", "message=\"ShiftClaimedV1\"");
        await Scraped(system.ShiftsUrl, "volunteerops_daemon_behind{", "shard=\"integration-events");
        await Scraped(system.ShiftsUrl, "volunteerops_messages_consume_lag_milliseconds_count{", "consumer=\"ShiftClaimedConsumer\"");
        // The claim confirmation's email goes to a closed SMTP port here: an attempt that will be retried.
        await Scraped(system.ShiftsUrl, "volunteerops_notifications_deliveries_total{", "channel=\"email\"");
        await Scraped(system.GatewayUrl, "http_server_request_duration_seconds_count{", "http_route=\"/api/shifts/{id}/claims\"");
    }

    /// <summary>Waits until the host's scrape has a sample of the metric with that label (measurements arrive asynchronously).</summary>
    private static async Task Scraped(Uri host, string metric, string label)
    {
        using var scraper = new HttpClient { BaseAddress = host };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (text.Split('\n').Any(line => line.StartsWith(metric, StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {metric}...{label}...}} sample at {host}metrics:\n{text}");
            await Task.Delay(250);
        }
    }
}
