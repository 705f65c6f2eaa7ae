using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Roster.Schedules;
using VolunteerOps.Shifts.Volunteers;
using VolunteerOps.Testing;

namespace Backbone.IntegrationTests;

/// <summary>Hosts that start late or stop in the middle: nothing published may be lost or applied twice.</summary>
public class RecoveryTests(PostgresFixture postgres, RabbitMqFixture rabbit)
{
    [Fact]
    public async Task Events_appended_before_a_consuming_service_ever_started_still_reach_it()
    {
        await using var system = new SystemUnderTest(postgres, rabbit);
        await system.InitializeAsync();
        using var coordinator = system.Roster.AsCoordinator();
        var volunteer = Guid.CreateVersion7();
        await coordinator.PostAsJsonAsync("/api/volunteers", new { id = volunteer, name = "Early Bird", email = $"{volunteer:N}@example.org" });
        await coordinator.PostAsJsonAsync($"/api/volunteers/{volunteer}/qualifications", new { qualification = "chair-briefing" });
        await Task.Delay(1500); // the Roster has published both by now, to queues the Shifts service has never bound

        var shiftsStore = system.Shifts.Services.GetRequiredService<IDocumentStore>();
        await SystemUnderTest.Eventually(async () =>
        {
            await using var session = shiftsStore.QuerySession();
            return (await session.LoadAsync<KnownVolunteer>(volunteer))?.Has("chair-briefing") == true;
        }, "the Shifts service learns what happened before it started");
    }

    [Fact]
    public async Task A_shifts_host_stopped_mid_stream_resumes_publishing_from_its_checkpoint_with_no_gap_and_no_double_effect()
    {
        await using var system = new SystemUnderTest(postgres, rabbit);
        await system.InitializeAsync();
        var volunteers = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            volunteers.Add(await system.RegisterVolunteer());
        }

        var conference = await system.CreateConference();
        var shifts = new List<Guid>();
        for (var hour = 0; hour < 8; hour++)
        {
            shifts.Add(await system.Schedule(conference, SystemUnderTest.Day1.AddHours(hour), capacity: 10));
        }

        var claims = 0;
        foreach (var (shift, index) in shifts.Select((s, i) => (s, i)))
        {
            if (index == 4)
            {
                await system.StopShifts(); // mid-stream: some claims published, the rest waiting in the event store
                system.StartShifts();
            }

            using var coordinator = system.Shifts.AsCoordinator();
            foreach (var volunteer in volunteers)
            {
                var response = await coordinator.PostAsJsonAsync($"/api/shifts/{shift}/claims", new { volunteerId = volunteer });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                claims++;
            }
        }

        var rosterStore = system.Roster.Services.GetRequiredService<IDocumentStore>();
        await SystemUnderTest.Eventually(async () => await CountScheduled(rosterStore, volunteers) == claims, $"all {claims} claims reach the Roster");
        await Task.Delay(1000);
        Assert.Equal(claims, await CountScheduled(rosterStore, volunteers));
        await using var session = rosterStore.QuerySession();
        var reliability = await session.LoadManyAsync<ReliabilityProfile>(volunteers);
        Assert.Equal(claims, reliability.Sum(r => r.Claims));
    }

    internal static async Task<int> CountScheduled(IDocumentStore rosterStore, IEnumerable<Guid> volunteers)
    {
        await using var session = rosterStore.QuerySession();
        var schedules = await session.LoadManyAsync<VolunteerSchedule>(volunteers);
        return schedules.Sum(s => s.Shifts.Count);
    }
}
