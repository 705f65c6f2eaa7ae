using System.Net;

namespace Roster.IntegrationTests.Volunteers;

/// <summary>The nil GUID is something a client can send: it never answers 5xx, and never registers anyone.</summary>
public class NilGuidTests(RosterApi api) : IClassFixture<RosterApi>
{
    [Fact]
    public async Task Registering_under_the_nil_id_is_refused_with_a_4xx_problem()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { id = Guid.Empty, name = "Nobody", email = RosterApi.UniqueEmail() });

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"Expected a 4xx, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await response.AssertProblem(response.StatusCode);
        Assert.Equal(0, await api.StreamVersion(Guid.Empty));
    }

    [Theory]
    [InlineData("GET", "/api/volunteers/00000000-0000-0000-0000-000000000000")]
    [InlineData("PUT", "/api/volunteers/00000000-0000-0000-0000-000000000000/preferences")]
    [InlineData("POST", "/api/volunteers/00000000-0000-0000-0000-000000000000/qualifications")]
    [InlineData("DELETE", "/api/volunteers/00000000-0000-0000-0000-000000000000/qualifications/first-aid")]
    [InlineData("POST", "/api/volunteers/00000000-0000-0000-0000-000000000000/deactivate")]
    [InlineData("GET", "/api/volunteers/00000000-0000-0000-0000-000000000000/schedule.ics?key=x")]
    public async Task The_nil_volunteer_is_404(string method, string path)
    {
        using var coordinator = api.Coordinator();
        object? body = method switch
        {
            "PUT" => new { channels = new[] { "email" } },
            "POST" when path.EndsWith("qualifications", StringComparison.Ordinal) => new { qualification = "first-aid" },
            "POST" => new { reason = "test" },
            _ => null,
        };

        var response = await coordinator.Send(new HttpMethod(method), path, body);

        await response.AssertProblem(HttpStatusCode.NotFound);
    }
}
