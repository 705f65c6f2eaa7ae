using System.Net;

namespace Roster.IntegrationTests.Schedules;

/// <summary>GET /api/volunteers/{id}/schedule.ics: a token, or the per-volunteer feed key for calendar apps.</summary>
public class CalendarFeedTests(RosterApi api) : IClassFixture<RosterApi>
{
    private static readonly DateTimeOffset Start = RosterApi.Day1.AddHours(9);

    [Fact]
    public async Task The_feed_key_alone_returns_the_calendar_with_the_shift()
    {
        var (id, feedUrl, shift) = await VolunteerWithAShift();
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync(feedUrl);

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = Unfold(await response.Content.ReadAsStringAsync());
        Assert.Contains("BEGIN:VCALENDAR", ics);
        Assert.Contains("BEGIN:VEVENT", ics);
        Assert.Contains("SUMMARY:" + shift.Title, ics);
        Assert.Contains($"UID:{shift.Id}@volunteerops", ics);
        Assert.Contains("DTSTART:20270514T090000Z", ics);
        Assert.Contains("END:VCALENDAR", ics);
        Assert.StartsWith($"/api/volunteers/{id}/schedule.ics?key=", feedUrl);
    }

    [Fact]
    public async Task A_wrong_key_without_a_token_is_401()
    {
        var (id, _, _) = await VolunteerWithAShift();
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync($"/api/volunteers/{id}/schedule.ics?key=not-the-key");

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Neither_a_key_nor_a_token_is_401()
    {
        var (id, _, _) = await VolunteerWithAShift();
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync($"/api/volunteers/{id}/schedule.ics");

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Another_volunteers_key_is_401()
    {
        var (id, _, _) = await VolunteerWithAShift();
        var otherKey = (await api.Register()).GetProperty("calendarFeedUrl").GetString()!.Split("key=")[1];
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync($"/api/volunteers/{id}/schedule.ics?key={otherKey}");

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_volunteers_own_token_without_a_key_returns_the_calendar()
    {
        var (id, _, shift) = await VolunteerWithAShift();
        using var self = api.Volunteer(id);

        var response = await self.GetAsync($"/api/volunteers/{id}/schedule.ics");

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SUMMARY:" + shift.Title, Unfold(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Another_volunteers_token_is_403()
    {
        var (id, _, _) = await VolunteerWithAShift();
        using var other = api.Volunteer(await api.NewVolunteer());

        var response = await other.GetAsync($"/api/volunteers/{id}/schedule.ics");

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Another_volunteers_token_with_a_wrong_key_is_403()
    {
        var (id, _, _) = await VolunteerWithAShift();
        using var other = api.Volunteer(await api.NewVolunteer());

        var response = await other.GetAsync($"/api/volunteers/{id}/schedule.ics?key=guess");

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_volunteer_without_shifts_gets_an_empty_calendar()
    {
        var feedUrl = (await api.Register()).GetProperty("calendarFeedUrl").GetString()!;
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync(feedUrl);

        await response.AssertStatus(HttpStatusCode.OK);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", ics);
        Assert.DoesNotContain("BEGIN:VEVENT", ics);
    }

    /// <summary>A registered volunteer holding one shift that the schedule view already shows.</summary>
    private async Task<(Guid Id, string FeedUrl, ShiftFeed Shift)> VolunteerWithAShift()
    {
        var profile = await api.Register(Guid.CreateVersion7());
        var id = profile.GetProperty("id").GetGuid();
        var shift = new ShiftFeed(Guid.CreateVersion7(), Start, TimeSpan.FromHours(2), title: "Badge desk " + Guid.NewGuid().ToString("N")[..6]);
        await api.Publish(shift.Scheduled(), shift.Claimed(id));
        await RosterApi.Eventually(async () => (await api.ScheduledShiftIds(id)).Contains(shift.Id), "the claim reaches the schedule");
        return (id, profile.GetProperty("calendarFeedUrl").GetString()!, shift);
    }

    /// <summary>iCalendar folds long lines (CRLF then a space); unfold before searching.</summary>
    private static string Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
}
