using System.Net;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>POST /api/shifts/{id}/claims.</summary>
public class ClaimEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task A_volunteer_claiming_for_themself_gets_201_with_a_location()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        await response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal($"/api/shifts/{shift.Id}/claims/{volunteer}", response.Headers.Location?.OriginalString);
        Assert.Equal(2, response.ETagVersion());
        var claim = await response.Body<ClaimView>();
        Assert.Equal(shift.Id, claim.ShiftId);
        Assert.Equal(volunteer, claim.VolunteerId);
        Assert.Equal(api.Clock.GetUtcNow(), claim.ClaimedAt);
        Assert.Equal([volunteer], (await api.Details(shift.Id)).Holders.Select(h => h.VolunteerId));
    }

    [Fact]
    public async Task A_volunteer_naming_themself_in_the_body_gets_201()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.JsonContent(new { volunteerId = volunteer }));

        await response.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_coordinator_claiming_for_a_volunteer_gets_201()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        using var coordinator = api.CoordinatorNamed("coordinator-claims");

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.JsonContent(new { volunteerId = volunteer }));

        await response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal($"/api/shifts/{shift.Id}/claims/{volunteer}", response.Headers.Location?.OriginalString);
        Assert.Equal(volunteer, (await response.Body<ClaimView>()).VolunteerId);
        var claimed = (await api.History(shift.Id)).Last();
        Assert.Equal("shift_claimed", claimed.Type());
        Assert.Equal("coordinator-claims", claimed.GetProperty("by").GetString());
        Assert.False(claimed.GetProperty("data").GetProperty("overrodeSignupClosed").GetBoolean());
    }

    [Fact]
    public async Task A_volunteer_claiming_for_someone_else_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());
        var events = await api.EventCount();

        var response = await volunteer.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.JsonContent(new { volunteerId = await api.NewVolunteer() }));

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(events, await api.EventCount());
        Assert.Empty((await api.Details(shift.Id)).Holders);
    }

    [Fact]
    public async Task A_coordinator_claiming_without_a_volunteer_id_is_a_400_naming_volunteerId()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.RawJson("{}"));

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("volunteerId");
        Assert.Empty((await api.Details(shift.Id)).Holders);
    }

    [Fact]
    public async Task A_coordinator_claiming_with_no_body_is_a_400_naming_volunteerId()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("volunteerId");
    }

    [Fact]
    public async Task Claiming_for_a_volunteer_the_service_does_not_know_is_422_unknown_volunteer()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.JsonContent(new { volunteerId = Guid.CreateVersion7() }));

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown-volunteer");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task An_unknown_volunteer_claiming_for_themself_is_422_unknown_volunteer()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var self = api.AsVolunteer(Guid.CreateVersion7());

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown-volunteer");
        Assert.Empty((await api.Details(shift.Id)).Holders);
    }

    [Fact]
    public async Task Claiming_for_a_deactivated_volunteer_is_422_unknown_volunteer()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var deactivated = Guid.CreateVersion7();
        await api.RegisterVolunteer(deactivated, active: false);
        using var self = api.AsVolunteer(deactivated);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown-volunteer");
        Assert.Empty((await api.Details(shift.Id)).Holders);
    }

    [Fact]
    public async Task A_coordinator_claiming_for_the_nil_guid_is_422_unknown_volunteer()
    {
        // 00000000-0000-0000-0000-000000000000 names no volunteer.
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.JsonContent(new { volunteerId = Guid.Empty }));

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown-volunteer");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Claiming_a_role_that_needs_a_qualification_the_volunteer_lacks_is_422_not_qualified()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, role: "session-chair", title: "Chair");
        var volunteer = await api.NewVolunteer("first-aid");
        var events = await api.EventCount();
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        var problem = await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "not-qualified");
        Assert.Equal("chair-briefing", problem.GetProperty("requiredQualification").GetString());
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Claiming_a_role_with_its_required_qualification_is_201()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, role: "session-chair", title: "Chair");
        var volunteer = await api.NewVolunteer("chair-briefing");
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        await response.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_viewer_claiming_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var viewer = api.AsViewer();

        var response = await viewer.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.JsonContent(new { volunteerId = await api.NewVolunteer() }));

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task After_the_start_a_volunteer_claiming_is_409_signup_closed()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        scene.ClockAt(shift.StartsAt.AddMinutes(5));
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());
        var events = await api.EventCount();

        var response = await volunteer.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        await response.AssertProblem(HttpStatusCode.Conflict, "signup-closed");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Exactly_at_the_start_a_volunteer_claiming_is_409_signup_closed()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        scene.ClockAt(shift.StartsAt);
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        await response.AssertProblem(HttpStatusCode.Conflict, "signup-closed");
    }

    [Fact]
    public async Task After_the_start_a_coordinator_claim_is_201_and_recorded_as_overriding_signup_closed()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        scene.ClockAt(shift.StartsAt.AddMinutes(5));
        var volunteer = await api.NewVolunteer();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.JsonContent(new { volunteerId = volunteer }));

        await response.AssertStatus(HttpStatusCode.Created);
        var claimed = (await api.History(shift.Id)).Last();
        Assert.Equal("shift_claimed", claimed.Type());
        Assert.Equal(volunteer, claimed.GetProperty("data").GetProperty("volunteerId").GetGuid());
        Assert.True(claimed.GetProperty("data").GetProperty("overrodeSignupClosed").GetBoolean());
    }

    [Fact]
    public async Task Claiming_a_full_shift_is_409_shift_full()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 1);
        await scene.Hold(shift.Id, await api.NewVolunteer());
        var events = await api.EventCount();
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        await response.AssertProblem(HttpStatusCode.Conflict, "shift-full");
        Assert.Equal(events, await api.EventCount());
        Assert.Single((await api.Details(shift.Id)).Holders);
    }

    [Fact]
    public async Task A_coordinator_claiming_a_full_shift_is_409_shift_full_too()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 1);
        await scene.Hold(shift.Id, await api.NewVolunteer());
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/claims", EndpointHttp.JsonContent(new { volunteerId = await api.NewVolunteer() }));

        await response.AssertProblem(HttpStatusCode.Conflict, "shift-full");
    }

    [Fact]
    public async Task Claiming_a_shift_overlapping_one_already_held_is_409_overlapping_shift()
    {
        var scene = await EndpointScene.Create(api);
        var held = await scene.Shift(9, location: "Hall A");
        var overlapping = await scene.Shift(10.5, location: "Hall B");
        var volunteer = await api.NewVolunteer();
        await scene.Hold(held.Id, volunteer);
        var events = await api.EventCount();
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{overlapping.Id}/claims", null);

        var problem = await response.AssertProblem(HttpStatusCode.Conflict, "overlapping-shift");
        Assert.Equal(held.Id, problem.GetProperty("conflictingShiftId").GetGuid());
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Claiming_a_shift_that_starts_when_the_held_one_ends_is_allowed()
    {
        var scene = await EndpointScene.Create(api);
        var held = await scene.Shift(9, location: "Hall A");
        var adjacent = await scene.Shift(11, location: "Hall B");
        var volunteer = await api.NewVolunteer();
        await scene.Hold(held.Id, volunteer);
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{adjacent.Id}/claims", null);

        await response.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Claiming_an_unknown_shift_is_a_404_problem()
    {
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.PostAsync($"/api/shifts/{Guid.CreateVersion7()}/claims", null);

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Claiming_with_a_conference_id_as_the_shift_is_a_404_problem()
    {
        var scene = await EndpointScene.Create(api);
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());
        var events = await api.EventCount();

        var response = await volunteer.PostAsync($"/api/shifts/{scene.ConferenceId}/claims", null);

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task An_anonymous_claim_gets_a_401_problem()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var anonymous = api.Anonymous();

        var response = await anonymous.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
