using System.Net;
using System.Net.Http.Json;
using Marten;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Concurrency;

/// <summary>Races that would oversell a shift or double-book a volunteer if either guarantee were check-then-write.</summary>
public class ClaimRaceTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task Two_hundred_parallel_claims_on_five_seats_give_exactly_five_holders()
    {
        var conference = await api.CreateConference();
        var shift = await api.Schedule(conference, ShiftsApi.Day1.AddHours(9), TimeSpan.FromHours(2), capacity: 5);
        var volunteers = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7()).ToList();
        await api.Register(volunteers);
        var clients = volunteers.Select(api.AsVolunteer).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/shifts/{shift.Id}/claims", null)));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var slugs = await Task.WhenAll(responses.Where(r => r.StatusCode != HttpStatusCode.Created).Select(r => r.ProblemSlug()));
        Assert.Equal(195, slugs.Count(s => s == "shift-full"));
        var details = await api.Details(shift.Id);
        Assert.Equal(5, details.Holders.Count);
        Assert.Equal(5, details.Holders.Select(h => h.VolunteerId).Distinct().Count());
        Assert.Equal(ShiftStatus.Full, details.Status);
    }

    [Fact]
    public async Task One_volunteer_claiming_fifty_overlapping_shifts_at_once_gets_exactly_one()
    {
        var conference = await api.CreateConference();
        // Fifty shifts that all overlap each other: starts 1 minute apart, each 2 hours long.
        var shifts = new List<ShiftDetails>();
        for (var i = 0; i < 50; i++)
        {
            shifts.Add(await api.Schedule(conference, ShiftsApi.Day1.AddHours(9).AddMinutes(i), TimeSpan.FromHours(2), capacity: 3, location: $"Room {i}"));
        }

        var volunteer = Guid.CreateVersion7();
        await api.Register(volunteer);
        var clients = shifts.Select(_ => api.AsVolunteer(volunteer)).ToList();
        var responses = await Task.WhenAll(shifts.Select((s, i) => clients[i].PostAsync($"/api/shifts/{s.Id}/claims", null)));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var slugs = await Task.WhenAll(responses.Where(r => r.StatusCode != HttpStatusCode.Created).Select(r => r.ProblemSlug()));
        Assert.All(slugs, s => Assert.Equal("overlapping-shift", s));

        var held = 0;
        foreach (var s in shifts)
        {
            held += (await api.Details(s.Id)).Holders.Count(h => h.VolunteerId == volunteer);
        }

        Assert.Equal(1, held);
        await using var session = api.Store.QuerySession();
        var commitments = await session.LoadAsync<VolunteerCommitments>(VolunteerCommitments.StreamIdFor(volunteer));
        Assert.Single(commitments!.Shifts);
    }

    [Fact]
    public async Task The_same_claim_retried_twenty_times_with_one_idempotency_key_appends_one_event()
    {
        var conference = await api.CreateConference();
        var shift = await api.Schedule(conference, ShiftsApi.Day1.AddHours(12), TimeSpan.FromHours(1), capacity: 3);
        var volunteer = Guid.CreateVersion7();
        await api.Register(volunteer);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = api.AsVolunteer(volunteer);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/shifts/{shift.Id}/claims");
            request.Headers.Add("Idempotency-Key", key);
            var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        // Every retry gets the first answer: 201 with the same body.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(shift.Id);
        Assert.Single(events, e => e.Data is ShiftClaimed);
    }

    [Fact]
    public async Task A_repeated_claim_without_a_key_answers_200_with_the_existing_claim_and_no_new_event()
    {
        var conference = await api.CreateConference();
        var shift = await api.Schedule(conference, ShiftsApi.Day1.AddHours(14), TimeSpan.FromHours(1), capacity: 3);
        var volunteer = Guid.CreateVersion7();
        await api.Register(volunteer);
        using var client = api.AsVolunteer(volunteer);

        var first = await client.PostAsync($"/api/shifts/{shift.Id}/claims", null);
        var second = await client.PostAsync($"/api/shifts/{shift.Id}/claims", null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var claim = await second.Content.ReadFromJsonAsync<ClaimView>(ShiftsApi.Json);
        Assert.Equal(volunteer, claim!.VolunteerId);
        Assert.Equal(2, (await api.Details(shift.Id)).Version);
    }
}
