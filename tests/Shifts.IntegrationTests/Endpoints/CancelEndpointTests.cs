using System.Net;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>POST /api/shifts/{id}/cancel.</summary>
public class CancelEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    private static StringContent Reason(string reason = "Room flooded") => EndpointHttp.JsonContent(new { reason });

    [Fact]
    public async Task Cancelling_answers_200_and_releases_every_holder()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        Guid a = await api.NewVolunteer(), b = await api.NewVolunteer();
        await scene.Hold(shift.Id, a);
        await scene.Hold(shift.Id, b);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/cancel", Reason());

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(4, response.ETagVersion());
        var body = await response.Body<ShiftDetails>();
        Assert.Equal(ShiftStatus.Cancelled, body.Status);
        Assert.Empty(body.Holders);
        var details = await api.Details(shift.Id);
        Assert.Equal(ShiftStatus.Cancelled, details.Status);
        Assert.Empty(details.Holders);
        Assert.Equal(0, details.Filled);
        var cancelled = (await api.History(shift.Id)).Last();
        Assert.Equal("shift_cancelled", cancelled.Type());
        Assert.Equal("Room flooded", cancelled.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(new[] { a, b }.Order(), cancelled.GetProperty("data").GetProperty("releasedVolunteerIds").EnumerateArray().Select(v => v.GetGuid()).Order());
    }

    [Fact]
    public async Task A_volunteer_released_by_a_cancellation_can_claim_an_overlapping_shift_afterwards()
    {
        var scene = await EndpointScene.Create(api);
        var cancelled = await scene.Shift(9, location: "Hall A");
        var overlapping = await scene.Shift(10, location: "Hall B");
        var volunteer = await api.NewVolunteer();
        await scene.Hold(cancelled.Id, volunteer);
        using var self = api.AsVolunteer(volunteer);
        await (await self.PostAsync($"/api/shifts/{overlapping.Id}/claims", null)).AssertProblem(HttpStatusCode.Conflict, "overlapping-shift");
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{cancelled.Id}/cancel", Reason())).AssertStatus(HttpStatusCode.OK);

        var claim = await self.PostAsync($"/api/shifts/{overlapping.Id}/claims", null);

        await claim.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Claiming_a_cancelled_shift_is_409_shift_cancelled()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shift.Id}/cancel", Reason())).AssertStatus(HttpStatusCode.OK);
        var events = await api.EventCount();
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        await response.AssertProblem(HttpStatusCode.Conflict, "shift-cancelled");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Cancelling_twice_is_409_shift_cancelled()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shift.Id}/cancel", Reason())).AssertStatus(HttpStatusCode.OK);
        var events = await api.EventCount();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/cancel", Reason("Again"));

        await response.AssertProblem(HttpStatusCode.Conflict, "shift-cancelled");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Cancelling_without_a_reason_is_a_400_naming_reason()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/cancel", EndpointHttp.RawJson("{}"));

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("reason");
        Assert.Equal(ShiftStatus.Open, (await api.Details(shift.Id)).Status);
    }

    [Fact]
    public async Task Cancelling_an_unknown_shift_is_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{Guid.CreateVersion7()}/cancel", Reason());

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_volunteer_cancelling_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.PostAsync($"/api/shifts/{shift.Id}/cancel", Reason());

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(ShiftStatus.Open, (await api.Details(shift.Id)).Status);
    }
}
