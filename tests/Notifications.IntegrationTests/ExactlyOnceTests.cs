using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Contracts.Shifts;
using VolunteerOps.Messaging;
using VolunteerOps.Notifications.Inbox;
using static Notifications.IntegrationTests.NotificationsHost;

namespace Notifications.IntegrationTests;

/// <summary>One notification per cause, recipient and kind, whatever the broker delivers twice and whoever dies when.</summary>
public class ExactlyOnceTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task A_message_delivered_twice_and_republished_under_a_new_id_notifies_once()
    {
        var volunteer = await host.Volunteer();
        var shift = await host.Shift(host.Now.AddDays(2));
        var claimed = new ShiftClaimedV1(shift, host.Next(shift), volunteer, volunteer.ToString(), host.Now, false);
        var messageId = Guid.NewGuid();

        await host.Publish(claimed, messageId);
        await host.Publish(claimed, messageId);
        await host.Publish(claimed); // the same event published again after a publisher crash: a new message id

        await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed);
        await Settle();
        Assert.Single(await host.Inbox(volunteer));
        Assert.Single(await host.Deliveries($"?volunteerId={volunteer}"));
        Assert.Equal(0, await host.Rabbit.MessageCount(host.Broker, Topology.NotificationsShiftEvents + "_error"));
    }

    /// <summary>
    /// The consumer commits its notification and then hangs before the acknowledgement; the broker then loses
    /// the connection, as when the process is killed. The message comes back (to either instance) and is
    /// acknowledged without a second notification.
    /// </summary>
    [Fact]
    public async Task An_instance_killed_after_writing_but_before_acknowledging_causes_no_second_notification()
    {
        var first = host.Service;
        var firstHang = new HangAfterConsume<ShiftClaimedV1>();
        await using var releaseAtTheEnd = firstHang;
        using var observingFirst = first.Services.GetRequiredService<IBus>().ConnectConsumeObserver(firstHang);
        var volunteer = await host.Volunteer();
        var shift = await host.Shift(host.Now.AddDays(2));

        await host.Claim(shift, volunteer);
        await firstHang.Committed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(await host.Inbox(volunteer));
        // A second instance comes up (so the message has somewhere to go), then the first one's connection dies.
        var secondSeen = new HangAfterConsume<ShiftClaimedV1>(hang: false);
        using var observingSecond = host.StartInstance().Services.GetRequiredService<IBus>().ConnectConsumeObserver(secondSeen);
        await host.Rabbit.CloseConnections(host.Broker);

        await Eventually(() => Task.FromResult(firstHang.Redelivered + secondSeen.Redelivered >= 1), "the message is delivered again");
        await Settle();
        Assert.Single(await host.Inbox(volunteer));
        Assert.Equal(0, await host.Rabbit.MessageCount(host.Broker, Topology.NotificationsShiftEvents));
        Assert.Equal(0, await host.Rabbit.MessageCount(host.Broker, Topology.NotificationsShiftEvents + "_error"));
    }
}
