using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>
/// A conference whose days lie just after the class's fake clock, so a test can move the clock forward to
/// any moment around its own shifts without depending on what the other tests of the class did first
/// (the clock is shared by a class and never goes back).
/// </summary>
public sealed class EndpointScene
{
    private EndpointScene(ShiftsApi api, Guid conferenceId, DateTimeOffset day1)
    {
        Api = api;
        ConferenceId = conferenceId;
        Day1 = day1;
    }

    public ShiftsApi Api { get; }

    public Guid ConferenceId { get; }

    /// <summary>Midnight (UTC) of the conference's first day; the conference has three days.</summary>
    public DateTimeOffset Day1 { get; }

    public static async Task<EndpointScene> Create(ShiftsApi api, int? releaseCutoffMinutes = null)
    {
        var day1 = new DateTimeOffset(api.Clock.GetUtcNow().UtcDateTime.Date.AddDays(2), TimeSpan.Zero);
        using var coordinator = api.AsCoordinator();
        var response = await coordinator.PostAsJsonAsync("/api/conferences", ConferenceBody(day1, releaseCutoffMinutes), ShiftsApi.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ShiftsApi.Json)).GetProperty("id").GetGuid();
        return new EndpointScene(api, id, day1);
    }

    public static object ConferenceBody(DateTimeOffset day1, int? releaseCutoffMinutes = null) => new
    {
        name = "Scene Conf",
        timeZone = "Etc/UTC",
        startsOn = Day(day1),
        endsOn = Day(day1.AddDays(2)),
        releaseCutoffMinutes,
        roles = new object[]
        {
            new { name = "registration-desk" },
            new { name = "session-chair", requiredQualification = "chair-briefing" },
            new { name = "session-runner" },
        },
    };

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A shift on the given day (1..3) of the scene, from the given hour (UTC).</summary>
    public Task<ShiftDetails> Shift(double hour, double hours = 2, int capacity = 3, int day = 1,
        string location = "Hall A", string role = "registration-desk", string title = "Desk", int? minimum = null) =>
        Api.Schedule(ConferenceId, At(day, hour), TimeSpan.FromHours(hours), capacity, role, title, location, minimum);

    public DateTimeOffset At(int day, double hour) => Day1.AddDays(day - 1).AddHours(hour);

    /// <summary>A new volunteer the Shifts service knows (as if the Roster had announced them), with these qualifications.</summary>
    public Task<Guid> Volunteer(params string[] qualifications) => Api.NewVolunteer(qualifications);

    /// <summary>Claims a seat for the volunteer (as a coordinator) and insists it worked; registers the volunteer first if needed.</summary>
    public async Task Hold(Guid shiftId, Guid volunteerId)
    {
        await Api.RegisterVolunteer(volunteerId);
        using var coordinator = Api.AsCoordinator();
        var response = await coordinator.PostAsJsonAsync($"/api/shifts/{shiftId}/claims", new { volunteerId }, ShiftsApi.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"seeding a claim: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Moves the class's clock forward (never back) to the given moment.</summary>
    public void ClockAt(DateTimeOffset at)
    {
        Assert.True(at >= Api.Clock.GetUtcNow(), $"the scene wants {at:O} but the clock is already at {Api.Clock.GetUtcNow():O}");
        Api.Clock.SetUtcNow(at);
    }
}

/// <summary>Small HTTP helpers the endpoint tests share (ShiftsApi has only the scene builders).</summary>
public static class EndpointHttp
{
    public const string ProblemPrefix = "https://volunteerops.dev/problems/";

    public static HttpClient CoordinatorNamed(this ShiftsApi api, string subject) => api.As(subject, Roles.Coordinator);

    /// <summary>A new volunteer id the Shifts service knows as registered and active.</summary>
    public static async Task<Guid> NewVolunteer(this ShiftsApi api, params string[] qualifications)
    {
        var id = Guid.CreateVersion7();
        await api.RegisterVolunteer(id, active: true, qualifications);
        return id;
    }

    public static Task RegisterVolunteer(this ShiftsApi api, Guid id) => VolunteerRegistry.EnsureKnown(api.Store, id);

    /// <summary>Registers the volunteer with the Shifts service's view of volunteers (see <see cref="VolunteerRegistry"/>).</summary>
    public static Task RegisterVolunteer(this ShiftsApi api, Guid id, bool active, params string[] qualifications) =>
        VolunteerRegistry.Register(api.Store, id, active, qualifications);

    public static StringContent JsonContent(object body) => TestHttp.JsonContent(body);

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");


    public static Task<HttpResponseMessage> Patch(this HttpClient client, string path, object body, string? ifMatch = null) =>
        client.Send(HttpMethod.Patch, path, body, ifMatch);

    public static async Task<JsonElement> Body(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<T> Body<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ShiftsApi.Json))!;

    public static async Task AssertStatus(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The version in the ETag header ("3" → 3).</summary>
    public static long ETagVersion(this HttpResponseMessage response)
    {
        var tag = response.Headers.ETag;
        Assert.NotNull(tag);
        Assert.False(tag.IsWeak);
        return long.Parse(tag.Tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>The shift's history, read as a coordinator.</summary>
    public static async Task<List<JsonElement>> History(this ShiftsApi api, Guid shiftId)
    {
        using var coordinator = api.AsCoordinator();
        var response = await coordinator.GetAsync($"/api/shifts/{shiftId}/history");
        await response.AssertStatus(HttpStatusCode.OK);
        return [.. (await response.Body()).EnumerateArray()];
    }

    public static string Type(this JsonElement historyEntry) => historyEntry.GetProperty("type").GetString()!;

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The errors member of a validation problem names the field.</summary>
    public static void AssertNamesField(this JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"a validation problem has errors: {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors name '{field}': {errors}");
        Assert.True(messages.GetArrayLength() > 0);
    }
}
