using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Backbone.IntegrationTests;

/// <summary>
/// Scale-out: HTTP replicas (Worker:Enabled=false) take writes into the shared event store; the one worker publishes them.
/// Without a worker nothing is lost: writes still succeed and are published once a worker runs again.
/// </summary>
public class WorkerSplitTests(SystemUnderTest system) : IClassFixture<SystemUnderTest>
{
    [Fact]
    public async Task A_replica_takes_claims_without_a_broker_and_the_worker_publishes_them_even_after_being_away()
    {
        var first = await system.RegisterVolunteer();
        var second = await system.RegisterVolunteer();
        var conference = await system.CreateConference();
        var morning = await system.Schedule(conference, SystemUnderTest.Day1.AddDays(2).AddHours(9));
        var afternoon = await system.Schedule(conference, SystemUnderTest.Day1.AddDays(2).AddHours(14));
        await using var replica = system.StartShiftsReplica();
        Assert.Null(replica.Services.GetService<IBus>());
        using (var health = replica.Anonymous())
        {
            Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/health")).StatusCode);
        }

        using (var client = replica.AsVolunteer(first))
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/shifts/{morning}/claims", null)).StatusCode);
        }

        await SystemUnderTest.Eventually(async () => Holds(await system.Schedule(first), morning), "the worker publishes the replica's claim");

        await system.StopShifts(); // the worker is away (a crash, a rollout)
        using (var client = replica.AsVolunteer(second))
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/shifts/{afternoon}/claims", null)).StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(Holds(await system.Schedule(second), afternoon)); // nobody publishes while no worker runs

        system.StartShifts().StartServer(); // back: it resumes from its checkpoint
        await SystemUnderTest.Eventually(async () => Holds(await system.Schedule(second), afternoon), "the returning worker publishes what was written meanwhile");
    }

    private static bool Holds(System.Text.Json.JsonElement schedule, Guid shift) =>
        schedule.GetProperty("shifts").EnumerateArray().Any(s => s.GetProperty("shiftId").GetGuid() == shift);
}
