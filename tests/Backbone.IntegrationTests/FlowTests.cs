using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VolunteerOps.Testing;

namespace Backbone.IntegrationTests;

/// <summary>Roster and Shifts cooperating through RabbitMQ, end to end over HTTP.</summary>
public class FlowTests(SystemUnderTest system) : IClassFixture<SystemUnderTest>
{
    /// <summary>The deactivation test moves the shared clock into day 1, so the other tests claim on the last day.</summary>
    private static readonly DateTimeOffset LastDay = SystemUnderTest.Day1.AddDays(2);

    [Fact]
    public async Task A_registered_qualified_volunteer_claims_a_chair_shift_and_it_appears_in_their_schedule_and_the_roster()
    {
        var volunteer = await system.RegisterVolunteer("chair-briefing");
        var conference = await system.CreateConference();
        var shift = await system.Schedule(conference, LastDay.AddHours(10), capacity: 1, role: "session-chair", hours: 2);

        using var client = system.Shifts.AsVolunteer(volunteer);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/shifts/{shift}/claims", null)).StatusCode);

        await SystemUnderTest.Eventually(async () => (await system.Schedule(volunteer)).GetProperty("shifts").GetArrayLength() == 1, "the claim reaches the schedule");
        var schedule = await system.Schedule(volunteer);
        Assert.Equal(shift, schedule.GetProperty("shifts")[0].GetProperty("shiftId").GetGuid());
        Assert.Equal(2.0, schedule.GetProperty("totalHours").GetDouble());

        using var coordinator = system.Roster.AsCoordinator();
        var roster = await coordinator.GetFromJsonAsync<JsonElement>($"/api/roster?conferenceId={conference}&role=session-chair");
        var holder = roster.EnumerateArray().Single(e => e.GetProperty("shiftId").GetGuid() == shift).GetProperty("holders")[0];
        Assert.Equal(volunteer, holder.GetProperty("volunteerId").GetGuid());
        Assert.StartsWith("Volunteer ", holder.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_volunteer_without_the_chair_briefing_is_refused_until_a_coordinator_grants_it()
    {
        var volunteer = await system.RegisterVolunteer();
        var conference = await system.CreateConference();
        var shift = await system.Schedule(conference, LastDay.AddHours(12), capacity: 1, role: "session-chair");
        using var client = system.Shifts.AsVolunteer(volunteer);

        var refused = await client.PostAsync($"/api/shifts/{shift}/claims", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("/not-qualified", await refused.Content.ReadAsStringAsync());

        using var coordinator = system.Roster.AsCoordinator();
        await coordinator.PostAsJsonAsync($"/api/volunteers/{volunteer}/qualifications", new { qualification = "chair-briefing" });
        await SystemUnderTest.Eventually(async () =>
            (await client.PostAsync($"/api/shifts/{shift}/claims", null)).StatusCode == HttpStatusCode.Created, "the qualification reaches Shifts");
    }

    [Fact]
    public async Task A_volunteer_the_roster_has_never_seen_is_refused_as_unknown()
    {
        var conference = await system.CreateConference();
        var shift = await system.Schedule(conference, LastDay.AddHours(14));
        using var client = system.Shifts.AsVolunteer(Guid.CreateVersion7());

        var refused = await client.PostAsync($"/api/shifts/{shift}/claims", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("/unknown-volunteer", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Deactivation_releases_future_claims_and_leaves_past_ones_in_the_history()
    {
        var volunteer = await system.RegisterVolunteer();
        var conference = await system.CreateConference();
        var past = await system.Schedule(conference, SystemUnderTest.Day1.AddHours(8));
        var future = await system.Schedule(conference, SystemUnderTest.Day1.AddDays(1).AddHours(8));
        using var client = system.Shifts.AsVolunteer(volunteer);
        system.Shifts.Clock.SetUtcNow(SystemUnderTest.Day1.AddDays(-1));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/shifts/{past}/claims", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/shifts/{future}/claims", null)).StatusCode);
        system.Shifts.Clock.SetUtcNow(SystemUnderTest.Day1.AddHours(12)); // the first shift is over, the second is tomorrow

        using var coordinator = system.Roster.AsCoordinator();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/volunteers/{volunteer}/deactivate", new { reason = "left the event" })).StatusCode);

        using var shiftsCoordinator = system.Shifts.AsCoordinator();
        await SystemUnderTest.Eventually(async () =>
            (await shiftsCoordinator.GetFromJsonAsync<JsonElement>($"/api/shifts/{future}")).GetProperty("filled").GetInt32() == 0, "the future claim is released");
        var history = await shiftsCoordinator.GetFromJsonAsync<JsonElement>($"/api/shifts/{future}/history");
        Assert.Equal("system:deactivation", history.EnumerateArray().Last().GetProperty("by").GetString());
        var pastShift = await shiftsCoordinator.GetFromJsonAsync<JsonElement>($"/api/shifts/{past}");
        Assert.Equal(volunteer, pastShift.GetProperty("holders")[0].GetProperty("volunteerId").GetGuid());

        var another = await system.Schedule(conference, SystemUnderTest.Day1.AddDays(2).AddHours(8));
        var refused = await client.PostAsync($"/api/shifts/{another}/claims", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    [Fact]
    public async Task A_first_claim_racing_a_deactivation_never_leaves_the_deactivated_volunteer_holding_a_future_seat()
    {
        var conference = await system.CreateConference();
        using var rosterCoordinator = system.Roster.AsCoordinator();
        using var shiftsCoordinator = system.Shifts.AsCoordinator();
        var shifts = new List<Guid>();
        for (var round = 0; round < 8; round++)
        {
            var volunteer = await system.RegisterVolunteer();
            var shift = await system.Schedule(conference, LastDay.AddHours(16), capacity: 10);
            shifts.Add(shift);
            using var client = system.Shifts.AsVolunteer(volunteer);
            await Task.WhenAll(
                client.PostAsync($"/api/shifts/{shift}/claims", null),
                rosterCoordinator.PostAsJsonAsync($"/api/volunteers/{volunteer}/deactivate", new { reason = "race" }));
        }

        foreach (var shift in shifts)
        {
            await SystemUnderTest.Eventually(async () =>
                (await shiftsCoordinator.GetFromJsonAsync<JsonElement>($"/api/shifts/{shift}")).GetProperty("filled").GetInt32() == 0,
                "the deactivated volunteer holds no future seat");
        }
    }
}
