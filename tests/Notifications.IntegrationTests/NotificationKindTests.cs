using System.Text.Json;
using VolunteerOps.Notifications.Inbox;
using static Notifications.IntegrationTests.NotificationsHost;

namespace Notifications.IntegrationTests;

/// <summary>Every kind of notification a shift or roster event causes, to each person it concerns.</summary>
public class NotificationKindTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task A_claim_is_confirmed_to_the_volunteer_with_its_cause()
    {
        var volunteer = await host.Volunteer();
        var shift = await host.Shift(host.Now.AddDays(3), title: "Swag bags");
        await host.Claim(shift, volunteer);

        var confirmed = (await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed)).Single(n => Kind(n) == NotificationKinds.ClaimConfirmed);
        Assert.Equal("You're on: Swag bags", confirmed.GetProperty("title").GetString());
        Assert.Contains("Hall A", confirmed.GetProperty("body").GetString(), StringComparison.Ordinal);
        var cause = confirmed.GetProperty("cause");
        Assert.Equal("ShiftClaimedV1", cause.GetProperty("event").GetString());
        Assert.Equal(shift, cause.GetProperty("streamId").GetGuid());
        Assert.Equal(2, cause.GetProperty("version").GetInt64());
        Assert.False(confirmed.TryGetProperty("readAt", out var readAt) && readAt.ValueKind != JsonValueKind.Null, "unread");
    }

    [Fact]
    public async Task A_release_is_told_differently_when_the_volunteer_or_a_coordinator_did_it()
    {
        var (self, other) = (await host.Volunteer(), await host.Volunteer());
        var shift = await host.Shift(host.Now.AddDays(3));
        await host.Claim(shift, self);
        await host.Claim(shift, other);
        await host.Release(shift, self);
        await host.Release(shift, other, by: "coordinator-7");

        var own = (await host.WaitForKind(self, NotificationKinds.ClaimReleased)).Single(n => Kind(n) == NotificationKinds.ClaimReleased);
        var byCoordinator = (await host.WaitForKind(other, NotificationKinds.ClaimReleased)).Single(n => Kind(n) == NotificationKinds.ClaimReleased);
        Assert.StartsWith("You released", own.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("A coordinator released you", byCoordinator.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reassignment_tells_both_the_old_and_the_new_holder()
    {
        var (from, to) = (await host.Volunteer(), await host.Volunteer());
        var shift = await host.Shift(host.Now.AddDays(3), title: "Chair: Keynote");
        await host.Claim(shift, from);
        await host.Reassign(shift, from, to);

        var away = (await host.WaitForKind(from, NotificationKinds.ReassignedAway)).Single(n => Kind(n) == NotificationKinds.ReassignedAway);
        var given = (await host.WaitForKind(to, NotificationKinds.ReassignedTo)).Single(n => Kind(n) == NotificationKinds.ReassignedTo);
        Assert.Equal("Reassigned: Chair: Keynote", away.GetProperty("title").GetString());
        Assert.Equal("You're on: Chair: Keynote", given.GetProperty("title").GetString());
        Assert.Contains("swap", given.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reschedule_tells_every_holder_the_new_time_and_place()
    {
        var holders = new[] { await host.Volunteer(), await host.Volunteer() };
        var shift = await host.Shift(host.Now.AddDays(3));
        foreach (var v in holders)
        {
            await host.Claim(shift, v);
        }

        await host.Reschedule(shift, host.Now.AddDays(4), title: "Registration desk (moved)");

        foreach (var v in holders)
        {
            var changed = (await host.WaitForKind(v, NotificationKinds.ShiftRescheduled)).Single(n => Kind(n) == NotificationKinds.ShiftRescheduled);
            Assert.Equal("Changed: Registration desk (moved)", changed.GetProperty("title").GetString());
            Assert.Contains("Hall B", changed.GetProperty("body").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cancellation_tells_every_holder_and_nobody_else()
    {
        var holders = new[] { await host.Volunteer(), await host.Volunteer() };
        var bystander = await host.Volunteer();
        var shift = await host.Shift(host.Now.AddDays(3));
        foreach (var v in holders)
        {
            await host.Claim(shift, v);
        }

        await host.Cancel(shift, holders);

        foreach (var v in holders)
        {
            var cancelled = (await host.WaitForKind(v, NotificationKinds.ShiftCancelled)).Single(n => Kind(n) == NotificationKinds.ShiftCancelled);
            Assert.Contains("room flooded", cancelled.GetProperty("body").GetString(), StringComparison.Ordinal);
        }

        await Settle();
        Assert.Empty(await host.Inbox(bystander));
    }

    [Fact]
    public async Task A_deactivation_is_told_to_the_volunteer()
    {
        var volunteer = await host.Volunteer();
        await host.Deactivate(volunteer, "asked to leave the programme");

        var told = (await host.WaitForKind(volunteer, NotificationKinds.VolunteerDeactivated)).Single();
        Assert.Contains("asked to leave the programme", told.GetProperty("body").GetString(), StringComparison.Ordinal);
    }
}
