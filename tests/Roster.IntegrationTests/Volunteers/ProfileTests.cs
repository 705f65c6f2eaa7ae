using System.Net;

namespace Roster.IntegrationTests.Volunteers;

/// <summary>GET /api/volunteers/{id} and GET /api/volunteers/me.</summary>
public class ProfileTests(RosterApi api) : IClassFixture<RosterApi>
{
    [Fact]
    public async Task A_volunteer_reads_their_own_profile_by_id()
    {
        var id = await api.NewVolunteer("Self Reader");
        using var self = api.Volunteer(id);

        var response = await self.GetAsync($"/api/volunteers/{id}");

        await response.AssertStatus(HttpStatusCode.OK);
        var body = await response.Body();
        Assert.Equal(id, body.GetProperty("id").GetGuid());
        Assert.Equal("Self Reader", body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_coordinator_reads_anyones_profile()
    {
        var id = await api.NewVolunteer("Read By Coordinator");
        using var coordinator = api.Coordinator();

        var response = await coordinator.GetAsync($"/api/volunteers/{id}");

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("Read By Coordinator", (await response.Body()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Another_volunteer_is_403()
    {
        var id = await api.NewVolunteer();
        using var other = api.Volunteer(await api.NewVolunteer());

        var response = await other.GetAsync($"/api/volunteers/{id}");

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_viewer_is_403()
    {
        var id = await api.NewVolunteer();
        using var viewer = api.Viewer();

        var response = await viewer.GetAsync($"/api/volunteers/{id}");

        await response.AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_is_401()
    {
        var id = await api.NewVolunteer();
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync($"/api/volunteers/{id}");

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_id_is_404()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.GetAsync($"/api/volunteers/{Guid.CreateVersion7()}");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_id_that_is_not_a_guid_is_400_not_5xx()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.GetAsync("/api/volunteers/not-a-guid");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Me_is_the_callers_own_profile()
    {
        var id = await api.NewVolunteer("Me Myself");
        using var self = api.Volunteer(id);

        var response = await self.GetAsync("/api/volunteers/me");

        await response.AssertStatus(HttpStatusCode.OK);
        var body = await response.Body();
        Assert.Equal(id, body.GetProperty("id").GetGuid());
        Assert.Equal("Me Myself", body.GetProperty("name").GetString());
        Assert.Equal(1, response.ETagVersion());
    }

    [Fact]
    public async Task Me_for_a_volunteer_not_yet_registered_is_404()
    {
        using var self = api.Volunteer(Guid.CreateVersion7());

        var response = await self.GetAsync("/api/volunteers/me");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_ETag_is_the_stream_version_and_equals_the_version_in_the_body()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var first = await coordinator.GetAsync($"/api/volunteers/{id}");
        await first.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("\"1\"", first.Headers.ETag?.Tag);
        Assert.Equal(1, (await first.Body()).GetProperty("version").GetInt64());

        await (await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/qualifications", new { qualification = "first-aid" })).AssertStatus(HttpStatusCode.OK);
        await (await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", new { channels = new[] { "email" } })).AssertStatus(HttpStatusCode.OK);

        var third = await coordinator.GetAsync($"/api/volunteers/{id}");
        await third.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(3, await api.StreamVersion(id));
        Assert.Equal(3, third.ETagVersion());
        Assert.Equal(3, (await third.Body()).GetProperty("version").GetInt64());
    }
}
