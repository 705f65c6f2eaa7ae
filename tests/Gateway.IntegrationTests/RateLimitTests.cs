using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests;

/// <summary>The gateway with its limits tight enough to hit in a test: 5 claims and 20 writes in a burst per caller.</summary>
public sealed class TightlyLimitedSystem(PostgresFixture postgres, RabbitMqFixture rabbit) : GatewaySystem(postgres, rabbit)
{
    public const int ClaimBurst = 5;
    public const int WriteBurst = 20;

    protected override IReadOnlyDictionary<string, string> GatewaySettings => new Dictionary<string, string>
    {
        ["Gateway:RateLimits:Claims:TokenLimit"] = ClaimBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimits:Claims:TokensPerPeriod"] = "1",
        ["Gateway:RateLimits:Claims:ReplenishmentPeriod"] = "00:01:00",
        ["Gateway:RateLimits:Writes:TokenLimit"] = WriteBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimits:Writes:TokensPerPeriod"] = "1",
        ["Gateway:RateLimits:Writes:ReplenishmentPeriod"] = "00:01:00",
    };
}

/// <summary>Per-caller limits: a burst above the limit gets 429 with Retry-After, and the service sees only what was let through.</summary>
public class RateLimitTests(TightlyLimitedSystem system) : IClassFixture<TightlyLimitedSystem>
{
    [Fact]
    public async Task A_burst_of_claims_above_the_limit_gets_429_and_only_the_allowed_claims_reach_the_service()
    {
        // The scenery is made directly at the services, so the gateway's buckets start full.
        using var setup = system.Shifts.AsCoordinator();
        var conference = await GatewaySystem.CreateConference(setup);
        var shift = await GatewaySystem.ScheduleShift(setup, conference, capacity: 50);
        using var roster = system.Roster.AsCoordinator();
        var volunteers = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            volunteers.Add(await RegisterDirectly(roster));
        }

        using var coordinator = system.AsCoordinator(); // one caller placing twelve volunteers
        var answers = await Task.WhenAll(volunteers.Select(v => coordinator.PostAsJsonAsync($"/api/shifts/{shift}/claims", new { volunteerId = v })));

        var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(TightlyLimitedSystem.ClaimBurst, created);
        Assert.Equal(volunteers.Count - TightlyLimitedSystem.ClaimBurst, limited.Count);
        foreach (var refusal in limited)
        {
            Assert.True(int.Parse(refusal.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            var problem = await refusal.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("https://volunteerops.dev/problems/rate-limited", problem.GetProperty("type").GetString());
        }

        await using var session = system.Shifts.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var holders = (await session.LoadAsync<Shift>(shift))!.Holders.Count;
        Assert.Equal(created, holders);
    }

    [Fact]
    public async Task Each_caller_has_a_bucket_of_their_own()
    {
        using var setup = system.Shifts.AsCoordinator();
        var conference = await GatewaySystem.CreateConference(setup);
        var shift = await GatewaySystem.ScheduleShift(setup, conference, capacity: 50, hour: 11);
        using var roster = system.Roster.AsCoordinator();
        var (greedy, patient) = (await RegisterDirectly(roster), await RegisterDirectly(roster));
        using var greedyClient = system.AsVolunteer(greedy);
        using var patientClient = system.AsVolunteer(patient);

        for (var i = 0; i < TightlyLimitedSystem.ClaimBurst + 3; i++)
        {
            await greedyClient.PostAsync($"/api/shifts/{shift}/claims", null);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await greedyClient.PostAsync($"/api/shifts/{shift}/claims", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await patientClient.PostAsync($"/api/shifts/{shift}/claims", null)).StatusCode);
    }

    [Fact]
    public async Task Reads_are_not_limited()
    {
        using var coordinator = system.AsCoordinator();
        var answers = await Task.WhenAll(Enumerable.Range(0, TightlyLimitedSystem.WriteBurst * 2).Select(_ => coordinator.GetAsync("/api/shifts?limit=1")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    private async Task<Guid> RegisterDirectly(HttpClient roster)
    {
        var id = Guid.CreateVersion7();
        var response = await roster.PostAsJsonAsync("/api/volunteers", new { id, name = "Volunteer " + id.ToString()[..8], email = $"{id:N}@example.org" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await system.WaitUntilClaimable(id);
        return id;
    }
}
