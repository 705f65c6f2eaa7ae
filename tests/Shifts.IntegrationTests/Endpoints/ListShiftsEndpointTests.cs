using System.Net;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>GET /api/shifts with each filter.</summary>
public class ListShiftsEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    /// <summary>
    /// One conference with shifts of every kind. The volunteer holds "held" (open, day 3 09-11), so "overlapping"
    /// (day 3 10-12) is not eligible for them; "full" is full, "cancelled" is cancelled.
    /// </summary>
    private sealed record Scene(
        EndpointScene Conference,
        Guid Volunteer,
        ShiftDetails Full,
        ShiftDetails Open,
        ShiftDetails Cancelled,
        ShiftDetails HeldFull,
        ShiftDetails Held,
        ShiftDetails Overlapping,
        ShiftDetails Free)
    {
        public IEnumerable<ShiftDetails> All => [Full, Open, Cancelled, HeldFull, Held, Overlapping, Free];
    }

    private async Task<Scene> Build()
    {
        var c = await EndpointScene.Create(api);
        var volunteer = await api.NewVolunteer();
        var full = await c.Shift(9, capacity: 2, location: "Hall A", title: "Full desk");
        var open = await c.Shift(10, capacity: 3, location: "Room 1", role: "session-runner", title: "Runner");
        var cancelled = await c.Shift(9, day: 2, capacity: 2, location: "Hall B", title: "Cancelled desk");
        var heldFull = await c.Shift(14, day: 2, capacity: 1, location: "Hall A", role: "session-runner", title: "Solo runner");
        var held = await c.Shift(9, day: 3, capacity: 3, location: "Hall C", title: "Held desk");
        var overlapping = await c.Shift(10, day: 3, capacity: 3, location: "Room 2", role: "session-runner", title: "Overlap");
        var free = await c.Shift(13, day: 3, hours: 1, capacity: 3, location: "Room 2", title: "Free desk");

        await c.Hold(full.Id, await api.NewVolunteer());
        await c.Hold(full.Id, await api.NewVolunteer());
        await c.Hold(heldFull.Id, volunteer);
        await c.Hold(held.Id, volunteer);
        using var coordinator = api.AsCoordinator();
        var cancel = await coordinator.PostAsync($"/api/shifts/{cancelled.Id}/cancel", EndpointHttp.JsonContent(new { reason = "Room closed" }));
        await cancel.AssertStatus(HttpStatusCode.OK);
        return new Scene(c, volunteer, full, open, cancelled, heldFull, held, overlapping, free);
    }

    private async Task<List<ShiftSummary>> List(string query, HttpClient? client = null)
    {
        using var coordinator = api.AsCoordinator();
        var response = await (client ?? coordinator).GetAsync("/api/shifts?" + query);
        await response.AssertStatus(HttpStatusCode.OK);
        return await response.Body<List<ShiftSummary>>();
    }

    private static void AssertIds(IEnumerable<ShiftDetails> expected, IEnumerable<ShiftSummary> actual) =>
        Assert.Equal(expected.Select(s => s.Id).Order(), actual.Select(s => s.Id).Order());

    [Fact]
    public async Task ConferenceId_lists_only_that_conferences_shifts_in_start_order()
    {
        var scene = await Build();
        var other = await EndpointScene.Create(api);
        await other.Shift(9);

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}");

        AssertIds(scene.All, listed);
        Assert.Equal(listed.OrderBy(s => s.StartsAt).ThenBy(s => s.Location).Select(s => s.Id), listed.Select(s => s.Id));
        var full = listed.Single(s => s.Id == scene.Full.Id);
        Assert.Equal(2, full.Filled);
        Assert.Equal(2, full.Capacity);
        Assert.Equal("Full desk", full.Title);
        Assert.Equal(scene.Conference.ConferenceId, full.ConferenceId);
    }

    [Fact]
    public async Task Role_lists_only_shifts_of_that_role()
    {
        var scene = await Build();

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&role=session-runner");

        AssertIds([scene.Open, scene.HeldFull, scene.Overlapping], listed);
    }

    [Fact]
    public async Task Location_lists_only_shifts_at_that_location()
    {
        var scene = await Build();

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&location=Room%202");

        AssertIds([scene.Overlapping, scene.Free], listed);
    }

    [Fact]
    public async Task From_and_to_list_the_shifts_overlapping_that_window()
    {
        var scene = await Build();
        var from = EndpointHttp.Iso(scene.Conference.At(1, 10.5));
        var to = EndpointHttp.Iso(scene.Conference.At(1, 11.5));

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&from={from}&to={to}");

        AssertIds([scene.Full, scene.Open], listed);
    }

    [Fact]
    public async Task From_alone_lists_the_shifts_ending_after_it()
    {
        var scene = await Build();
        var from = EndpointHttp.Iso(scene.Conference.At(3, 11.5));

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&from={from}");

        AssertIds([scene.Overlapping, scene.Free], listed);
    }

    [Fact]
    public async Task To_before_from_is_a_400_naming_to()
    {
        var scene = await Build();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync(
            $"/api/shifts?conferenceId={scene.Conference.ConferenceId}&from={EndpointHttp.Iso(scene.Conference.At(2, 0))}&to={EndpointHttp.Iso(scene.Conference.At(1, 0))}");

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("to");
    }

    [Fact]
    public async Task Status_open_lists_only_open_shifts()
    {
        var scene = await Build();

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&status=open");

        AssertIds([scene.Open, scene.Held, scene.Overlapping, scene.Free], listed);
        Assert.All(listed, s => Assert.Equal(ShiftStatus.Open, s.Status));
    }

    [Fact]
    public async Task Status_full_lists_only_full_shifts()
    {
        var scene = await Build();

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&status=full");

        AssertIds([scene.Full, scene.HeldFull], listed);
        Assert.All(listed, s => Assert.Equal(ShiftStatus.Full, s.Status));
    }

    [Fact]
    public async Task Status_cancelled_lists_only_cancelled_shifts()
    {
        var scene = await Build();

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&status=cancelled");

        AssertIds([scene.Cancelled], listed);
        Assert.Equal(ShiftStatus.Cancelled, listed[0].Status);
        Assert.Equal(0, listed[0].Filled);
    }

    [Fact]
    public async Task Status_all_and_no_status_list_every_shift()
    {
        var scene = await Build();

        var all = await List($"conferenceId={scene.Conference.ConferenceId}&status=all");
        var unfiltered = await List($"conferenceId={scene.Conference.ConferenceId}");

        AssertIds(scene.All, all);
        AssertIds(scene.All, unfiltered);
    }

    [Fact]
    public async Task An_unknown_status_is_a_400_naming_status()
    {
        var scene = await Build();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts?conferenceId={scene.Conference.ConferenceId}&status=half-full");

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("status");
    }

    [Fact]
    public async Task EligibleFor_excludes_full_shifts_held_shifts_and_shifts_overlapping_the_holdings()
    {
        var scene = await Build();

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&eligibleFor={scene.Volunteer}");

        AssertIds([scene.Open, scene.Free], listed);
    }

    [Fact]
    public async Task A_volunteer_may_ask_which_shifts_they_are_eligible_for()
    {
        var scene = await Build();
        using var volunteer = api.AsVolunteer(scene.Volunteer);

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&eligibleFor={scene.Volunteer}", volunteer);

        AssertIds([scene.Open, scene.Free], listed);
    }

    [Fact]
    public async Task EligibleFor_a_volunteer_holding_nothing_lists_every_open_shift()
    {
        var scene = await Build();

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&eligibleFor={await api.NewVolunteer()}");

        AssertIds([scene.Open, scene.Held, scene.Overlapping, scene.Free], listed);
    }

    [Fact]
    public async Task EligibleFor_excludes_shifts_whose_role_needs_a_qualification_the_volunteer_lacks()
    {
        var c = await EndpointScene.Create(api);
        var desk = await c.Shift(9, location: "Hall A");
        var chair = await c.Shift(13, location: "Room 1", role: "session-chair", title: "Chair");
        var unqualified = await api.NewVolunteer();
        var qualified = await api.NewVolunteer("chair-briefing");

        var forUnqualified = await List($"conferenceId={c.ConferenceId}&eligibleFor={unqualified}");
        var forQualified = await List($"conferenceId={c.ConferenceId}&eligibleFor={qualified}");

        AssertIds([desk], forUnqualified);
        AssertIds([desk, chair], forQualified);
    }

    [Fact]
    public async Task EligibleFor_a_volunteer_the_service_does_not_know_lists_nothing()
    {
        var scene = await Build();

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}&eligibleFor={Guid.CreateVersion7()}");

        Assert.Empty(listed);
    }

    [Fact]
    public async Task A_volunteer_asking_eligibleFor_someone_else_is_refused_with_403()
    {
        var scene = await Build();
        using var other = api.AsVolunteer(await api.NewVolunteer());

        var response = await other.GetAsync($"/api/shifts?conferenceId={scene.Conference.ConferenceId}&eligibleFor={scene.Volunteer}");

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_viewer_may_list_shifts()
    {
        var scene = await Build();
        using var viewer = api.AsViewer();

        var listed = await List($"conferenceId={scene.Conference.ConferenceId}", viewer);

        AssertIds(scene.All, listed);
    }

    [Fact]
    public async Task An_anonymous_caller_listing_shifts_gets_a_401_problem()
    {
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync("/api/shifts");

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("from=2027-05-14T10:00:00")]
    [InlineData("to=2027-05-14T10:00:00")]
    [InlineData("from=2027-05-14")]
    public async Task A_time_filter_without_an_offset_is_a_400_problem(string query)
    {
        // The contract's times carry an offset; without one the server's own time zone would silently decide.
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts?conferenceId={Guid.CreateVersion7()}&{query}");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("conferenceId=not-a-guid")]
    [InlineData("from=yesterday")]
    [InlineData("limit=0")]
    [InlineData("offset=-1")]
    public async Task A_malformed_filter_is_a_400_problem(string query)
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync("/api/shifts?" + query);

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }
}
