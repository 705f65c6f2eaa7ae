using System.Net;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.GettingHoldersAsOf;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>GET /api/shifts/{id}/holders?asOf=: who held seats at a moment, replayed from the events.</summary>
public class HoldersAsOfEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    private async Task<HoldersAsOf> HoldersAt(Guid shiftId, DateTimeOffset? asOf)
    {
        using var coordinator = api.AsCoordinator();
        var query = asOf is { } at ? $"?asOf={EndpointHttp.Iso(at)}" : "";
        var response = await coordinator.GetAsync($"/api/shifts/{shiftId}/holders{query}");
        await response.AssertStatus(HttpStatusCode.OK);
        return await response.Body<HoldersAsOf>();
    }

    [Fact]
    public async Task Holders_as_of_a_moment_replay_a_claim_and_a_later_reassignment()
    {
        var scene = await EndpointScene.Create(api);
        var scheduledAt = api.Clock.GetUtcNow();
        var shift = await scene.Shift(9);
        Guid first = await api.NewVolunteer(), second = await api.NewVolunteer();

        api.Clock.Advance(TimeSpan.FromHours(1));
        var t1 = api.Clock.GetUtcNow();
        await scene.Hold(shift.Id, first);
        api.Clock.Advance(TimeSpan.FromHours(1));
        var t2 = api.Clock.GetUtcNow();
        using var coordinator = api.AsCoordinator();
        var reassigned = await coordinator.PostAsync($"/api/shifts/{shift.Id}/reassign",
            EndpointHttp.JsonContent(new { fromVolunteerId = first, toVolunteerId = second }));
        await reassigned.AssertStatus(HttpStatusCode.OK);

        var before = await HoldersAt(shift.Id, scheduledAt.AddMinutes(-1));
        var scheduledOnly = await HoldersAt(shift.Id, t1.AddMinutes(-1));
        var between = await HoldersAt(shift.Id, t1.AddMinutes(30));
        var after = await HoldersAt(shift.Id, t2.AddMinutes(1));

        Assert.False(before.Existed);
        Assert.Empty(before.Holders);
        Assert.True(scheduledOnly.Existed);
        Assert.Empty(scheduledOnly.Holders);
        Assert.True(between.Existed);
        var firstHolder = Assert.Single(between.Holders);
        Assert.Equal(first, firstHolder.VolunteerId);
        Assert.Equal(t1, firstHolder.ClaimedAt);
        var secondHolder = Assert.Single(after.Holders);
        Assert.Equal(second, secondHolder.VolunteerId);
        Assert.Equal(t2, secondHolder.ClaimedAt);
        Assert.Equal(shift.Id, after.ShiftId);
        Assert.Equal(t2.AddMinutes(1), after.AsOf);
    }

    [Fact]
    public async Task Holders_at_exactly_the_moment_of_a_claim_include_it()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        api.Clock.Advance(TimeSpan.FromMinutes(5));
        var claimedAt = api.Clock.GetUtcNow();
        await scene.Hold(shift.Id, volunteer);

        var atClaim = await HoldersAt(shift.Id, claimedAt);

        Assert.Equal([volunteer], atClaim.Holders.Select(h => h.VolunteerId));
    }

    [Fact]
    public async Task Holders_without_asOf_are_the_current_holders()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);

        var now = await HoldersAt(shift.Id, null);

        Assert.True(now.Existed);
        Assert.Equal([volunteer], now.Holders.Select(h => h.VolunteerId));
    }

    [Fact]
    public async Task Holders_after_a_cancellation_are_none()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        await scene.Hold(shift.Id, await api.NewVolunteer());
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shift.Id}/cancel", EndpointHttp.JsonContent(new { reason = "Closed" }))).AssertStatus(HttpStatusCode.OK);

        var now = await HoldersAt(shift.Id, api.Clock.GetUtcNow());

        Assert.Empty(now.Holders);
    }

    [Fact]
    public async Task Holders_of_an_unknown_shift_are_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts/{Guid.CreateVersion7()}/holders");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Holders_of_a_conference_id_are_a_404_problem()
    {
        var scene = await EndpointScene.Create(api);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts/{scene.ConferenceId}/holders");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_nonsense_asOf_is_a_400_problem()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts/{shift.Id}/holders?asOf=half-past-nine");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_asOf_without_an_offset_is_a_400_problem()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts/{shift.Id}/holders?asOf=2027-05-14T10:00:00");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_volunteer_reading_holders_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.GetAsync($"/api/shifts/{shift.Id}/holders");

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}
