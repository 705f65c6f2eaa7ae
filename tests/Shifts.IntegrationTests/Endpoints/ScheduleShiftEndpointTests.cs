using System.Net;
using System.Net.Http.Json;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>POST /api/shifts and GET /api/shifts/{id}.</summary>
public class ScheduleShiftEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    private static object Body(Guid conferenceId, string role = "registration-desk", string startsAt = "2027-05-14T09:00:00Z",
        string endsAt = "2027-05-14T11:00:00Z", int capacity = 4, int? minimum = null) => new
    {
        conferenceId,
        role,
        title = "Morning desk",
        location = "Hall A",
        startsAt,
        endsAt,
        capacity,
        minimum,
        sessionRef = "S-12",
        notes = "Bring the badge printer.",
    };

    [Fact]
    public async Task Scheduling_answers_201_with_location_etag_1_and_the_details()
    {
        var conference = await api.CreateConference();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsJsonAsync("/api/shifts", Body(conference), ShiftsApi.Json);

        await response.AssertStatus(HttpStatusCode.Created);
        var details = await response.Body<ShiftDetails>();
        Assert.Equal($"/api/shifts/{details.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(1, details.Version);
        Assert.Equal(conference, details.ConferenceId);
        Assert.Equal("registration-desk", details.Role);
        Assert.Equal("Morning desk", details.Title);
        Assert.Equal("Hall A", details.Location);
        Assert.Equal(ShiftsApi.Day1.AddHours(9), details.StartsAt);
        Assert.Equal(ShiftsApi.Day1.AddHours(11), details.EndsAt);
        Assert.Equal(4, details.Capacity);
        Assert.Equal(4, details.Minimum); // the minimum defaults to the capacity
        Assert.Equal(0, details.Filled);
        Assert.Equal(ShiftStatus.Open, details.Status);
        Assert.Equal("S-12", details.SessionRef);
        Assert.Equal(120, details.ReleaseCutoffMinutes);
        Assert.Empty(details.Holders);
    }

    [Fact]
    public async Task A_time_with_another_offset_is_stored_as_the_same_instant()
    {
        var conference = await api.CreateConference();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsJsonAsync("/api/shifts",
            Body(conference, startsAt: "2027-05-14T11:00:00+02:00", endsAt: "2027-05-14T13:00:00+02:00"), ShiftsApi.Json);

        await response.AssertStatus(HttpStatusCode.Created);
        var details = await api.Details((await response.Body<ShiftDetails>()).Id);
        Assert.Equal(ShiftsApi.Day1.AddHours(9), details.StartsAt);
        Assert.Equal(ShiftsApi.Day1.AddHours(11), details.EndsAt);
    }

    [Fact]
    public async Task Scheduling_for_an_unknown_conference_is_422_unknown_conference()
    {
        using var coordinator = api.AsCoordinator();
        var before = await api.EventCount();

        var response = await coordinator.PostAsJsonAsync("/api/shifts", Body(Guid.CreateVersion7()), ShiftsApi.Json);

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown-conference");
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Scheduling_with_a_shift_id_as_the_conference_is_422_unknown_conference()
    {
        var conference = await api.CreateConference();
        var shift = await api.Schedule(conference, ShiftsApi.Day1.AddHours(8), TimeSpan.FromHours(1), 1);
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsJsonAsync("/api/shifts", Body(shift.Id), ShiftsApi.Json);

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown-conference");
    }

    [Fact]
    public async Task Scheduling_a_role_the_conference_does_not_have_is_422_unknown_role()
    {
        var conference = await api.CreateConference();
        using var coordinator = api.AsCoordinator();
        var before = await api.EventCount();

        var response = await coordinator.PostAsJsonAsync("/api/shifts", Body(conference, role: "juggler"), ShiftsApi.Json);

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "unknown-role");
        Assert.Equal(before, await api.EventCount());
    }

    [Theory]
    [InlineData("2027-05-13T22:00:00Z", "2027-05-14T01:00:00Z")]
    [InlineData("2027-05-16T23:00:00Z", "2027-05-17T01:00:00Z")]
    [InlineData("2027-06-01T09:00:00Z", "2027-06-01T10:00:00Z")]
    public async Task Scheduling_outside_the_conference_dates_is_422_outside_conference_dates(string startsAt, string endsAt)
    {
        var conference = await api.CreateConference();
        using var coordinator = api.AsCoordinator();
        var before = await api.EventCount();

        var response = await coordinator.PostAsJsonAsync("/api/shifts", Body(conference, startsAt: startsAt, endsAt: endsAt), ShiftsApi.Json);

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "outside-conference-dates");
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task A_shift_ending_exactly_at_the_end_of_the_last_day_is_inside_the_dates()
    {
        var conference = await api.CreateConference();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsJsonAsync("/api/shifts",
            Body(conference, startsAt: "2027-05-16T22:00:00Z", endsAt: "2027-05-17T00:00:00Z"), ShiftsApi.Json);

        await response.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_volunteer_scheduling_a_shift_is_refused_with_403()
    {
        var conference = await api.CreateConference();
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());
        var before = await api.EventCount();

        var response = await volunteer.PostAsJsonAsync("/api/shifts", Body(conference), ShiftsApi.Json);

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task An_anonymous_caller_scheduling_a_shift_gets_a_401_problem()
    {
        var conference = await api.CreateConference();
        using var anonymous = api.Anonymous();

        var response = await anonymous.PostAsJsonAsync("/api/shifts", Body(conference), ShiftsApi.Json);

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    public static TheoryData<string, string> InvalidShifts() => new()
    {
        { """{"role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T09:00:00Z","endsAt":"2027-05-14T10:00:00Z","capacity":2}""", "conferenceId" },
        { """{"conferenceId":"@C","title":"T","location":"L","startsAt":"2027-05-14T09:00:00Z","endsAt":"2027-05-14T10:00:00Z","capacity":2}""", "role" },
        { """{"conferenceId":"@C","role":"registration-desk","location":"L","startsAt":"2027-05-14T09:00:00Z","endsAt":"2027-05-14T10:00:00Z","capacity":2}""", "title" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","startsAt":"2027-05-14T09:00:00Z","endsAt":"2027-05-14T10:00:00Z","capacity":2}""", "location" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","endsAt":"2027-05-14T10:00:00Z","capacity":2}""", "startsAt" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T09:00:00Z","capacity":2}""", "endsAt" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T09:00:00Z","endsAt":"2027-05-14T10:00:00Z"}""", "capacity" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T10:00:00Z","endsAt":"2027-05-14T09:00:00Z","capacity":2}""", "endsAt" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T10:00:00Z","endsAt":"2027-05-14T10:00:00Z","capacity":2}""", "endsAt" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T00:00:00Z","endsAt":"2027-05-15T01:00:00Z","capacity":2}""", "endsAt" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T09:00:00Z","endsAt":"2027-05-14T10:00:00Z","capacity":0}""", "capacity" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T09:00:00Z","endsAt":"2027-05-14T10:00:00Z","capacity":1001}""", "capacity" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T09:00:00Z","endsAt":"2027-05-14T10:00:00Z","capacity":2,"minimum":3}""", "minimum" },
        { """{"conferenceId":"@C","role":"registration-desk","title":"T","location":"L","startsAt":"2027-05-14T09:00:00Z","endsAt":"2027-05-14T10:00:00Z","capacity":2,"minimum":-1}""", "minimum" },
    };

    [Theory]
    [MemberData(nameof(InvalidShifts))]
    public async Task An_invalid_shift_is_a_400_whose_errors_name_the_field(string json, string field)
    {
        var conference = await api.CreateConference();
        using var coordinator = api.AsCoordinator();
        var before = await api.EventCount();

        var response = await coordinator.PostAsync("/api/shifts", EndpointHttp.RawJson(json.Replace("@C", conference.ToString(), StringComparison.Ordinal)));

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest, "validation");
        problem.AssertNamesField(field);
        Assert.Equal(before, await api.EventCount());
    }

    [Fact]
    public async Task Details_answer_200_with_an_etag_equal_to_the_version()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var volunteer = await api.NewVolunteer();
        await scene.Hold(shift.Id, volunteer);
        using var viewer = api.AsViewer();

        var response = await viewer.GetAsync($"/api/shifts/{shift.Id}");

        await response.AssertStatus(HttpStatusCode.OK);
        var details = await response.Body<ShiftDetails>();
        Assert.Equal(2, details.Version);
        Assert.Equal(details.Version, response.ETagVersion());
        var holder = Assert.Single(details.Holders);
        Assert.Equal(volunteer, holder.VolunteerId);
        Assert.Equal(1, details.Filled);
    }

    [Fact]
    public async Task Details_of_an_unknown_shift_are_a_404_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts/{Guid.CreateVersion7()}");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Details_by_a_conference_id_are_a_404_problem()
    {
        var conference = await api.CreateConference();
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync($"/api/shifts/{conference}");

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Details_with_an_id_that_is_not_a_guid_are_a_400_problem()
    {
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.GetAsync("/api/shifts/not-a-guid");

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_anonymous_caller_reading_details_gets_a_401_problem()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync($"/api/shifts/{shift.Id}");

        await response.AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
