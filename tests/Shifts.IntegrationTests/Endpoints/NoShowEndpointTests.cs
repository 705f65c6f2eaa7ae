using System.Net;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>POST /api/shifts/{id}/no-shows: coordinators, after the start.</summary>
public class NoShowEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    private static StringContent For(Guid volunteerId) => EndpointHttp.JsonContent(new { volunteerId });

    [Fact]
    public async Task Marking_a_no_show_before_the_start_is_409_shift_not_started()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-1));
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/no-shows", For(volunteer));

        await response.AssertProblem(HttpStatusCode.Conflict, "shift-not-started");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Marking_a_no_show_after_the_start_gets_201()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(15));
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/no-shows", For(volunteer));

        await response.AssertStatus(HttpStatusCode.Created);
        var claim = await response.Body<ClaimView>();
        Assert.Equal(volunteer, claim.VolunteerId);
        Assert.Equal(shift.StartsAt.AddMinutes(15), claim.NoShowAt);
        Assert.Equal(shift.StartsAt.AddMinutes(15), (await api.Details(shift.Id)).Holders.Single().NoShowAt);
        Assert.Equal("volunteer_marked_no_show", (await api.History(shift.Id)).Last().Type());
    }

    [Fact]
    public async Task Marking_the_same_no_show_again_answers_200_without_a_new_event()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(15));
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shift.Id}/no-shows", For(volunteer))).AssertStatus(HttpStatusCode.Created);
        var events = await api.EventCount();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/no-shows", For(volunteer));

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Marking_a_checked_in_holder_as_a_no_show_is_409_already_checked_in()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(-10));
        using var self = api.AsVolunteer(volunteer);
        await (await self.PostAsync($"/api/shifts/{shift.Id}/check-ins", null)).AssertStatus(HttpStatusCode.Created);
        scene.ClockAt(shift.StartsAt.AddMinutes(15));
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/no-shows", For(volunteer));

        await response.AssertProblem(HttpStatusCode.Conflict, "already-checked-in");
        Assert.Equal(events, await api.EventCount());
        Assert.Null((await api.Details(shift.Id)).Holders.Single().NoShowAt);
    }

    [Fact]
    public async Task A_late_check_in_after_a_no_show_mark_clears_it()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        scene.ClockAt(shift.StartsAt.AddMinutes(15));
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shift.Id}/no-shows", For(volunteer))).AssertStatus(HttpStatusCode.Created);
        scene.ClockAt(shift.StartsAt.AddMinutes(20));
        using var self = api.AsVolunteer(volunteer);

        var response = await self.PostAsync($"/api/shifts/{shift.Id}/check-ins", null);

        await response.AssertStatus(HttpStatusCode.Created);
        var holder = (await api.Details(shift.Id)).Holders.Single();
        Assert.Equal(shift.StartsAt.AddMinutes(20), holder.CheckedInAt);
        Assert.Null(holder.NoShowAt);
    }

    [Fact]
    public async Task Marking_a_volunteer_who_holds_no_seat_is_409_not_a_holder()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        scene.ClockAt(shift.StartsAt.AddMinutes(15));
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/no-shows", For(await api.NewVolunteer()));

        await response.AssertProblem(HttpStatusCode.Conflict, "not-a-holder");
    }

    [Fact]
    public async Task A_volunteer_marking_a_no_show_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var holder = await api.NewVolunteer();
        await scene.Hold(shift.Id, holder);
        scene.ClockAt(shift.StartsAt.AddMinutes(15));
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.PostAsync($"/api/shifts/{shift.Id}/no-shows", For(holder));

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Null((await api.Details(shift.Id)).Holders.Single().NoShowAt);
    }

    [Fact]
    public async Task Marking_without_a_volunteer_id_is_a_400_naming_volunteerId()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/no-shows", EndpointHttp.RawJson("{}"));

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("volunteerId");
    }

    [Fact]
    public async Task Marking_on_an_unknown_shift_is_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{Guid.CreateVersion7()}/no-shows", For(await api.NewVolunteer()));

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }
}
