using System.Net;

namespace Roster.IntegrationTests.Volunteers;

/// <summary>The Idempotency-Key header on registration.</summary>
public class IdempotencyTests(RosterApi api) : IClassFixture<RosterApi>
{
    [Fact]
    public async Task The_same_key_and_body_twice_answer_the_same_201_and_register_one_volunteer()
    {
        var email = RosterApi.UniqueEmail("once");
        var body = new { name = "Only Once", email };
        var key = "register-" + Guid.NewGuid();
        // The key is per caller: both requests come from the same coordinator.
        using var coordinator = api.Coordinator();

        var first = await coordinator.Send(HttpMethod.Post, "/api/volunteers", body, idempotencyKey: key);
        var second = await coordinator.Send(HttpMethod.Post, "/api/volunteers", body, idempotencyKey: key);

        await first.AssertStatus(HttpStatusCode.Created);
        await second.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await api.VolunteersWithEmail(email));
        var id = (await first.Body()).GetProperty("id").GetGuid();
        Assert.Equal(1, await api.StreamVersion(id));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_idempotency_key_reused()
    {
        var key = "register-" + Guid.NewGuid();
        using var coordinator = api.Coordinator();
        await (await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "First", email = RosterApi.UniqueEmail() }, idempotencyKey: key))
            .AssertStatus(HttpStatusCode.Created);
        var otherEmail = RosterApi.UniqueEmail();

        var response = await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "Second", email = otherEmail }, idempotencyKey: key);

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(0, await api.VolunteersWithEmail(otherEmail));
    }
}
