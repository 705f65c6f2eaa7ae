using System.Net;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>PATCH /api/shifts/{id}: reschedule or resize, guarded by If-Match.</summary>
public class RescheduleEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task A_stale_if_match_is_412_stale_version_and_changes_nothing()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        await scene.Hold(shift.Id, await api.NewVolunteer()); // now at version 2
        var before = await api.Details(shift.Id);
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{shift.Id}", new { title = "Renamed" }, ifMatch: "\"1\"");

        await response.AssertProblem(HttpStatusCode.PreconditionFailed, "stale-version");
        var after = await api.Details(shift.Id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal("Desk", after.Title);
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task The_current_if_match_is_200_with_the_new_etag()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();
        var read = await coordinator.GetAsync($"/api/shifts/{shift.Id}");
        var etag = read.Headers.ETag!.Tag;

        var response = await coordinator.Patch($"/api/shifts/{shift.Id}", new { title = "Renamed", location = "Hall Z" }, ifMatch: etag);

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2, response.ETagVersion());
        var body = await response.Body<ShiftDetails>();
        Assert.Equal("Renamed", body.Title);
        Assert.Equal("Hall Z", body.Location);
        Assert.Equal(2, body.Version);
        var details = await api.Details(shift.Id);
        Assert.Equal("Renamed", details.Title);
        Assert.Equal(2, details.Version);
    }

    [Fact]
    public async Task A_weak_current_if_match_is_accepted_too()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{shift.Id}", new { capacity = 5 }, ifMatch: "W/\"1\"");

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(5, (await api.Details(shift.Id)).Capacity);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"x1\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"1\", \"2\"")]
    public async Task A_malformed_if_match_is_a_400_problem(string ifMatch)
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();
        var events = await api.EventCount();

        var response = await coordinator.Patch($"/api/shifts/{shift.Id}", new { title = "Renamed" }, ifMatch: ifMatch);

        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid-if-match");
        Assert.Equal("Desk", (await api.Details(shift.Id)).Title);
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task A_capacity_below_the_holders_is_409_capacity_below_holders()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 3);
        await scene.Hold(shift.Id, await api.NewVolunteer());
        await scene.Hold(shift.Id, await api.NewVolunteer());
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{shift.Id}", new { capacity = 1 });

        await response.AssertProblem(HttpStatusCode.Conflict, "capacity-below-holders");
        var details = await api.Details(shift.Id);
        Assert.Equal(3, details.Capacity);
        Assert.Equal(2, details.Holders.Count);
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task Shrinking_to_exactly_the_holders_is_allowed_and_makes_the_shift_full()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 3);
        await scene.Hold(shift.Id, await api.NewVolunteer());
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{shift.Id}", new { capacity = 1 });

        await response.AssertStatus(HttpStatusCode.OK);
        var details = await api.Details(shift.Id);
        Assert.Equal(1, details.Capacity);
        Assert.Equal(1, details.Minimum);
        Assert.Equal(ShiftStatus.Full, details.Status);
    }

    [Fact]
    public async Task Moving_a_shift_onto_another_shift_a_holder_holds_is_409_reschedule_conflict_naming_the_volunteer()
    {
        var scene = await EndpointScene.Create(api);
        var morning = await scene.Shift(9, location: "Hall A");
        var afternoon = await scene.Shift(13, hours: 1, location: "Hall B");
        var volunteer = await api.NewVolunteer();
        await scene.Hold(morning.Id, volunteer);
        await scene.Hold(afternoon.Id, volunteer);
        var before = await api.Details(afternoon.Id);
        var events = await api.EventCount();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{afternoon.Id}", new
        {
            startsAt = scene.At(1, 10),
            endsAt = scene.At(1, 11.5),
        });

        var problem = await response.AssertProblem(HttpStatusCode.Conflict, "reschedule-conflict");
        var conflict = Assert.Single(problem.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(volunteer, conflict.GetProperty("volunteerId").GetGuid());
        Assert.Equal(morning.Id, conflict.GetProperty("conflictingShiftId").GetGuid());
        var after = await api.Details(afternoon.Id);
        Assert.Equal(before.StartsAt, after.StartsAt);
        Assert.Equal(before.EndsAt, after.EndsAt);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal([volunteer], after.Holders.Select(h => h.VolunteerId));
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task A_successful_move_updates_the_holders_commitments_so_they_can_claim_a_shift_at_the_old_time()
    {
        var scene = await EndpointScene.Create(api);
        var moved = await scene.Shift(13, hours: 1, location: "Hall A");
        var sameTimeElsewhere = await scene.Shift(13, hours: 1, location: "Hall B");
        var volunteer = await api.NewVolunteer();
        await scene.Hold(moved.Id, volunteer);
        using var self = api.AsVolunteer(volunteer);
        var refused = await self.PostAsync($"/api/shifts/{sameTimeElsewhere.Id}/claims", null);
        await refused.AssertProblem(HttpStatusCode.Conflict, "overlapping-shift");
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{moved.Id}", new { startsAt = scene.At(1, 15), endsAt = scene.At(1, 16) });

        await response.AssertStatus(HttpStatusCode.OK);
        var details = await response.Body<ShiftDetails>();
        Assert.Equal(scene.At(1, 15), details.StartsAt);
        Assert.Equal([volunteer], details.Holders.Select(h => h.VolunteerId));
        var claim = await self.PostAsync($"/api/shifts/{sameTimeElsewhere.Id}/claims", null);
        await claim.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_successful_move_makes_the_new_time_overlap_for_the_holder()
    {
        var scene = await EndpointScene.Create(api);
        var moved = await scene.Shift(13, hours: 1, location: "Hall A");
        var atNewTime = await scene.Shift(15, hours: 1, location: "Hall B");
        var volunteer = await api.NewVolunteer();
        await scene.Hold(moved.Id, volunteer);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{moved.Id}", new { startsAt = scene.At(1, 15), endsAt = scene.At(1, 16) });

        await response.AssertStatus(HttpStatusCode.OK);
        using var self = api.AsVolunteer(volunteer);
        var claim = await self.PostAsync($"/api/shifts/{atNewTime.Id}/claims", null);
        await claim.AssertProblem(HttpStatusCode.Conflict, "overlapping-shift");
    }

    [Fact]
    public async Task Moving_outside_the_conference_is_422_outside_conference_dates()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{shift.Id}", new { startsAt = scene.At(4, 9), endsAt = scene.At(4, 10) });

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "outside-conference-dates");
        Assert.Equal(1, (await api.Details(shift.Id)).Version);
    }

    [Fact]
    public async Task Moving_the_end_before_the_start_is_a_400_naming_endsAt()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{shift.Id}", new { endsAt = scene.At(1, 8) });

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("endsAt");
    }

    [Fact]
    public async Task Patching_an_unknown_shift_is_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.Patch($"/api/shifts/{Guid.CreateVersion7()}", new { title = "Nobody" });

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_volunteer_patching_a_shift_is_refused_with_403()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.Patch($"/api/shifts/{shift.Id}", new { title = "Mine now" });

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("Desk", (await api.Details(shift.Id)).Title);
    }

    [Fact]
    public async Task Patching_a_cancelled_shift_is_409_shift_cancelled()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shift.Id}/cancel", EndpointHttp.JsonContent(new { reason = "No" }))).AssertStatus(HttpStatusCode.OK);

        var response = await coordinator.Patch($"/api/shifts/{shift.Id}", new { title = "Revived" });

        await response.AssertProblem(HttpStatusCode.Conflict, "shift-cancelled");
    }
}
