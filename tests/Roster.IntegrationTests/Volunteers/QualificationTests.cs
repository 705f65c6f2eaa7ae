using System.Net;

namespace Roster.IntegrationTests.Volunteers;

/// <summary>POST /api/volunteers/{id}/qualifications and DELETE /api/volunteers/{id}/qualifications/{qualification}.</summary>
public class QualificationTests(RosterApi api) : IClassFixture<RosterApi>
{
    [Fact]
    public async Task A_coordinator_grants_a_qualification_and_the_profile_lists_it()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/qualifications", new { qualification = "chair-briefing" });

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["chair-briefing"], (await response.Body()).GetProperty("qualifications").Strings());
        Assert.Equal(["chair-briefing"], (await api.Profile(id)).GetProperty("qualifications").Strings());
        Assert.Equal(2, await api.StreamVersion(id));
    }

    [Fact]
    public async Task Granting_the_same_qualification_twice_adds_no_event_and_keeps_the_version()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();
        var first = await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/qualifications", new { qualification = "first-aid" });
        await first.AssertStatus(HttpStatusCode.OK);

        var second = await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/qualifications", new { qualification = "first-aid" });

        await second.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(first.ETagVersion(), second.ETagVersion());
        Assert.Equal(2, await api.StreamVersion(id));
        var profile = await api.Profile(id);
        Assert.Equal(2, profile.GetProperty("version").GetInt64());
        Assert.Equal(["first-aid"], profile.GetProperty("qualifications").Strings());
    }

    [Fact]
    public async Task A_coordinator_revokes_a_qualification_with_204()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();
        await (await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/qualifications", new { qualification = "chair-briefing" })).AssertStatus(HttpStatusCode.OK);

        var response = await coordinator.DeleteAsync($"/api/volunteers/{id}/qualifications/chair-briefing");

        await response.AssertStatus(HttpStatusCode.NoContent);
        Assert.Empty((await api.Profile(id)).GetProperty("qualifications").EnumerateArray());
        Assert.Equal(3, await api.StreamVersion(id));
    }

    [Fact]
    public async Task Revoking_a_qualification_the_volunteer_lacks_is_404_qualification_not_found()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.DeleteAsync($"/api/volunteers/{id}/qualifications/chair-briefing");

        await response.AssertProblem(HttpStatusCode.NotFound, "qualification-not-found");
        Assert.Equal(1, await api.StreamVersion(id));
    }

    [Fact]
    public async Task A_volunteer_granting_a_qualification_is_403()
    {
        var id = await api.NewVolunteer();
        using var self = api.Volunteer(id);

        var response = await self.Send(HttpMethod.Post, $"/api/volunteers/{id}/qualifications", new { qualification = "chair-briefing" });

        await response.AssertProblem(HttpStatusCode.Forbidden);
        Assert.Empty((await api.Profile(id)).GetProperty("qualifications").EnumerateArray());
    }

    [Fact]
    public async Task A_volunteer_revoking_a_qualification_is_403()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();
        await (await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/qualifications", new { qualification = "first-aid" })).AssertStatus(HttpStatusCode.OK);
        using var self = api.Volunteer(id);

        var response = await self.DeleteAsync($"/api/volunteers/{id}/qualifications/first-aid");

        await response.AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(["first-aid"], (await api.Profile(id)).GetProperty("qualifications").Strings());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"qualification":""}""")]
    [InlineData("""{"qualification":"   "}""")]
    public async Task A_missing_qualification_is_400_naming_the_field(string json)
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/qualifications", Http.JsonContent(json));

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("qualification");
    }

    [Fact]
    public async Task Granting_to_an_unknown_volunteer_is_404()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{Guid.CreateVersion7()}/qualifications", new { qualification = "first-aid" });

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }
}
