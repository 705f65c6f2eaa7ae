using System.Net;
using System.Text.Json;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>GET /api/shifts/{id}/history.</summary>
public class HistoryEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task History_lists_every_event_in_order_with_version_type_at_by_and_data()
    {
        var scene = await EndpointScene.Create(api);
        var t0 = api.Clock.GetUtcNow();
        var shift = await scene.Shift(9, capacity: 3);
        var volunteer = await api.NewVolunteer();
        var other = await api.NewVolunteer();
        using var coordinator = api.CoordinatorNamed("coordinator-history");
        using var self = api.AsVolunteer(volunteer);

        api.Clock.Advance(TimeSpan.FromMinutes(10));
        var t1 = api.Clock.GetUtcNow();
        await (await self.PostAsync($"/api/shifts/{shift.Id}/claims", null)).AssertStatus(HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromMinutes(10));
        var t2 = api.Clock.GetUtcNow();
        await (await coordinator.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.JsonContent(new { volunteerId = other }))).AssertStatus(HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromMinutes(10));
        var t3 = api.Clock.GetUtcNow();
        await (await self.DeleteAsync($"/api/shifts/{shift.Id}/claims/{volunteer}")).AssertStatus(HttpStatusCode.NoContent);
        api.Clock.Advance(TimeSpan.FromMinutes(10));
        var t4 = api.Clock.GetUtcNow();
        await (await coordinator.Patch($"/api/shifts/{shift.Id}", new { title = "Renamed", capacity = 5 })).AssertStatus(HttpStatusCode.OK);

        var response = await coordinator.GetAsync($"/api/shifts/{shift.Id}/history");

        await response.AssertStatus(HttpStatusCode.OK);
        var history = (await response.Body()).EnumerateArray().ToList();
        Assert.Equal(
            ["shift_scheduled", "shift_claimed", "shift_claimed", "shift_released", "shift_rescheduled", "shift_resized"],
            history.Select(e => e.Type()));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], history.Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal([t0, t1, t2, t3, t4, t4], history.Select(e => e.GetProperty("at").GetDateTimeOffset()));
        Assert.Equal(volunteer.ToString(), history[1].GetProperty("by").GetString());
        Assert.Equal("coordinator-history", history[2].GetProperty("by").GetString());
        Assert.Equal(volunteer.ToString(), history[3].GetProperty("by").GetString());
        Assert.Equal("coordinator-history", history[4].GetProperty("by").GetString());

        var scheduled = history[0].GetProperty("data");
        Assert.Equal(shift.Id, scheduled.GetProperty("shiftId").GetGuid());
        Assert.Equal(scene.ConferenceId, scheduled.GetProperty("conferenceId").GetGuid());
        Assert.Equal(3, scheduled.GetProperty("capacity").GetInt32());
        Assert.Equal(volunteer, history[1].GetProperty("data").GetProperty("volunteerId").GetGuid());
        Assert.Equal(other, history[2].GetProperty("data").GetProperty("volunteerId").GetGuid());
        Assert.Equal(volunteer, history[3].GetProperty("data").GetProperty("volunteerId").GetGuid());
        Assert.Equal("Renamed", history[4].GetProperty("data").GetProperty("title").GetString());
        Assert.Equal(5, history[5].GetProperty("data").GetProperty("capacity").GetInt32());
        Assert.All(history, e => Assert.Equal(JsonValueKind.Object, e.GetProperty("data").ValueKind));
    }

    [Fact]
    public async Task A_volunteer_reading_history_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        using var self = api.AsVolunteer(volunteer);

        var response = await self.GetAsync($"/api/shifts/{shift.Id}/history");

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_viewer_reading_history_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync($"/api/shifts/{shift.Id}/history");

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task History_of_an_unknown_shift_is_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts/{Guid.CreateVersion7()}/history");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task History_of_a_conference_id_is_a_404_problem()
    {
        var scene = await EndpointScene.Create(api);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts/{scene.ConferenceId}/history");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }
}
