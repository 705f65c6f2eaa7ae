using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.ServiceDefaults.Json;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Testing;

namespace Shifts.IntegrationTests;

/// <summary>
/// The Shifts service on real PostgreSQL (a schema per test class) and a real RabbitMQ (it publishes its
/// events; no Roster runs here), with helpers to set the scene.
/// </summary>
public sealed class ShiftsApi(PostgresFixture postgres, RabbitMqFixture rabbit)
    : ServiceFactory<Program>(postgres, new Dictionary<string, string> { ["ConnectionStrings:RabbitMq"] = rabbit.ConnectionString })
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>The conference runs 2027-05-14..16 (UTC); the clock starts on 2027-05-01.</summary>
    public static readonly DateTimeOffset Day1 = new(2027, 5, 14, 0, 0, 0, TimeSpan.Zero);

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>Volunteers the Shifts service knows as registered and active.</summary>
    public Task Register(params IEnumerable<Guid> volunteers) => Endpoints.VolunteerRegistry.EnsureKnown(Store, volunteers);

    public async Task<Guid> CreateConference(int releaseCutoffMinutes = 120)
    {
        using var coordinator = AsCoordinator();
        var response = await coordinator.PostAsJsonAsync("/api/conferences", new
        {
            name = "Test Conf",
            timeZone = "Etc/UTC",
            startsOn = "2027-05-14",
            endsOn = "2027-05-16",
            releaseCutoffMinutes,
            roles = new object[]
            {
                new { name = "registration-desk" },
                new { name = "session-chair", requiredQualification = "chair-briefing" },
                new { name = "session-runner" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
    }

    public async Task<ShiftDetails> Schedule(Guid conferenceId, DateTimeOffset startsAt, TimeSpan length, int capacity,
        string role = "registration-desk", string title = "Desk", string location = "Hall A", int? minimum = null)
    {
        using var coordinator = AsCoordinator();
        var response = await coordinator.PostAsJsonAsync("/api/shifts", new
        {
            conferenceId,
            role,
            title,
            location,
            startsAt,
            endsAt = startsAt + length,
            capacity,
            minimum,
        }, Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShiftDetails>(Json))!;
    }

    public async Task<ShiftDetails> Details(Guid shiftId)
    {
        using var coordinator = AsCoordinator();
        return (await coordinator.GetFromJsonAsync<ShiftDetails>($"/api/shifts/{shiftId}", Json))!;
    }

    /// <summary>Every event in this class's event store: "nothing written" means this does not change.</summary>
    public async Task<long> EventCount()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        return options;
    }
}

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 answer with our stable type slug, and returns the document.</summary>
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, HttpStatusCode status, string? slug = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("https://volunteerops.dev/problems/", problem.GetProperty("type").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _), "problem details carry a traceId");
        if (slug is not null)
        {
            Assert.Equal("https://volunteerops.dev/problems/" + slug, problem.GetProperty("type").GetString());
        }

        return problem;
    }

    public static async Task<string?> ProblemSlug(this HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        var type = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString();
        return type?.Replace("https://volunteerops.dev/problems/", "", StringComparison.Ordinal);
    }
}
