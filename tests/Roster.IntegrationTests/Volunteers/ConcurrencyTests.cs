using System.Net;

namespace Roster.IntegrationTests.Volunteers;

/// <summary>Writes racing each other: the loser retries or is refused, nothing is lost, nothing answers 5xx.</summary>
public class ConcurrencyTests(RosterApi api) : IClassFixture<RosterApi>
{
    [Fact]
    public async Task Racing_registrations_with_one_email_register_exactly_one_volunteer()
    {
        var email = RosterApi.UniqueEmail("race");
        using var coordinator = api.Coordinator();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "Racer " + i, email })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblem(HttpStatusCode.Conflict, "duplicate-email");
        }

        Assert.Equal(1, await api.VolunteersWithEmail(email));
    }

    [Fact]
    public async Task Racing_grants_of_different_qualifications_all_land()
    {
        var id = await api.NewVolunteer();
        string[] qualifications = ["q1", "q2", "q3", "q4", "q5", "q6"];
        using var coordinator = api.Coordinator();

        var responses = await Task.WhenAll(qualifications.Select(q =>
            coordinator.Send(HttpMethod.Post, $"/api/volunteers/{id}/qualifications", new { qualification = q })));

        foreach (var response in responses)
        {
            await response.AssertStatus(HttpStatusCode.OK);
        }

        Assert.Equal(qualifications, (await api.Profile(id)).GetProperty("qualifications").Strings().Order());
        Assert.Equal(1 + qualifications.Length, await api.StreamVersion(id));
    }
}
