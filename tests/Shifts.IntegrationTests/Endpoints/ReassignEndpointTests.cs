using System.Net;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>POST /api/shifts/{id}/reassign.</summary>
public class ReassignEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    private static StringContent Reassign(Guid from, Guid to, string? reason = "Swapped at the desk") =>
        EndpointHttp.JsonContent(new { fromVolunteerId = from, toVolunteerId = to, reason });

    [Fact]
    public async Task Reassigning_answers_200_with_one_atomic_change()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 2);
        Guid from = await api.NewVolunteer(), to = await api.NewVolunteer(), stays = await api.NewVolunteer();
        await scene.Hold(shift.Id, from);
        await scene.Hold(shift.Id, stays);
        var eventsBefore = await api.History(shift.Id);
        using var coordinator = api.CoordinatorNamed("coordinator-reassign");

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(from, to));

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(4, response.ETagVersion());
        var body = await response.Body<ShiftDetails>();
        Assert.Equal(new[] { stays, to }.Order(), body.Holders.Select(h => h.VolunteerId).Order());
        var details = await api.Details(shift.Id);
        Assert.Equal(new[] { stays, to }.Order(), details.Holders.Select(h => h.VolunteerId).Order());
        Assert.Equal(4, details.Version);
        var history = await api.History(shift.Id);
        var added = Assert.Single(history.Skip(eventsBefore.Count));
        Assert.Equal("shift_reassigned", added.Type());
        Assert.Equal("coordinator-reassign", added.GetProperty("by").GetString());
        Assert.Equal(from, added.GetProperty("data").GetProperty("fromVolunteerId").GetGuid());
        Assert.Equal(to, added.GetProperty("data").GetProperty("toVolunteerId").GetGuid());
        Assert.Equal("Swapped at the desk", added.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task After_a_reassignment_the_old_holder_is_free_and_the_new_holder_is_committed()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, location: "Hall A");
        var sameTime = await scene.Shift(9, location: "Hall B");
        Guid from = await api.NewVolunteer(), to = await api.NewVolunteer();
        await scene.Hold(shift.Id, from);
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(from, to))).AssertStatus(HttpStatusCode.OK);

        using var oldHolder = api.AsVolunteer(from);
        using var newHolder = api.AsVolunteer(to);
        var oldClaims = await oldHolder.PostAsync($"/api/shifts/{sameTime.Id}/claims", null);
        var newClaims = await newHolder.PostAsync($"/api/shifts/{sameTime.Id}/claims", null);

        await oldClaims.AssertStatus(HttpStatusCode.Created);
        await newClaims.AssertProblem(HttpStatusCode.Conflict, "overlapping-shift");
    }

    [Fact]
    public async Task Reassigning_to_a_volunteer_with_an_overlapping_shift_is_409_overlapping_shift_and_changes_nothing()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, location: "Hall A");
        var elsewhere = await scene.Shift(10, location: "Hall B");
        Guid from = await api.NewVolunteer(), busy = await api.NewVolunteer();
        await scene.Hold(shift.Id, from);
        await scene.Hold(elsewhere.Id, busy);
        var before = await api.Details(shift.Id);
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(from, busy));

        var problem = await response.AssertProblem(HttpStatusCode.Conflict, "overlapping-shift");
        Assert.Equal(elsewhere.Id, problem.GetProperty("conflictingShiftId").GetGuid());
        var after = await api.Details(shift.Id);
        Assert.Equal([from], after.Holders.Select(h => h.VolunteerId));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Reassigning_to_a_volunteer_the_service_does_not_know_is_422_unknown_volunteer_and_changes_nothing()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var from = await api.NewVolunteer();
        await scene.Hold(shift.Id, from);
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(from, Guid.CreateVersion7()));

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown-volunteer");
        Assert.Equal([from], (await api.Details(shift.Id)).Holders.Select(h => h.VolunteerId));
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Reassigning_a_qualified_role_to_an_unqualified_volunteer_is_422_not_qualified()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, role: "session-chair", title: "Chair");
        var from = await api.NewVolunteer("chair-briefing");
        await scene.Hold(shift.Id, from);
        var unqualified = await api.NewVolunteer();
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(from, unqualified));

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "not-qualified");
        Assert.Equal([from], (await api.Details(shift.Id)).Holders.Select(h => h.VolunteerId));
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Reassigning_from_a_volunteer_who_holds_no_seat_is_409_not_a_holder()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        await scene.Hold(shift.Id, await api.NewVolunteer());
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(await api.NewVolunteer(), await api.NewVolunteer()));

        await response.AssertProblem(HttpStatusCode.Conflict, "not-a-holder");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Reassigning_to_a_volunteer_who_already_holds_a_seat_is_409_already_a_holder()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 2);
        Guid a = await api.NewVolunteer(), b = await api.NewVolunteer();
        await scene.Hold(shift.Id, a);
        await scene.Hold(shift.Id, b);
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(a, b));

        await response.AssertProblem(HttpStatusCode.Conflict, "already-a-holder");
        Assert.Equal(events, await api.EventCount());
        Assert.Equal(new[] { a, b }.Order(), (await api.Details(shift.Id)).Holders.Select(h => h.VolunteerId).Order());
    }

    [Fact]
    public async Task Reassigning_to_the_same_volunteer_is_a_400_naming_toVolunteerId()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var a = await api.NewVolunteer();
        await scene.Hold(shift.Id, a);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(a, a));

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("toVolunteerId");
    }

    [Fact]
    public async Task Reassigning_without_volunteer_ids_is_a_400_naming_both()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", EndpointHttp.RawJson("{}"));

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest, "validation");
        problem.AssertNamesField("fromVolunteerId");
        problem.AssertNamesField("toVolunteerId");
    }

    [Fact]
    public async Task Reassigning_on_a_cancelled_shift_is_409_shift_cancelled()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var a = await api.NewVolunteer();
        await scene.Hold(shift.Id, a);
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shift.Id}/cancel", EndpointHttp.JsonContent(new { reason = "Gone" }))).AssertStatus(HttpStatusCode.OK);

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(a, await api.NewVolunteer()));

        await response.AssertProblem(HttpStatusCode.Conflict, "shift-cancelled");
    }

    [Fact]
    public async Task A_volunteer_reassigning_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var holder = await api.NewVolunteer();
        await scene.Hold(shift.Id, holder);
        using var self = api.AsVolunteer(holder);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/reassign", Reassign(holder, await api.NewVolunteer()));

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal([holder], (await api.Details(shift.Id)).Holders.Select(h => h.VolunteerId));
    }

    [Fact]
    public async Task Reassigning_on_an_unknown_shift_is_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{Guid.CreateVersion7()}/reassign", Reassign(await api.NewVolunteer(), await api.NewVolunteer()));

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }
}
