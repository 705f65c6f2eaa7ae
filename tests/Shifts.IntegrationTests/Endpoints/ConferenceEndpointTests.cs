using System.Net;
using System.Net.Http.Json;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>POST /api/conferences and GET /api/conferences/{id}.</summary>
public class ConferenceEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    private static object ValidBody(string name = "DevConf") => new
    {
        name,
        timeZone = "Europe/Berlin",
        startsOn = "2027-05-14",
        endsOn = "2027-05-16",
        releaseCutoffMinutes = 90,
        roles = new object[] { new { name = "registration-desk" }, new { name = "session-chair", requiredQualification = "chair-briefing" } },
    };

    [Fact]
    public async Task Creating_a_conference_answers_201_with_its_location_and_body()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsJsonAsync("/api/conferences", ValidBody("Created Conf"));

        await response.AssertStatus(HttpStatusCode.Created);
        var body = await response.Body();
        var id = body.GetProperty("id").GetGuid();
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal($"/api/conferences/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Created Conf", body.GetProperty("name").GetString());
        Assert.Equal("Europe/Berlin", body.GetProperty("timeZone").GetString());
        Assert.Equal("2027-05-14", body.GetProperty("startsOn").GetString());
        Assert.Equal("2027-05-16", body.GetProperty("endsOn").GetString());
        Assert.Equal(90, body.GetProperty("releaseCutoffMinutes").GetInt32());
        Assert.Equal(2, body.GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public async Task A_conference_without_a_release_cutoff_gets_the_default_of_120_minutes()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsJsonAsync("/api/conferences", new
        {
            name = "Default cut-off",
            timeZone = "Etc/UTC",
            startsOn = "2027-05-14",
            endsOn = "2027-05-14",
            roles = new object[] { new { name = "desk" } },
        });

        await response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(120, (await response.Body()).GetProperty("releaseCutoffMinutes").GetInt32());
    }

    [Fact]
    public async Task Getting_a_conference_answers_200_with_its_roles_and_an_etag()
    {
        var id = await api.CreateConference();
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.GetAsync($"/api/conferences/{id}");

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(1, response.ETagVersion());
        var body = await response.Body();
        Assert.Equal(id, body.GetProperty("id").GetGuid());
        Assert.Equal("Etc/UTC", body.GetProperty("timeZone").GetString());
        var roles = body.GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(["registration-desk", "session-chair", "session-runner"], roles.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("chair-briefing", roles[1].GetProperty("requiredQualification").GetString());
    }

    [Fact]
    public async Task A_viewer_may_read_a_conference()
    {
        var id = await api.CreateConference();
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync($"/api/conferences/{id}");

        await response.AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Getting_an_unknown_conference_is_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/conferences/{Guid.CreateVersion7()}");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Getting_a_conference_by_a_shift_id_is_a_404_problem()
    {
        var conference = await api.CreateConference();
        var shift = await api.Schedule(conference, ShiftsApi.Day1.AddHours(9), TimeSpan.FromHours(1), 2);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/conferences/{shift.Id}");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_volunteer_creating_a_conference_is_refused_with_403()
    {
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());
        var before = await api.EventCount();

        var response = await volunteer.PostAsJsonAsync("/api/conferences", ValidBody());

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task A_viewer_creating_a_conference_is_refused_with_403()
    {
        using var viewer = api.AsViewer();

        var response = await viewer.PostAsJsonAsync("/api/conferences", ValidBody());

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_anonymous_caller_creating_a_conference_gets_a_401_problem()
    {
        using var anonymous = api.Anonymous();
        var before = await api.EventCount();

        var response = await anonymous.PostAsJsonAsync("/api/conferences", ValidBody());

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task An_anonymous_caller_reading_a_conference_gets_a_401_problem()
    {
        var id = await api.CreateConference();
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync($"/api/conferences/{id}");

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_gets_a_401_problem()
    {
        var forged = VolunteerOps.ServiceDefaults.Security.DevTokens.Mint(
            "another-signing-key-that-is-long-enough-0123456789", "coordinator-x", ["coordinator"], TimeSpan.FromHours(1));
        using var client = api.WithToken(forged);

        var response = await client.PostAsJsonAsync("/api/conferences", ValidBody());

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    public static TheoryData<string, string> InvalidConferences() => new()
    {
        { """{"timeZone":"Etc/UTC","startsOn":"2027-05-14","endsOn":"2027-05-16","roles":[{"name":"desk"}]}""", "name" },
        { """{"name":"  ","timeZone":"Etc/UTC","startsOn":"2027-05-14","endsOn":"2027-05-16","roles":[{"name":"desk"}]}""", "name" },
        { """{"name":"C","timeZone":"Mars/Olympus_Mons","startsOn":"2027-05-14","endsOn":"2027-05-16","roles":[{"name":"desk"}]}""", "timeZone" },
        { """{"name":"C","startsOn":"2027-05-14","endsOn":"2027-05-16","roles":[{"name":"desk"}]}""", "timeZone" },
        { """{"name":"C","timeZone":"Etc/UTC","endsOn":"2027-05-16","roles":[{"name":"desk"}]}""", "startsOn" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-14","roles":[{"name":"desk"}]}""", "endsOn" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-16","endsOn":"2027-05-14","roles":[{"name":"desk"}]}""", "endsOn" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-01","endsOn":"2027-07-01","roles":[{"name":"desk"}]}""", "endsOn" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-14","endsOn":"2027-05-16","roles":[]}""", "roles" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-14","endsOn":"2027-05-16"}""", "roles" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-14","endsOn":"2027-05-16","roles":[{"name":"desk"},{"name":"DESK"}]}""", "roles" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-14","endsOn":"2027-05-16","roles":[{"name":""}]}""", "roles[0].name" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-14","endsOn":"2027-05-16","roles":[{"name":"a"},{"requiredQualification":"x"}]}""", "roles[1].name" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-14","endsOn":"2027-05-16","releaseCutoffMinutes":-1,"roles":[{"name":"desk"}]}""", "releaseCutoffMinutes" },
        { """{"name":"C","timeZone":"Etc/UTC","startsOn":"2027-05-14","endsOn":"2027-05-16","releaseCutoffMinutes":20000,"roles":[{"name":"desk"}]}""", "releaseCutoffMinutes" },
    };

    [Theory]
    [MemberData(nameof(InvalidConferences))]
    public async Task An_invalid_conference_is_a_400_whose_errors_name_the_field(string json, string field)
    {
        using var coordinator = api.AsCoordinator();
        var before = await api.EventCount();

        var response = await coordinator.PostAsync("/api/conferences", EndpointHttp.RawJson(json));

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest, "validation");
        problem.AssertNamesField(field);
        Assert.Equal(before, await api.EventCount());
    }

    /// <summary>
    /// A conference's dates are any DateOnly the JSON can hold. Whatever the service decides about the edges of
    /// the calendar (refuse them with 400, or accept them), no later request about such a conference may fail with 5xx.
    /// </summary>
    private static async Task<Guid?> CreateAtTheEdge(HttpClient coordinator, string startsOn, string endsOn, string timeZone)
    {
        var created = await coordinator.PostAsync("/api/conferences", EndpointHttp.RawJson(
            $$"""{"name":"Edge of time","timeZone":"{{timeZone}}","startsOn":"{{startsOn}}","endsOn":"{{endsOn}}","roles":[{"name":"desk"}]}"""));
        Assert.True((int)created.StatusCode < 500, $"creating answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        if (created.StatusCode != HttpStatusCode.Created)
        {
            await created.AssertProblem(HttpStatusCode.BadRequest, "validation");
            return null;
        }

        return (await created.Body()).GetProperty("id").GetGuid();
    }

    private static async Task AssertNot5xx(HttpResponseMessage response, string what) =>
        Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    [Theory]
    [InlineData("9999-12-30", "9999-12-31", "Etc/UTC", "9999-12-31T10:00:00Z", "9999-12-31T11:00:00Z")]
    [InlineData("0001-01-01", "0001-01-02", "Pacific/Kiritimati", "0001-01-02T10:00:00Z", "0001-01-02T11:00:00Z")]
    public async Task A_conference_at_the_edge_of_the_calendar_never_makes_scheduling_answer_5xx(
        string startsOn, string endsOn, string timeZone, string startsAt, string endsAt)
    {
        using var coordinator = api.AsCoordinator();
        if (await CreateAtTheEdge(coordinator, startsOn, endsOn, timeZone) is not { } id)
        {
            return;
        }

        var scheduled = await coordinator.PostAsJsonAsync("/api/shifts", new
        {
            conferenceId = id,
            role = "desk",
            title = "Edge desk",
            location = "Hall",
            startsAt,
            endsAt,
            capacity = 1,
        });

        await AssertNot5xx(scheduled, "scheduling");
    }

    [Fact]
    public async Task A_conference_on_the_first_day_of_the_calendar_never_makes_release_or_check_in_answer_5xx()
    {
        using var coordinator = api.AsCoordinator();
        if (await CreateAtTheEdge(coordinator, "0001-01-01", "0001-01-01", "Etc/UTC") is not { } id)
        {
            return;
        }

        // Ten past midnight on 0001-01-01: the release cut-off (120 minutes) and the check-in window (30 minutes)
        // both reach back before the first representable instant.
        var scheduled = await coordinator.PostAsJsonAsync("/api/shifts", new
        {
            conferenceId = id,
            role = "desk",
            title = "First desk",
            location = "Hall",
            startsAt = "0001-01-01T00:10:00Z",
            endsAt = "0001-01-01T01:10:00Z",
            capacity = 2,
        });
        await AssertNot5xx(scheduled, "scheduling");
        if (scheduled.StatusCode != HttpStatusCode.Created)
        {
            return;
        }

        var shiftId = (await scheduled.Body()).GetProperty("id").GetGuid();
        Guid releasing = await api.NewVolunteer(), checkingIn = await api.NewVolunteer();
        await (await coordinator.PostAsJsonAsync($"/api/shifts/{shiftId}/claims", new { volunteerId = releasing })).AssertStatus(HttpStatusCode.Created);
        await (await coordinator.PostAsJsonAsync($"/api/shifts/{shiftId}/claims", new { volunteerId = checkingIn })).AssertStatus(HttpStatusCode.Created);
        using var releaser = api.AsVolunteer(releasing);
        using var checker = api.AsVolunteer(checkingIn);

        var release = await releaser.DeleteAsync($"/api/shifts/{shiftId}/claims/{releasing}");
        var checkIn = await checker.PostAsync($"/api/shifts/{shiftId}/check-ins", null);

        var answers = $"release {(int)release.StatusCode} {await release.Content.ReadAsStringAsync()}; " +
            $"check-in {(int)checkIn.StatusCode} {await checkIn.Content.ReadAsStringAsync()}";
        Assert.True((int)release.StatusCode < 500 && (int)checkIn.StatusCode < 500, answers);
    }
}
