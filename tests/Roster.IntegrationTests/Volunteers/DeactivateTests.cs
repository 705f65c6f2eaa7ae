using System.Net;

namespace Roster.IntegrationTests.Volunteers;

/// <summary>POST /api/volunteers/{id}/deactivate.</summary>
public class DeactivateTests(RosterApi api) : IClassFixture<RosterApi>
{
    [Fact]
    public async Task A_coordinator_deactivates_with_200_and_the_profile_is_inactive()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/deactivate", new { reason = "left the event" });

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.False((await response.Body()).GetProperty("active").GetBoolean());
        var profile = await api.Profile(id);
        Assert.False(profile.GetProperty("active").GetBoolean());
        Assert.Equal("left the event", profile.GetProperty("deactivationReason").GetString());
        Assert.Equal(2, await api.StreamVersion(id));
    }

    [Fact]
    public async Task Deactivating_twice_is_409_already_deactivated()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();
        await (await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/deactivate", new { reason = "left" })).AssertStatus(HttpStatusCode.OK);

        var response = await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/deactivate", new { reason = "left again" });

        await response.AssertProblem(HttpStatusCode.Conflict, "already-deactivated");
        Assert.Equal(2, await api.StreamVersion(id));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"reason":null}""")]
    [InlineData("""{"reason":""}""")]
    [InlineData("""{"reason":"   "}""")]
    public async Task A_reason_is_required_400(string json)
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/deactivate", Http.JsonContent(json));

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("reason");
        Assert.True((await api.Profile(id)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_volunteer_deactivating_themself_is_403()
    {
        var id = await api.NewVolunteer();
        using var self = api.Volunteer(id);

        var response = await self.Send(HttpMethod.Post, $"/api/volunteers/{id}/deactivate", new { reason = "bored" });

        await response.AssertProblem(HttpStatusCode.Forbidden);
        Assert.True((await api.Profile(id)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Deactivating_an_unknown_volunteer_is_404()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{Guid.CreateVersion7()}/deactivate", new { reason = "who?" });

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }
}
