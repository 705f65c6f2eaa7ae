using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests;

/// <summary>One entry point: routing, health, docs, trace context, and what a client sees for unknown paths.</summary>
public class GatewayBasicsTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    [Fact]
    public async Task A_dev_token_claims_a_shift_through_the_gateway_and_reads_it_back()
    {
        using var coordinator = system.AsCoordinator();
        var conference = await GatewaySystem.CreateConference(coordinator);
        var shift = await GatewaySystem.ScheduleShift(coordinator, conference);
        var volunteer = await system.RegisterVolunteer(coordinator);
        using var client = system.AsVolunteer(volunteer);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/shifts/{shift}/claims", null)).StatusCode);
        var details = await client.GetFromJsonAsync<JsonElement>($"/api/shifts/{shift}");
        Assert.Equal(volunteer, details.GetProperty("holders")[0].GetProperty("volunteerId").GetGuid());
    }

    [Fact]
    public async Task Health_aggregates_every_service_behind_the_gateway()
    {
        using var anonymous = system.Client();
        // Right after start-up a service may still be connecting to the broker (503 until then); on a busy machine that takes a while.
        var response = await anonymous.GetAsync("/health");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); response.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            response = await anonymous.GetAsync("/health");
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var services = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "services");
        var names = services.GetProperty("data").EnumerateObject().Select(p => p.Name.Split(' ')[0]).Order();
        Assert.Equal(["notifications", "roster", "shifts"], names);
    }

    [Theory]
    [InlineData("shifts", "/api/shifts")]
    [InlineData("roster", "/api/volunteers")]
    [InlineData("notifications", "/api/notifications")]
    public async Task Each_services_openapi_document_is_served_anonymously_through_the_gateway(string service, string path)
    {
        using var anonymous = system.Client();
        var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");

        Assert.Contains(document.GetProperty("paths").EnumerateObject(), p => p.Name.StartsWith(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_docs_page_lists_every_service()
    {
        using var anonymous = system.Client();
        var page = await anonymous.GetStringAsync("/docs/");

        foreach (var service in new[] { "shifts", "roster", "notifications" })
        {
            Assert.Contains($"\"openapi/{service}.json\"", page, StringComparison.Ordinal); // relative to the site root
        }
    }

    [Fact]
    public async Task The_callers_trace_id_reaches_the_service_behind_the_gateway()
    {
        using var coordinator = system.AsCoordinator();
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/volunteers/{Guid.NewGuid()}");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{traceId[..16]}-01");

        var response = await coordinator.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // answered by the Roster service
        Assert.Equal(traceId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString());
    }

    [Theory]
    [InlineData("/nowhere", HttpStatusCode.NotFound)]
    [InlineData("/api/unknown-things", HttpStatusCode.NotFound)]
    public async Task Unknown_paths_get_problem_details(string path, HttpStatusCode expected)
    {
        using var coordinator = system.AsCoordinator();
        var response = await coordinator.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Oversized_headers_and_urls_get_problem_details()
    {
        using var coordinator = system.AsCoordinator();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/shifts");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('x', 20_000));
        var headers = await coordinator.SendAsync(request);
        var url = await coordinator.GetAsync("/api/shifts?role=" + new string('x', 5_000));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, headers.StatusCode);
        Assert.Equal("application/problem+json", headers.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, url.StatusCode);
        Assert.Equal("application/problem+json", url.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_at_the_gateway_with_413()
    {
        using var coordinator = system.AsCoordinator();
        var before = await system.StoredEvents();

        var response = await coordinator.PostAsync("/api/conferences", TestHttp.JsonContent(new { name = new string('x', 70_000) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await system.StoredEvents());
    }
}
