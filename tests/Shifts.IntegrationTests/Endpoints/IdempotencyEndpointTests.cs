using System.Net;
using Marten;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>The Idempotency-Key header on writes.</summary>
public class IdempotencyEndpointTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_idempotency_key_reused()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        Guid a = await api.NewVolunteer(), b = await api.NewVolunteer();
        var key = "claim-" + Guid.NewGuid();
        using var coordinator = api.AsCoordinator();
        var first = await coordinator.Send(HttpMethod.Post, $"/api/shifts/{shift.Id}/claims", new { volunteerId = a }, idempotencyKey: key);
        await first.AssertStatus(HttpStatusCode.Created);
        var events = await api.EventCount();

        var second = await coordinator.Send(HttpMethod.Post, $"/api/shifts/{shift.Id}/claims", new { volunteerId = b }, idempotencyKey: key);

        await second.AssertProblem(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(events, await api.EventCount());
        Assert.Equal([a], (await api.Details(shift.Id)).Holders.Select(h => h.VolunteerId));
    }

    [Fact]
    public async Task The_same_key_on_another_path_is_422_idempotency_key_reused()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var other = await scene.Shift(13);
        var key = "claim-" + Guid.NewGuid();
        var volunteer = await api.NewVolunteer();
        using var self = api.AsVolunteer(volunteer);
        await (await self.Send(HttpMethod.Post, $"/api/shifts/{shift.Id}/claims", idempotencyKey: key)).AssertStatus(HttpStatusCode.Created);

        var second = await self.Send(HttpMethod.Post, $"/api/shifts/{other.Id}/claims", idempotencyKey: key);

        await second.AssertProblem(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Empty((await api.Details(other.Id)).Holders);
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer_without_a_second_shift()
    {
        var conference = await EndpointScene.Create(api);
        var key = "schedule-" + Guid.NewGuid();
        var body = new
        {
            conferenceId = conference.ConferenceId,
            role = "registration-desk",
            title = "Once",
            location = "Hall A",
            startsAt = conference.At(1, 9),
            endsAt = conference.At(1, 10),
            capacity = 2,
        };
        using var coordinator = api.AsCoordinator();
        var first = await coordinator.Send(HttpMethod.Post, "/api/shifts", body, idempotencyKey: key);
        await first.AssertStatus(HttpStatusCode.Created);
        var events = await api.EventCount();

        var second = await coordinator.Send(HttpMethod.Post, "/api/shifts", body, idempotencyKey: key);

        await second.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(events, await api.EventCount());
        await using var session = api.Store.QuerySession();
        Assert.Equal(1, await session.Query<Shift>().CountAsync(s => s.ConferenceId == conference.ConferenceId));
    }

    [Fact]
    public async Task The_same_key_from_another_caller_is_a_separate_request()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var key = "shared-key-" + Guid.NewGuid();
        Guid a = await api.NewVolunteer(), b = await api.NewVolunteer();
        using var volunteerA = api.AsVolunteer(a);
        using var volunteerB = api.AsVolunteer(b);

        var first = await volunteerA.Send(HttpMethod.Post, $"/api/shifts/{shift.Id}/claims", idempotencyKey: key);
        var second = await volunteerB.Send(HttpMethod.Post, $"/api/shifts/{shift.Id}/claims", idempotencyKey: key);

        await first.AssertStatus(HttpStatusCode.Created);
        await second.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(new[] { a, b }.Order(), (await api.Details(shift.Id)).Holders.Select(h => h.VolunteerId).Order());
    }

    [Fact]
    public async Task A_key_longer_than_200_characters_is_a_400_problem_and_writes_nothing()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        var events = await api.EventCount();
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.Send(HttpMethod.Post, $"/api/shifts/{shift.Id}/claims", idempotencyKey: new string('k', 201));

        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid-idempotency-key");
        Assert.Equal(events, await api.EventCount());
    }

    [Fact]
    public async Task A_key_of_exactly_200_characters_is_accepted()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.Send(HttpMethod.Post, $"/api/shifts/{shift.Id}/claims", idempotencyKey: new string('k', 200));

        await response.AssertStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_key_with_a_space_is_a_400_problem()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(9);
        using var volunteer = api.AsVolunteer(await api.NewVolunteer());

        var response = await volunteer.Send(HttpMethod.Post, $"/api/shifts/{shift.Id}/claims", idempotencyKey: "two words");

        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid-idempotency-key");
        Assert.Empty((await api.Details(shift.Id)).Holders);
    }
}
