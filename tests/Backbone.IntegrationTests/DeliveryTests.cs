using System.Net.Http.Json;
using System.Text.Json;
using VolunteerOps.Contracts.Shifts;
using VolunteerOps.Messaging;

namespace Backbone.IntegrationTests;

/// <summary>What the broker can do to a message: deliver it twice, or carry one that can never be handled.</summary>
public class DeliveryTests(SystemUnderTest system) : IClassFixture<SystemUnderTest>
{
    private static readonly DateTimeOffset Start = SystemUnderTest.Day1.AddHours(9);

    [Fact]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        _ = system.Roster.Services;
        var (shift, volunteer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await system.Publish(Scheduled(shift), Guid.NewGuid());
        var claimed = new ShiftClaimedV1(shift, 2, volunteer, "test", Start.AddDays(-3), false);
        var messageId = Guid.NewGuid();

        await system.Publish(claimed, messageId);
        await system.Publish(claimed, messageId);
        // The same fact under another message id (a re-publish after a crash): the stream version catches it.
        await system.Publish(claimed, Guid.NewGuid());

        await SystemUnderTest.Eventually(async () => (await system.Schedule(volunteer)).GetProperty("shifts").GetArrayLength() == 1, "the claim arrives");
        await Task.Delay(1000);
        Assert.Equal(1, (await system.Schedule(volunteer)).GetProperty("shifts").GetArrayLength());
        using var coordinator = system.Roster.AsCoordinator();
        var reliability = await coordinator.GetFromJsonAsync<JsonElement>($"/api/volunteers/{volunteer}/reliability");
        Assert.Equal(1, reliability.GetProperty("claims").GetInt32());
    }

    [Fact]
    public async Task A_poison_message_lands_in_the_error_queue_and_the_messages_behind_it_keep_flowing()
    {
        _ = system.Roster.Services;
        await system.Publish(new ShiftClaimedV1(Guid.Empty, 0, Guid.CreateVersion7(), "test", Start, false), Guid.NewGuid());
        var (shift, volunteer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await system.Publish(Scheduled(shift), Guid.NewGuid());
        await system.Publish(new ShiftClaimedV1(shift, 2, volunteer, "test", Start.AddDays(-3), false), Guid.NewGuid());

        await SystemUnderTest.Eventually(async () => (await system.Schedule(volunteer)).GetProperty("shifts").GetArrayLength() == 1, "the good message is handled");
        await SystemUnderTest.Eventually(
            async () => await system.Rabbit.MessageCount(system.Broker, Topology.RosterShiftEvents + "_error") == 1, "the poison message is parked");
    }

    private static ShiftScheduledV1 Scheduled(Guid shift) =>
        new(shift, 1, Guid.CreateVersion7(), "registration-desk", "Desk", "Hall A", Start, Start.AddHours(1), 3, 3, null, "test", Start.AddDays(-10));
}
