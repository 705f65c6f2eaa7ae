using System.Net;
using Shifts.IntegrationTests.Endpoints;
using VolunteerOps.Shifts.Coverage;

namespace Shifts.IntegrationTests.Coverage;

/// <summary>GET /api/coverage/stream: the whole document on connect, then again after every committed change.</summary>
public class CoverageStreamTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    // A real bound, not a speed assertion: a change that never reaches the stream fails here.
    private static readonly TimeSpan Arrives = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_claim_through_the_api_reaches_an_open_stream_with_the_new_filled_count()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 2, minimum: 1);
        await using var stream = await CoverageStreamReader.Open(api, scene.ConferenceId);

        var first = await stream.Next(Arrives);
        await scene.Hold(shift.Id, await api.NewVolunteer());
        var next = await stream.Next(Arrives);

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2000", stream.Retry);
        Assert.Equal((0, CoverageStatus.Understaffed), (first.Coverage.Of(shift.Id).Filled, first.Coverage.Of(shift.Id).Status));
        Assert.Equal((1, CoverageStatus.Open), (next.Coverage.Of(shift.Id).Filled, next.Coverage.Of(shift.Id).Status));
        Assert.Equal(1, next.Coverage.Totals.Filled);
        Assert.True(next.Id > first.Id, $"ids grow: {first.Id} then {next.Id}");
    }

    [Fact]
    public async Task Every_kind_of_change_to_a_shift_of_the_conference_is_sent()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 2);
        Guid alice = await api.NewVolunteer(), bob = await api.NewVolunteer();
        await using var stream = await CoverageStreamReader.Open(api, scene.ConferenceId);
        var last = await stream.Next(Arrives);

        async Task<CoverageDocument> After(Func<Task> change)
        {
            await change();
            var next = await stream.Next(Arrives);
            Assert.True(next.Id > last.Id, $"ids grow: {last.Id} then {next.Id}");
            last = next;
            return next.Coverage;
        }

        var added = await After(() => scene.Shift(12, role: "session-runner", location: "Hall B"));
        var claimed = await After(() => scene.Hold(shift.Id, alice));
        var reassigned = await After(() => api.Reassign(shift.Id, alice, bob));
        var resized = await After(() => api.Change(shift.Id, new { capacity = 4, minimum = 1 }));
        var moved = await After(() => api.Change(shift.Id, new { startsAt = scene.At(1, 10), endsAt = scene.At(1, 11) }));
        var released = await After(() => api.Release(shift.Id, bob));
        var cancelled = await After(() => api.Cancel(shift.Id));

        Assert.Equal(2, added.Shifts.Count);
        Assert.Equal(1, claimed.Of(shift.Id).Filled);
        Assert.Equal(1, reassigned.Of(shift.Id).Filled);
        Assert.Equal((4, 1, CoverageStatus.Open), (resized.Of(shift.Id).Capacity, resized.Of(shift.Id).Minimum, resized.Of(shift.Id).Status));
        Assert.Equal(scene.At(1, 10), moved.Of(shift.Id).StartsAt);
        Assert.Equal((0, CoverageStatus.Understaffed), (released.Of(shift.Id).Filled, released.Of(shift.Id).Status));
        Assert.Equal(CoverageStatus.Cancelled, cancelled.Of(shift.Id).Status);
        Assert.Equal(1, cancelled.Totals.Shifts);
    }

    [Fact]
    public async Task After_a_burst_of_claims_the_stream_shows_all_of_them()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9, capacity: 8);
        var volunteers = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            volunteers.Add(await api.NewVolunteer());
        }

        await using var stream = await CoverageStreamReader.Open(api, scene.ConferenceId);
        await stream.Next(Arrives);

        await Task.WhenAll(volunteers.Select(v => scene.Hold(shift.Id, v)));

        var settled = await stream.NextWhere(c => c.Of(shift.Id).Filled == 8, TimeSpan.FromSeconds(5));
        Assert.Equal(CoverageStatus.Full, settled.Coverage.Of(shift.Id).Status);
    }

    [Fact]
    public async Task Two_streams_of_the_conference_both_hear_a_change()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        await using var viewer = await CoverageStreamReader.Open(api, scene.ConferenceId);
        await using var volunteer = await CoverageStreamReader.Open(api, scene.ConferenceId, api.AsVolunteer(await api.NewVolunteer()));
        await viewer.Next(Arrives);
        await volunteer.Next(Arrives);

        await scene.Hold(shift.Id, await api.NewVolunteer());

        Assert.Equal(1, (await viewer.Next(Arrives)).Coverage.Of(shift.Id).Filled);
        Assert.Equal(1, (await volunteer.Next(Arrives)).Coverage.Of(shift.Id).Filled);
    }

    [Fact]
    public async Task The_stream_of_an_unknown_conference_is_a_404_problem()
    {
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync($"/api/coverage/stream?conferenceId={Guid.CreateVersion7()}", HttpCompletionOption.ResponseHeadersRead);

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_anonymous_stream_is_a_401_problem()
    {
        var scene = await EndpointScene.Create(api);
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync($"/api/coverage/stream?conferenceId={scene.ConferenceId}", HttpCompletionOption.ResponseHeadersRead);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("", "conferenceId")]
    [InlineData("conferenceId=@C&asOf=2027-05-01T12:00:00Z", "asOf")]
    [InlineData("conferenceId=@C&hours=0", "hours")]
    public async Task A_bad_stream_query_is_a_400_problem(string query, string field)
    {
        var scene = await EndpointScene.Create(api);
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync("/api/coverage/stream?" + query.Replace("@C", scene.ConferenceId.ToString(), StringComparison.Ordinal),
            HttpCompletionOption.ResponseHeadersRead);

        (await response.AssertProblem(HttpStatusCode.BadRequest)).AssertNamesField(field);
    }
}
