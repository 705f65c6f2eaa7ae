using System.Net;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>00000000-0000-0000-0000-000000000000 is a well-formed GUID that names nothing: 404 everywhere, never 5xx.</summary>
public class NilGuidEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    private static readonly Guid Nil = Guid.Empty;

    public static TheoryData<string, string, string?> Writes() => new()
    {
        { "PATCH", $"/api/shifts/{Nil}", """{"title":"Nobody"}""" },
        { "POST", $"/api/shifts/{Nil}/cancel", """{"reason":"Nobody"}""" },
        { "POST", $"/api/shifts/{Nil}/claims", null },
        { "DELETE", $"/api/shifts/{Nil}/claims/@V", null },
        { "POST", $"/api/shifts/{Nil}/reassign", """{"fromVolunteerId":"@V","toVolunteerId":"@W"}""" },
        { "POST", $"/api/shifts/{Nil}/check-ins", null },
        { "POST", $"/api/shifts/{Nil}/no-shows", """{"volunteerId":"@V"}""" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_to_the_nil_guid_shift_is_a_404_problem(string method, string path, string? body)
    {
        var volunteer = await api.NewVolunteer();
        var other = await api.NewVolunteer();
        string Fill(string text) => text.Replace("@V", volunteer.ToString(), StringComparison.Ordinal).Replace("@W", other.ToString(), StringComparison.Ordinal);
        // A volunteer acting for themself where the endpoint allows it, else a coordinator.
        using var client = method == "DELETE" || path.EndsWith("/claims", StringComparison.Ordinal) || path.EndsWith("/check-ins", StringComparison.Ordinal)
            ? api.AsVolunteer(volunteer)
            : api.AsCoordinator();
        var events = await api.EventCount();

        var response = await client.Send(new HttpMethod(method), Fill(path), body is null ? null : EndpointHttp.RawJson(Fill(body)));

        await response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(events, await api.EventCount());
    }

    [Theory]
    [InlineData("/api/shifts/00000000-0000-0000-0000-000000000000")]
    [InlineData("/api/shifts/00000000-0000-0000-0000-000000000000/history")]
    [InlineData("/api/shifts/00000000-0000-0000-0000-000000000000/holders")]
    [InlineData("/api/conferences/00000000-0000-0000-0000-000000000000")]
    public async Task A_read_of_the_nil_guid_is_a_404_problem(string path)
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync(path);

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Scheduling_in_the_nil_guid_conference_is_422_unknown_conference()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Send(HttpMethod.Post, "/api/shifts", new
        {
            conferenceId = Nil,
            role = "registration-desk",
            title = "Nowhere",
            location = "Hall",
            startsAt = "2027-05-14T09:00:00Z",
            endsAt = "2027-05-14T10:00:00Z",
            capacity = 1,
        });

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown-conference");
    }

    [Fact]
    public async Task Releasing_the_nil_guid_volunteer_is_404_claim_not_found()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.DeleteAsync($"/api/shifts/{shift.Id}/claims/{Nil}");

        await response.AssertProblem(HttpStatusCode.NotFound, "claim-not-found");
    }
}
