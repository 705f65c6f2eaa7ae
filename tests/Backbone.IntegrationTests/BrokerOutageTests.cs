using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Messaging;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.ServiceDefaults.Telemetry;
using VolunteerOps.Testing;

namespace Backbone.IntegrationTests;

/// <summary>
/// RabbitMQ goes away for 15 s while volunteers keep claiming: the event store holds every claim until it is
/// back, and then the Roster and the Notifications service each take every claim exactly once. Meanwhile the
/// publishing backlog gauge shows the claims held back, and it is back at 0 once they are published.
/// </summary>
public sealed class BrokerOutageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly RabbitMqFixture broker = RabbitMqFixture.OnFixedPort(FreePort());

    public ValueTask InitializeAsync() => broker.InitializeAsync();

    public ValueTask DisposeAsync() => broker.DisposeAsync();

    [Fact]
    public async Task Claims_made_while_the_broker_is_down_reach_the_roster_and_notifications_exactly_once_after_it_returns()
    {
        await using var system = new SystemUnderTest(postgres, broker);
        await system.InitializeAsync();
        _ = system.Notifications.Services;
        var volunteers = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            volunteers.Add(await system.RegisterVolunteer());
        }

        var conference = await system.CreateConference();
        var shifts = new List<Guid>();
        for (var hour = 0; hour < 6; hour++)
        {
            shifts.Add(await system.Schedule(conference, SystemUnderTest.Day1.AddHours(hour), capacity: 12));
        }

        var outage = broker.Outage(TimeSpan.FromSeconds(15));
        var accepted = 0;
        long largestBacklog = 0;
        var shiftsSchema = system.Shifts.Services.GetRequiredService<IDocumentStore>().Options.Events.DatabaseSchemaName;
        using var coordinator = system.Shifts.AsCoordinator();
        foreach (var shift in shifts)
        {
            foreach (var volunteer in volunteers)
            {
                var response = await coordinator.PostAsJsonAsync($"/api/shifts/{shift}/claims", new { volunteerId = volunteer });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode); // claims never depend on the broker
                accepted++;
            }

            await Task.Delay(2000); // spread the claims across the outage
            largestBacklog = Math.Max(largestBacklog, PublishingBacklog(shiftsSchema));
        }

        await outage;
        Assert.True(largestBacklog > 0, "The publishing backlog gauge never showed the claims held back during the outage.");
        var rosterStore = system.Roster.Services.GetRequiredService<IDocumentStore>();
        // Generous: after the broker returns, MassTransit reconnects with its own backoff, and CI runs
        // several test assemblies on two cores at once.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        int scheduled;
        while ((scheduled = await RecoveryTests.CountScheduled(rosterStore, volunteers)) < accepted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var parked = await broker.MessageCount(system.Broker, Topology.RosterShiftEvents + "_error");
        Assert.True(scheduled == accepted, $"{scheduled} of {accepted} claims reached the Roster; {parked} messages in the error queue.");
        await Task.Delay(1500);
        Assert.Equal(accepted, await RecoveryTests.CountScheduled(rosterStore, volunteers));
        Assert.Equal(0, await broker.MessageCount(system.Broker, Topology.RosterShiftEvents + "_error"));

        var notifications = system.Notifications.Services.GetRequiredService<IDocumentStore>();
        deadline = DateTime.UtcNow.AddSeconds(60);
        while (await Confirmations(notifications) < accepted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await Task.Delay(1500);
        Assert.Equal(accepted, await Confirmations(notifications));
        Assert.Equal(0, await broker.MessageCount(system.Broker, Topology.NotificationsShiftEvents + "_error"));

        deadline = DateTime.UtcNow.AddSeconds(30); // the gauge is read every 5 s
        while (PublishingBacklog(shiftsSchema) != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.Equal(0, PublishingBacklog(shiftsSchema));
    }

    /// <summary>What the volunteerops.daemon.behind gauge reports now for the schema's publishing subscription (-1: nothing).</summary>
    private static long PublishingBacklog(string schema)
    {
        long value = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == VolunteerOpsTelemetry.MeterName && instrument.Name == "volunteerops.daemon.behind")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            if (labels["schema"] == schema && labels["shard"]!.StartsWith("integration-events", StringComparison.Ordinal))
            {
                value = measurement;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    /// <summary>Claim confirmations in the Notifications store (one per claim, or the count says otherwise).</summary>
    private static async Task<int> Confirmations(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        return await session.Query<Notification>().CountAsync(n => n.Kind == NotificationKinds.ClaimConfirmed);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
