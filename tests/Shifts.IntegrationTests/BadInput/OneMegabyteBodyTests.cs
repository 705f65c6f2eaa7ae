using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shifts.IntegrationTests.Endpoints;

namespace Shifts.IntegrationTests.BadInput;

/// <summary>Bodies of 1 MB (the limit is 64 KB) on the real Kestrel server: 413 problem, nothing read, nothing written.</summary>
public class OneMegabyteBodyOverKestrelTests(KestrelShiftsApi api) : IClassFixture<KestrelShiftsApi>
{
    private static readonly string Big = new('x', BadRequestCatalogue.OneMegabyte);

    private async Task<(Guid Conference, Guid Shift, Guid Holder)> Scene()
    {
        using var coordinator = api.As("coordinator-kestrel", "coordinator");
        var day1 = new DateTimeOffset(api.Clock.GetUtcNow().UtcDateTime.Date.AddDays(2), TimeSpan.Zero);
        var conference = await coordinator.PostAsJsonAsync("/api/conferences", EndpointScene.ConferenceBody(day1), ShiftsApi.Json);
        await conference.AssertStatus(HttpStatusCode.Created);
        var conferenceId = (await conference.Body()).GetProperty("id").GetGuid();
        var shift = await coordinator.PostAsJsonAsync("/api/shifts", new
        {
            conferenceId,
            role = "registration-desk",
            title = "Desk",
            location = "Hall A",
            startsAt = day1.AddHours(9),
            endsAt = day1.AddHours(11),
            capacity = 3,
        }, ShiftsApi.Json);
        await shift.AssertStatus(HttpStatusCode.Created);
        var shiftId = (await shift.Body()).GetProperty("id").GetGuid();
        var holder = Guid.CreateVersion7();
        await api.RegisterVolunteer(holder);
        var claim = await coordinator.PostAsJsonAsync($"/api/shifts/{shiftId}/claims", new { volunteerId = holder }, ShiftsApi.Json);
        await claim.AssertStatus(HttpStatusCode.Created);
        return (conferenceId, shiftId, holder);
    }

    public static TheoryData<string, bool> Endpoints()
    {
        var data = new TheoryData<string, bool>();
        foreach (var endpoint in new[] { "conferences", "shifts", "patch", "cancel", "claims", "reassign", "check-ins", "no-shows" })
        {
            data.Add(endpoint, false);
            data.Add(endpoint, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_one_megabyte_body_is_a_413_problem_and_writes_nothing(string endpoint, bool chunked)
    {
        var (conference, shift, holder) = await Scene();
        var events = await api.EventCount();
        var day1 = new DateTimeOffset(api.Clock.GetUtcNow().UtcDateTime.Date.AddDays(2), TimeSpan.Zero); // as in Scene()
        var fresh = Guid.CreateVersion7();
        await api.RegisterVolunteer(fresh);
        // Each body is otherwise valid: only the size stands between it and a write.
        var (method, path, body) = endpoint switch
        {
            "conferences" => (HttpMethod.Post, "/api/conferences", (object)new { name = "Big", timeZone = "Etc/UTC", startsOn = "2027-06-01", endsOn = "2027-06-02", roles = new[] { new { name = "desk" } }, padding = Big }),
            "shifts" => (HttpMethod.Post, "/api/shifts", new { conferenceId = conference, role = "registration-desk", title = "Big", location = "Hall B", startsAt = day1.AddHours(13), endsAt = day1.AddHours(14), capacity = 1, notes = "ok", padding = Big }),
            "patch" => (HttpMethod.Patch, $"/api/shifts/{shift}", new { title = "Renamed", padding = Big }),
            "cancel" => (HttpMethod.Post, $"/api/shifts/{shift}/cancel", new { reason = "Big", padding = Big }),
            "claims" => (HttpMethod.Post, $"/api/shifts/{shift}/claims", new { volunteerId = fresh, padding = Big }),
            "reassign" => (HttpMethod.Post, $"/api/shifts/{shift}/reassign", new { fromVolunteerId = holder, toVolunteerId = fresh, padding = Big }),
            "check-ins" => (HttpMethod.Post, $"/api/shifts/{shift}/check-ins", new { volunteerId = holder, padding = Big }),
            _ => (HttpMethod.Post, $"/api/shifts/{shift}/no-shows", new { volunteerId = holder, padding = Big }),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ShiftsApi.Json);
        using var coordinator = api.As("coordinator-kestrel", "coordinator");

        // Kestrel answers 413 and closes the connection, which can reset an upload still in flight: the client asks
        // "Expect: 100-continue" (so it normally sends nothing once refused) and retries a reset connection.
        HttpResponseMessage? response = null;
        var resets = new List<string>();
        for (var attempt = 0; attempt < 3 && response is null; attempt++)
        {
            HttpContent content = chunked ? new StreamContent(new UnseekableStream(bytes)) : new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.ExpectContinue = true;
            try
            {
                response = await coordinator.SendAsync(request);
            }
            catch (HttpRequestException e)
            {
                resets.Add(e.Message);
            }
        }

        Assert.True(response is not null, $"no answer to a 1 MB {endpoint} body (chunked: {chunked}): {string.Join("; ", resets)}");
        var problem = await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.DoesNotContain("VolunteerOps.", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(events, await api.EventCount());
    }

    /// <summary>A stream without a length, so HttpClient sends the body chunked (no Content-Length to refuse up front).</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>The same limit on the in-memory host the other integration tests use.</summary>
public class OneMegabyteBodyInMemoryTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task An_otherwise_valid_claim_padded_to_one_megabyte_is_a_413_problem_and_writes_nothing()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var events = await api.EventCount();
        var json = $$"""{"volunteerId":"{{await api.NewVolunteer()}}","padding":"{{new string('x', BadRequestCatalogue.OneMegabyte)}}"}""";
        using var coordinator = api.AsCoordinator();

        var response = await coordinator.PostAsync($"/api/shifts/{shift.Id}/claims", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(events, await api.EventCount());
        Assert.Empty((await api.Details(shift.Id)).Holders);
    }
}
