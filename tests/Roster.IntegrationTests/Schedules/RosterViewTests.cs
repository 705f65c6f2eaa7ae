using System.Net;
using System.Text.Json;

namespace Roster.IntegrationTests.Schedules;

/// <summary>GET /api/roster?conferenceId=&amp;role=: who holds each shift of a conference.</summary>
public class RosterViewTests(RosterApi api) : IClassFixture<RosterApi>
{
    private static readonly DateTimeOffset Start = RosterApi.Day1.AddHours(9);

    [Fact]
    public async Task A_coordinator_sees_the_holders_with_their_names_filtered_by_role()
    {
        var chair = await api.NewVolunteer("Ada Lovelace");
        var runner = await api.NewVolunteer("Grace Hopper");
        var desk = await api.NewVolunteer("Katie Bouman");
        var conference = Guid.CreateVersion7();
        var chairShift = new ShiftFeed(conference, Start.AddHours(1), TimeSpan.FromHours(1), role: "session-chair", title: "Chair: Keynote", location: "Main hall");
        var deskShift = new ShiftFeed(conference, Start, TimeSpan.FromHours(2));
        var elsewhere = new ShiftFeed(Guid.CreateVersion7(), Start, TimeSpan.FromHours(1), role: "session-chair");

        await api.Publish(
            chairShift.Scheduled(sessionRef: "keynote"), chairShift.Claimed(chair), chairShift.Claimed(runner),
            deskShift.Scheduled(), deskShift.Claimed(desk),
            elsewhere.Scheduled(), elsewhere.Claimed(desk));
        await RosterApi.Eventually(async () => Holders(await api.RosterOf(conference)).Count == 3, "every claim reaches the roster");

        var chairs = await api.RosterOf(conference, "session-chair");

        var entry = Assert.Single(chairs.EnumerateArray());
        Assert.Equal(chairShift.Id, entry.GetProperty("shiftId").GetGuid());
        Assert.Equal("session-chair", entry.GetProperty("role").GetString());
        Assert.Equal("Chair: Keynote", entry.GetProperty("title").GetString());
        Assert.Equal("keynote", entry.GetProperty("sessionRef").GetString());
        Assert.Equal("Main hall", entry.GetProperty("location").GetString());
        Assert.Equal(
            [(chair, "Ada Lovelace"), (runner, "Grace Hopper")],
            entry.GetProperty("holders").EnumerateArray().Select(h => (h.GetProperty("volunteerId").GetGuid(), h.GetProperty("name").GetString())).ToList());

        var all = await api.RosterOf(conference);
        Assert.Equal([deskShift.Id, chairShift.Id], all.EnumerateArray().Select(e => e.GetProperty("shiftId").GetGuid()).ToList());
        Assert.Equal("Katie Bouman", all[0].GetProperty("holders")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_role_filter_ignores_case()
    {
        var holder = await api.NewVolunteer("Case Insensitive");
        var conference = Guid.CreateVersion7();
        var shift = new ShiftFeed(conference, Start, TimeSpan.FromHours(1), role: "session-chair");
        await api.Publish(shift.Scheduled(), shift.Claimed(holder));
        await RosterApi.Eventually(async () => Holders(await api.RosterOf(conference)).Count == 1, "the claim reaches the roster");

        var roster = await api.RosterOf(conference, "Session-Chair");

        Assert.Equal(shift.Id, Assert.Single(roster.EnumerateArray()).GetProperty("shiftId").GetGuid());
    }

    [Fact]
    public async Task A_shift_nobody_holds_is_listed_without_holders()
    {
        var conference = Guid.CreateVersion7();
        var shift = new ShiftFeed(conference, Start, TimeSpan.FromHours(1));
        await api.Publish(shift.Scheduled());

        await RosterApi.Eventually(async () => (await api.RosterOf(conference)).GetArrayLength() == 1, "the shift reaches the roster");

        Assert.Empty((await api.RosterOf(conference))[0].GetProperty("holders").EnumerateArray());
    }

    [Fact]
    public async Task A_volunteer_is_403()
    {
        using var volunteer = api.Volunteer(await api.NewVolunteer());

        var response = await volunteer.GetAsync($"/api/roster?conferenceId={Guid.CreateVersion7()}");

        await response.AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_viewer_is_403()
    {
        using var viewer = api.Viewer();

        var response = await viewer.GetAsync($"/api/roster?conferenceId={Guid.CreateVersion7()}");

        await response.AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_missing_conferenceId_is_400_naming_it()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.GetAsync("/api/roster");

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField("conferenceId");
    }

    [Fact]
    public async Task A_conferenceId_that_is_not_a_guid_is_400_not_5xx()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.GetAsync("/api/roster?conferenceId=abc");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_conference_has_an_empty_roster()
    {
        Assert.Equal(0, (await api.RosterOf(Guid.CreateVersion7())).GetArrayLength());
    }

    private static List<Guid> Holders(JsonElement roster) =>
        [.. roster.EnumerateArray().SelectMany(e => e.GetProperty("holders").EnumerateArray()).Select(h => h.GetProperty("volunteerId").GetGuid())];
}
