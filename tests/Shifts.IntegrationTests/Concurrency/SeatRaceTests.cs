using System.Net;
using System.Net.Http.Json;
using Marten;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.IntegrationTests.Concurrency;

/// <summary>A claim, a release and a reassign racing for the same seat, many times over.</summary>
public class SeatRaceTests(ShiftsApi api) : IClassFixture<ShiftsApi>
{
    [Fact]
    public async Task Claim_release_and_reassign_racing_leave_a_state_equal_to_the_replay_of_the_stored_events()
    {
        var conference = await api.CreateConference();
        using var coordinator = api.AsCoordinator();
        for (var round = 0; round < 25; round++)
        {
            var shift = await api.Schedule(conference, ShiftsApi.Day1.AddHours(10), TimeSpan.FromHours(1), capacity: 1);
            Guid a = Guid.CreateVersion7(), b = Guid.CreateVersion7(), c = Guid.CreateVersion7();
            await api.Register(a, b, c);
            var seeded = await coordinator.PostAsJsonAsync($"/api/shifts/{shift.Id}/claims", new { volunteerId = a });
            Assert.Equal(HttpStatusCode.Created, seeded.StatusCode);

            using var volunteerB = api.AsVolunteer(b);
            var responses = await Task.WhenAll(
                volunteerB.PostAsync($"/api/shifts/{shift.Id}/claims", null),
                coordinator.DeleteAsync($"/api/shifts/{shift.Id}/claims/{a}"),
                coordinator.PostAsJsonAsync($"/api/shifts/{shift.Id}/reassign", new { fromVolunteerId = a, toVolunteerId = c }));

            Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
            await AssertConsistent(shift.Id, [a, b, c]);
        }
    }

    /// <summary>
    /// The stored snapshot equals a replay of the events, capacity holds, and each volunteer's
    /// commitments agree with the seats: a volunteer is committed to the shift exactly when they hold it.
    /// </summary>
    private async Task AssertConsistent(Guid shiftId, Guid[] volunteers)
    {
        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(shiftId);
        var replayed = events.Select(e => e.Data).OfType<IShiftEvent>().Aggregate((Shift?)null, Shift.Fold)!;
        var stored = await api.Details(shiftId);

        Assert.Equal(replayed.Holders.Select(h => h.VolunteerId).Order(), stored.Holders.Select(h => h.VolunteerId).Order());
        Assert.Equal(events.Count, stored.Version);
        Assert.True(stored.Holders.Count <= stored.Capacity, $"{stored.Holders.Count} holders on {stored.Capacity} seats");

        foreach (var volunteer in volunteers)
        {
            var commitments = await session.LoadAsync<VolunteerCommitments>(VolunteerCommitments.StreamIdFor(volunteer));
            var committed = commitments?.Shifts.Any(s => s.ShiftId == shiftId) ?? false;
            Assert.Equal(stored.Holders.Any(h => h.VolunteerId == volunteer), committed);
        }
    }
}
