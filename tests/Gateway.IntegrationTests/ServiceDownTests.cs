using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests;

/// <summary>A service behind the gateway dies: its routes answer 503 with Retry-After, the others carry on, /health says which.</summary>
public sealed class ServiceDownTests(PostgresFixture postgres, RabbitMqFixture rabbit) : IAsyncLifetime
{
    private readonly GatewaySystem system = new(postgres, rabbit);

    public ValueTask InitializeAsync() => system.InitializeAsync();

    public ValueTask DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task Routes_to_a_stopped_service_answer_503_problem_details_with_retry_after()
    {
        using var coordinator = system.AsCoordinator();
        await system.Roster.DisposeAsync();

        var down = await coordinator.GetAsync($"/api/volunteers/{Guid.NewGuid()}");
        var stillUp = await coordinator.GetAsync("/api/shifts?limit=1");
        var health = await system.Client().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(down.Headers.RetryAfter);
        var problem = await down.Content.ReadAsStringAsync();
        Assert.Contains("service-unavailable", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillUp.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var roster = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "services").GetProperty("data").EnumerateObject()
            .Single(p => p.Name.StartsWith("roster", StringComparison.Ordinal));
        Assert.Equal("Unhealthy", roster.Value.GetString());
    }
}
