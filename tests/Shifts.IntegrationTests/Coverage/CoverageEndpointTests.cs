using System.Net;
using Shifts.IntegrationTests.Endpoints;
using VolunteerOps.Shifts.Coverage;
using static Shifts.IntegrationTests.Coverage.CoverageHttp;

namespace Shifts.IntegrationTests.Coverage;

/// <summary>GET /api/coverage: the numbers, the window, who may read it, and every refusal as a problem.</summary>
public class CoverageEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    /// <summary>
    /// Four shifts on day 1: desk in Hall A at 9:00 (3 seats, minimum 2, two held: open), runners in Hall B at 9:30
    /// (2 seats, both held: full), desk in Hall B at 11:00 (2 seats, minimum 1, none held: under-staffed), and runners
    /// in Hall A at 10:00 (4 seats, one held, then cancelled).
    /// </summary>
    private async Task<(EndpointScene Scene, Guid Open, Guid Full, Guid Understaffed, Guid Cancelled)> Board()
    {
        var scene = await EndpointScene.Create(api);
        var open = await scene.Shift(9, capacity: 3, minimum: 2, location: "Hall A");
        var full = await scene.Shift(9.5, capacity: 2, role: "session-runner", location: "Hall B", title: "Runners");
        var understaffed = await scene.Shift(11, capacity: 2, minimum: 1, location: "Hall B");
        var cancelled = await scene.Shift(10, capacity: 4, role: "session-runner", location: "Hall A", title: "Runners");
        foreach (var shift in new[] { open.Id, open.Id, full.Id, full.Id, cancelled.Id })
        {
            await scene.Hold(shift, await api.NewVolunteer());
        }

        await api.Cancel(cancelled.Id);
        return (scene, open.Id, full.Id, understaffed.Id, cancelled.Id);
    }

    [Fact]
    public async Task Coverage_after_claims_gives_each_shift_its_status_and_the_totals_of_those_not_cancelled()
    {
        var (scene, open, full, understaffed, cancelled) = await Board();

        var coverage = await api.Coverage(scene.ConferenceId);

        Assert.Equal(scene.ConferenceId, coverage.ConferenceId);
        Assert.Null(coverage.AsOf);
        Assert.Equal(api.Clock.GetUtcNow(), coverage.GeneratedAt);
        Assert.Equal([open, full, cancelled, understaffed], coverage.Shifts.Select(s => s.Id));
        Assert.Equal((2, CoverageStatus.Open), (coverage.Of(open).Filled, coverage.Of(open).Status));
        Assert.Equal((2, CoverageStatus.Full), (coverage.Of(full).Filled, coverage.Of(full).Status));
        Assert.Equal((0, CoverageStatus.Understaffed), (coverage.Of(understaffed).Filled, coverage.Of(understaffed).Status));
        Assert.Equal((0, CoverageStatus.Cancelled), (coverage.Of(cancelled).Filled, coverage.Of(cancelled).Status));
        Assert.Equal(new CoverageTotals(Shifts: 3, Capacity: 7, Filled: 4, Minimum: 5, Understaffed: 1), coverage.Totals);
    }

    [Fact]
    public async Task Coverage_by_role_location_and_hour_each_sum_to_the_totals()
    {
        var (scene, _, _, _, _) = await Board();

        var coverage = await api.Coverage(scene.ConferenceId);

        Assert.Equal(
            [new RoleCoverage("registration-desk", 2, 5, 2, 3, 1), new RoleCoverage("session-runner", 1, 2, 2, 2, 0)],
            coverage.ByRole);
        Assert.Equal(
            [new LocationCoverage("Hall A", 1, 3, 2, 2, 0), new LocationCoverage("Hall B", 2, 4, 2, 3, 1)],
            coverage.ByLocation);
        Assert.Equal(
            [new HourCoverage(scene.At(1, 9), 2, 5, 4, 4, 0), new HourCoverage(scene.At(1, 11), 1, 2, 0, 1, 1)],
            coverage.ByHour);
        foreach (var sums in new[]
                 {
                     (coverage.ByRole.Sum(r => r.Capacity), coverage.ByRole.Sum(r => r.Filled), coverage.ByRole.Sum(r => r.Minimum)),
                     (coverage.ByLocation.Sum(r => r.Capacity), coverage.ByLocation.Sum(r => r.Filled), coverage.ByLocation.Sum(r => r.Minimum)),
                     (coverage.ByHour.Sum(r => r.Capacity), coverage.ByHour.Sum(r => r.Filled), coverage.ByHour.Sum(r => r.Minimum)),
                 })
        {
            Assert.Equal((coverage.Totals.Capacity, coverage.Totals.Filled, coverage.Totals.Minimum), sums);
        }
    }

    [Fact]
    public async Task The_json_names_statuses_and_hours_as_the_contract_says()
    {
        var (scene, _, _, understaffed, _) = await Board();
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync($"/api/coverage?conferenceId={scene.ConferenceId}&hours=168");

        await response.AssertStatus(HttpStatusCode.OK);
        var body = await response.Body();
        Assert.False(body.TryGetProperty("asOf", out _), "a live picture has no asOf");
        Assert.Equal(["understaffed", "open", "full", "cancelled"],
            body.GetProperty("shifts").EnumerateArray().Select(s => s.GetProperty("status").GetString()).Distinct().Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(EndpointHttp.Iso(scene.At(1, 9)), body.GetProperty("byHour")[0].GetProperty("hour").GetString());
        var soon = Assert.Single(body.GetProperty("understaffed").EnumerateArray());
        Assert.Equal(understaffed, soon.GetProperty("id").GetGuid());
        foreach (var member in new[] { "role", "title", "location", "startsAt", "endsAt", "capacity", "minimum", "filled", "status" })
        {
            Assert.True(soon.TryGetProperty(member, out _), $"an understaffed entry has {member}");
        }

        foreach (var member in new[] { "shifts", "capacity", "filled", "minimum", "understaffed" })
        {
            Assert.True(body.GetProperty("totals").TryGetProperty(member, out _), $"totals have {member}");
        }
    }

    [Fact]
    public async Task Understaffed_lists_what_starts_within_three_hours_of_now_or_within_the_hours_asked()
    {
        var (scene, _, _, understaffed, _) = await Board();

        var daysAhead = await api.Coverage(scene.ConferenceId);
        var aWeekAhead = await api.Coverage(scene.ConferenceId, "&hours=168");
        scene.ClockAt(scene.At(1, 8.5));
        var soon = await api.Coverage(scene.ConferenceId);
        var withinTwo = await api.Coverage(scene.ConferenceId, "&hours=2");

        Assert.Empty(daysAhead.Understaffed);
        Assert.Equal([understaffed], aWeekAhead.Understaffed.Select(s => s.Id));
        Assert.Equal([understaffed], soon.Understaffed.Select(s => s.Id));
        Assert.Empty(withinTwo.Understaffed);
    }

    [Fact]
    public async Task From_and_to_take_the_shifts_starting_in_that_window()
    {
        var (scene, _, full, understaffed, cancelled) = await Board();

        var window = await api.Coverage(scene.ConferenceId, Q("from", scene.At(1, 9.5)) + Q("to", scene.At(1, 11)));
        var fromOnly = await api.Coverage(scene.ConferenceId, Q("from", scene.At(1, 10.5)));

        Assert.Equal([full, cancelled], window.Shifts.Select(s => s.Id));
        Assert.Equal(new CoverageTotals(1, 2, 2, 2, 0), window.Totals);
        Assert.Equal([understaffed], fromOnly.Shifts.Select(s => s.Id));
    }

    [Fact]
    public async Task A_volunteer_and_a_coordinator_may_read_coverage_too()
    {
        var scene = await EndpointScene.Create(api);
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());
        using var coordinator = api.AsCoordinator();

        await (await volunteer.GetAsync($"/api/coverage?conferenceId={scene.ConferenceId}")).AssertStatus(HttpStatusCode.OK);
        await (await coordinator.GetAsync($"/api/coverage?conferenceId={scene.ConferenceId}")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_anonymous_caller_gets_a_401_problem()
    {
        var scene = await EndpointScene.Create(api);
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync($"/api/coverage?conferenceId={scene.ConferenceId}");

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_conference_without_shifts_has_empty_coverage()
    {
        var scene = await EndpointScene.Create(api);

        var coverage = await api.Coverage(scene.ConferenceId);

        Assert.Equal(new CoverageTotals(0, 0, 0, 0, 0), coverage.Totals);
        Assert.Empty(coverage.Shifts);
    }

    [Fact]
    public async Task An_unknown_conference_is_a_404_problem()
    {
        using var viewer = api.AsViewer();

        var unknown = await viewer.GetAsync($"/api/coverage?conferenceId={Guid.CreateVersion7()}");
        var nil = await viewer.GetAsync($"/api/coverage?conferenceId={Guid.Empty}");

        await unknown.AssertProblem(HttpStatusCode.NotFound, "not-found");
        await nil.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_shift_id_is_not_a_conference()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync($"/api/coverage?conferenceId={shift.Id}");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    public static TheoryData<string, string?> BadQueries() => new()
    {
        { "", "conferenceId" },
        { "conferenceId=not-a-guid", null },
        { "conferenceId=@C&from=2027-05-14T10:00:00", "from" },
        { "conferenceId=@C&to=tomorrow", "to" },
        { "conferenceId=@C&from=2027-05-14T10:00:00Z&to=2027-05-14T09:00:00Z", "to" },
        { "conferenceId=@C&from=2027-05-14T10:00:00Z&to=2027-05-14T10:00:00Z", "to" },
        { "conferenceId=@C&hours=0", "hours" },
        { "conferenceId=@C&hours=169", "hours" },
        { "conferenceId=@C&hours=-3", "hours" },
        { "conferenceId=@C&hours=three", null },
        { "conferenceId=@C&asOf=2027-05-14T10:00:00", "asOf" },
        { "conferenceId=@C&asOf=2099-01-01T00:00:00Z", "asOf" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_is_a_400_problem(string query, string? field)
    {
        var scene = await EndpointScene.Create(api);
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync("/api/coverage?" + query.Replace("@C", scene.ConferenceId.ToString(), StringComparison.Ordinal));

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        if (field is not null)
        {
            problem.AssertNamesField(field);
        }
    }
}
