using System.Net;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>DELETE /api/shifts/{id}/claims/{volunteerId}.</summary>
public class ReleaseEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task A_volunteer_releasing_their_claim_gets_204()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        using var self = api.AsVolunteer(volunteer);

        var response = await self.DeleteAsync($"/api/shifts/{shift.Id}/claims/{volunteer}");

        await response.AssertStatus(HttpStatusCode.NoContent);
        Assert.Equal(3, response.ETagVersion());
        var details = await api.Details(shift.Id);
        Assert.Empty(details.Holders);
        var released = (await api.History(shift.Id)).Last();
        Assert.Equal("shift_released", released.Type());
        Assert.False(released.GetProperty("data").GetProperty("overrodeCutoff").GetBoolean());
    }

    [Fact]
    public async Task A_released_volunteer_can_claim_an_overlapping_shift()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, location: "Hall A");
        var overlapping = await scene.Shift(9, location: "Hall B");
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        using var self = api.AsVolunteer(volunteer);
        await (await self.DeleteAsync($"/api/shifts/{shift.Id}/claims/{volunteer}")).AssertStatus(HttpStatusCode.NoContent);

        var response = await self.PostAsync($"/api/shifts/{overlapping.Id}/claims", null);

        await response.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Releasing_a_volunteer_who_holds_no_seat_is_404_claim_not_found()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        await scene.Hold(shift.Id, await api.NewVolunteer());
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.DeleteAsync($"/api/shifts/{shift.Id}/claims/{Guid.CreateVersion7()}");

        await response.AssertProblem(HttpStatusCode.NotFound, "claim-not-found");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task A_volunteer_releasing_after_the_cutoff_is_409_release_cutoff_passed()
    {
        var scene = await EndpointScene.Create(api); // the default cut-off: 120 minutes
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-60));
        var events = await api.EventCount();
        using var self = api.AsVolunteer(volunteer);

        var response = await self.DeleteAsync($"/api/shifts/{shift.Id}/claims/{volunteer}");

        await response.AssertProblem(HttpStatusCode.Conflict, "release-cutoff-passed");
        Assert.Equal(events, await api.EventCount());
        Assert.Equal([volunteer], (await api.Details(shift.Id)).Holders.Select(h => h.VolunteerId));
    }

    [Fact]
    public async Task A_volunteer_releasing_exactly_at_the_cutoff_gets_204()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-120));
        using var self = api.AsVolunteer(volunteer);

        var response = await self.DeleteAsync($"/api/shifts/{shift.Id}/claims/{volunteer}");

        await response.AssertStatus(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_coordinator_releasing_after_the_cutoff_gets_204_recorded_as_overriding_the_cutoff()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-60));
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.DeleteAsync($"/api/shifts/{shift.Id}/claims/{volunteer}");

        await response.AssertStatus(HttpStatusCode.NoContent);
        Assert.Empty((await api.Details(shift.Id)).Holders);
        var released = (await api.History(shift.Id)).Last();
        Assert.Equal("shift_released", released.Type());
        Assert.Equal(volunteer, released.GetProperty("data").GetProperty("volunteerId").GetGuid());
        Assert.True(released.GetProperty("data").GetProperty("overrodeCutoff").GetBoolean());
    }

    [Fact]
    public async Task A_conference_with_a_30_minute_cutoff_lets_a_volunteer_release_60_minutes_before_the_start()
    {
        var scene = await EndpointScene.Create(api, releaseCutoffMinutes: 30);
        var shift = await scene.Shift(9);
        Assert.Equal(30, shift.ReleaseCutoffMinutes);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-60));
        using var self = api.AsVolunteer(volunteer);

        var response = await self.DeleteAsync($"/api/shifts/{shift.Id}/claims/{volunteer}");

        await response.AssertStatus(HttpStatusCode.NoContent);
        var released = (await api.History(shift.Id)).Last();
        Assert.False(released.GetProperty("data").GetProperty("overrodeCutoff").GetBoolean());
    }

    [Fact]
    public async Task A_conference_with_a_30_minute_cutoff_refuses_a_volunteer_release_20_minutes_before_the_start()
    {
        var scene = await EndpointScene.Create(api, releaseCutoffMinutes: 30);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-20));
        using var self = api.AsVolunteer(volunteer);

        var response = await self.DeleteAsync($"/api/shifts/{shift.Id}/claims/{volunteer}");

        await response.AssertProblem(HttpStatusCode.Conflict, "release-cutoff-passed");
    }

    [Fact]
    public async Task A_volunteer_releasing_someone_else_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var holder = await api.NewVolunteer();
        await scene.Hold(shift.Id, holder);
        using var other = api.AsVolunteer(await api.NewVolunteer());

        var response = await other.DeleteAsync($"/api/shifts/{shift.Id}/claims/{holder}");

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Single((await api.Details(shift.Id)).Holders);
    }

    [Fact]
    public async Task Releasing_on_an_unknown_shift_is_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.DeleteAsync($"/api/shifts/{Guid.CreateVersion7()}/claims/{Guid.CreateVersion7()}");

        await response.AssertProblem(HttpStatusCode.NotFound);
    }
}
