using System.Net;
using Shifts.IntegrationTests.Endpoints;
using VolunteerOps.Shifts.Coverage;
using static Shifts.IntegrationTests.Coverage.CoverageHttp;

namespace Shifts.IntegrationTests.Coverage;

/// <summary>GET /api/coverage?asOf=: the picture of a past moment, rebuilt from the stored events.</summary>
public class CoverageAsOfEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task Coverage_as_of_moments_before_and_after_a_claim_and_a_cancellation_shows_each_past_picture()
    {
        var scene = await EndpointScene.Create(api);
        var beforeScheduling = api.Clock.GetUtcNow();
        api.Clock.Advance(TimeSpan.FromMinutes(10));
        var shift = await scene.Shift(9, capacity: 2, minimum: 1);
        api.Clock.Advance(TimeSpan.FromHours(1));
        var claimedAt = api.Clock.GetUtcNow();
        await scene.Hold(shift.Id, await api.NewVolunteer());
        api.Clock.Advance(TimeSpan.FromHours(1));
        var cancelledAt = api.Clock.GetUtcNow();
        await api.Cancel(shift.Id);
        api.Clock.Advance(TimeSpan.FromHours(1));

        var nothingYet = await api.Coverage(scene.ConferenceId, Q("asOf", beforeScheduling));
        var beforeClaim = await api.Coverage(scene.ConferenceId, Q("asOf", claimedAt.AddMinutes(-1)));
        var atClaim = await api.Coverage(scene.ConferenceId, Q("asOf", claimedAt));
        var beforeCancel = await api.Coverage(scene.ConferenceId, Q("asOf", cancelledAt.AddMinutes(-1)));
        var afterCancel = await api.Coverage(scene.ConferenceId, Q("asOf", cancelledAt.AddMinutes(1)));
        var now = await api.Coverage(scene.ConferenceId);

        Assert.Empty(nothingYet.Shifts);
        Assert.Equal(beforeScheduling, nothingYet.AsOf);
        Assert.Equal((0, CoverageStatus.Understaffed), (beforeClaim.Of(shift.Id).Filled, beforeClaim.Of(shift.Id).Status));
        Assert.Equal(new CoverageTotals(1, 2, 0, 1, 1), beforeClaim.Totals);
        Assert.Equal((1, CoverageStatus.Open), (atClaim.Of(shift.Id).Filled, atClaim.Of(shift.Id).Status));
        Assert.Equal(new CoverageTotals(1, 2, 1, 1, 0), beforeCancel.Totals);
        Assert.Equal((0, CoverageStatus.Cancelled), (afterCancel.Of(shift.Id).Filled, afterCancel.Of(shift.Id).Status));
        Assert.Equal(new CoverageTotals(0, 0, 0, 0, 0), afterCancel.Totals);
        Assert.Equal(CoverageStatus.Cancelled, now.Of(shift.Id).Status);
        Assert.Equal(api.Clock.GetUtcNow(), afterCancel.GeneratedAt);
    }

    [Fact]
    public async Task Coverage_as_of_a_moment_has_the_capacity_minimum_times_and_holders_of_that_moment()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 2, location: "Hall A");
        Guid first = await api.NewVolunteer(), second = await api.NewVolunteer(), third = await api.NewVolunteer();
        await scene.Hold(shift.Id, first);
        await scene.Hold(shift.Id, second);
        api.Clock.Advance(TimeSpan.FromHours(1));
        var full = api.Clock.GetUtcNow();
        api.Clock.Advance(TimeSpan.FromHours(1));
        await api.Change(shift.Id, new { capacity = 4, minimum = 3, startsAt = scene.At(1, 13), endsAt = scene.At(1, 15), location = "Hall C" });
        await api.Reassign(shift.Id, first, third);
        await api.Release(shift.Id, second);
        api.Clock.Advance(TimeSpan.FromHours(1));

        var then = (await api.Coverage(scene.ConferenceId, Q("asOf", full))).Of(shift.Id);
        var now = (await api.Coverage(scene.ConferenceId, Q("asOf", api.Clock.GetUtcNow()))).Of(shift.Id);

        Assert.Equal(new CoverageShift(shift.Id, shift.Role, shift.Title, "Hall A", scene.At(1, 9), scene.At(1, 11), 2, 2, 2, CoverageStatus.Full), then);
        Assert.Equal(new CoverageShift(shift.Id, shift.Role, shift.Title, "Hall C", scene.At(1, 13), scene.At(1, 15), 4, 3, 1, CoverageStatus.Understaffed), now);
    }

    [Fact]
    public async Task Coverage_as_of_now_is_the_live_coverage()
    {
        var scene = await EndpointScene.Create(api);
        var a = await scene.Shift(9, capacity: 3, minimum: 2);
        var b = await scene.Shift(12, capacity: 1, role: "session-runner", location: "Hall B");
        await scene.Hold(a.Id, await api.NewVolunteer());
        await scene.Hold(b.Id, await api.NewVolunteer());
        await api.Change(a.Id, new { capacity = 5 });

        var live = await api.Coverage(scene.ConferenceId, "&hours=168");
        var replayed = await api.Coverage(scene.ConferenceId, "&hours=168" + Q("asOf", api.Clock.GetUtcNow()));

        Assert.Equal(live.Shifts, replayed.Shifts);
        Assert.Equal(live.Totals, replayed.Totals);
        Assert.Equal(live.ByRole, replayed.ByRole);
        Assert.Equal(live.ByLocation, replayed.ByLocation);
        Assert.Equal(live.ByHour, replayed.ByHour);
        Assert.Equal(live.Understaffed, replayed.Understaffed);
    }

    [Fact]
    public async Task Understaffed_as_of_a_moment_looks_ahead_from_that_moment()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 2);
        scene.ClockAt(scene.At(1, 12));

        var atEight = await api.Coverage(scene.ConferenceId, Q("asOf", scene.At(1, 8)));
        var now = await api.Coverage(scene.ConferenceId);

        Assert.Equal([shift.Id], atEight.Understaffed.Select(s => s.Id));
        Assert.Empty(now.Understaffed);
    }

    [Fact]
    public async Task As_of_an_unknown_conference_is_a_404_problem()
    {
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync($"/api/coverage?conferenceId={Guid.CreateVersion7()}" + Q("asOf", api.Clock.GetUtcNow()));

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task As_of_a_moment_after_now_is_a_400_problem()
    {
        var scene = await EndpointScene.Create(api);
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync($"/api/coverage?conferenceId={scene.ConferenceId}" + Q("asOf", api.Clock.GetUtcNow().AddMinutes(1)));

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("asOf");
    }
}
