using System.Net;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>/health, /alive and the OpenAPI document: anonymous.</summary>
public class HostEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Health_endpoints_answer_200_to_anonymous_callers(string path)
    {
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync(path);

        await response.AssertStatus(HttpStatusCode.OK);
        var health = await response.Body();
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.All(health.GetProperty("checks").EnumerateArray(), c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_openapi_document_answers_200_to_anonymous_callers_and_lists_the_shift_endpoints()
    {
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync("/openapi/v1.json");

        await response.AssertStatus(HttpStatusCode.OK);
        var paths = (await response.Body()).GetProperty("paths");
        foreach (var path in new[]
                 {
                     "/api/conferences", "/api/conferences/{id}", "/api/shifts", "/api/shifts/{id}", "/api/shifts/{id}/cancel",
                     "/api/shifts/{id}/claims", "/api/shifts/{id}/claims/{volunteerId}", "/api/shifts/{id}/reassign",
                     "/api/shifts/{id}/check-ins", "/api/shifts/{id}/no-shows", "/api/shifts/{id}/history", "/api/shifts/{id}/holders",
                 })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"the OpenAPI document lists {path}");
        }
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync("/api/nothing-here");

        await response.AssertProblem(HttpStatusCode.NotFound);
    }
}
