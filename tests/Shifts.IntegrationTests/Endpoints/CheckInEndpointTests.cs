using System.Net;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>POST /api/shifts/{id}/check-ins: volunteers from 30 minutes before the start to the end; coordinators any time.</summary>
public class CheckInEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task A_volunteer_checking_in_inside_the_window_gets_201()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-10));
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/check-ins", null);

        await response.AssertStatus(HttpStatusCode.Created);
        var claim = await response.Body<ClaimView>();
        Assert.Equal(volunteer, claim.VolunteerId);
        Assert.Equal(shift.StartsAt.AddMinutes(-10), claim.CheckedInAt);
        Assert.Equal(shift.StartsAt.AddMinutes(-10), (await api.Details(shift.Id)).Holders.Single().CheckedInAt);
        var checkedIn = (await api.History(shift.Id)).Last();
        Assert.Equal("volunteer_checked_in", checkedIn.Type());
        Assert.False(checkedIn.GetProperty("data").GetProperty("overrodeWindow").GetBoolean());
    }

    [Fact]
    public async Task A_volunteer_checking_in_exactly_30_minutes_before_the_start_gets_201()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-30));
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/check-ins", EndpointHttp.JsonContent(new { volunteerId = volunteer }));

        await response.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_volunteer_checking_in_before_the_window_is_409_check_in_closed()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-31));
        var events = await api.EventCount();
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/check-ins", null);

        await response.AssertProblem(HttpStatusCode.Conflict, "check-in-closed");
        Assert.Equal(events, await api.EventCount());
        Assert.Null((await api.Details(shift.Id)).Holders.Single().CheckedInAt);
    }

    [Fact]
    public async Task A_volunteer_checking_in_after_the_end_is_409_check_in_closed()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.EndsAt.AddMinutes(1));
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/check-ins", null);

        await response.AssertProblem(HttpStatusCode.Conflict, "check-in-closed");
    }

    [Fact]
    public async Task Checking_in_again_answers_200_with_the_first_check_in_and_no_new_event()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-10));
        using var self = api.AsVolunteer(volunteer);
        await (await self.PostAsync($"/api/shifts/{shift.Id}/check-ins", null)).AssertStatus(HttpStatusCode.Created);
        var events = await api.EventCount();
        scene.ClockAt(shift.StartsAt.AddMinutes(5));

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/check-ins", null);

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(shift.StartsAt.AddMinutes(-10), (await response.Body<ClaimView>()).CheckedInAt);
        Assert.Equal(3, response.ETagVersion());
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task A_coordinator_checking_someone_in_outside_the_window_gets_201_recorded_as_overriding_it()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddHours(-5));
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/check-ins", EndpointHttp.JsonContent(new { volunteerId = volunteer }));

        await response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(shift.StartsAt.AddHours(-5), (await api.Details(shift.Id)).Holders.Single().CheckedInAt);
        var checkedIn = (await api.History(shift.Id)).Last();
        Assert.Equal("volunteer_checked_in", checkedIn.Type());
        Assert.True(checkedIn.GetProperty("data").GetProperty("overrodeWindow").GetBoolean());
    }

    [Fact]
    public async Task Checking_in_a_volunteer_who_holds_no_seat_is_409_not_a_holder()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        scene.ClockAt(shift.StartsAt.AddMinutes(-10));
        using var stranger = api.AsVolunteer(await api.NewVolunteer());

        var response = await stranger.PostAsync($"/api/shifts/{shift.Id}/check-ins", null);

        await response.AssertProblem(HttpStatusCode.Conflict, "not-a-holder");
    }

    [Fact]
    public async Task A_volunteer_checking_in_someone_else_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var holder = await api.NewVolunteer();
        await scene.Hold(shift.Id, holder);
        scene.ClockAt(shift.StartsAt.AddMinutes(-10));
        using var other = api.AsVolunteer(await api.NewVolunteer());

        var response = await other.PostAsync($"/api/shifts/{shift.Id}/check-ins", EndpointHttp.JsonContent(new { volunteerId = holder }));

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Null((await api.Details(shift.Id)).Holders.Single().CheckedInAt);
    }

    [Fact]
    public async Task A_coordinator_checking_in_without_a_volunteer_id_is_a_400_naming_volunteerId()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/check-ins", EndpointHttp.RawJson("{}"));

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("volunteerId");
    }

    [Fact]
    public async Task Checking_in_on_an_unknown_shift_is_a_404_problem()
    {
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.PostAsync($"/api/shifts/{Guid.CreateVersion7()}/check-ins", null);

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }
}
