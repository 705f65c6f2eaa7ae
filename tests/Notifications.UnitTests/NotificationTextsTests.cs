using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Shifts;

namespace Notifications.UnitTests;

public class NotificationTextsTests
{
    private static readonly Guid Alice = Guid.Parse("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa");

    // 10:00–12:00 UTC on Tuesday 10 March 2026, given in a +02:00 offset (12:00–14:00 local).
    private static readonly WatchedShift Shift = new()
    {
        Title = "Registration desk",
        Role = "Greeter",
        Location = "Hall A",
        StartsAt = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(2)),
        EndsAt = new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.FromHours(2)),
        Minimum = 3,
        Holders = [Alice],
    };

    [Fact]
    public void A_self_release_tells_the_volunteer_they_released_their_seat()
    {
        var text = NotificationTexts.ClaimReleased(Shift, Alice, Alice.ToString());

        Assert.Equal("Released: Registration desk", text.Title);
        Assert.Equal("You released your seat on \"Registration desk\", Tue 10 Mar 10:00–12:00 UTC. Someone else can take it now.", text.Body);
    }

    [Fact]
    public void A_release_by_a_coordinator_says_a_coordinator_released_them()
    {
        var text = NotificationTexts.ClaimReleased(Shift, Alice, "coordinator-7");

        Assert.Equal("A coordinator released you from \"Registration desk\", Tue 10 Mar 10:00–12:00 UTC. You are no longer expected there.", text.Body);
    }

    [Fact]
    public void A_release_by_deactivation_says_the_account_was_deactivated()
    {
        var text = NotificationTexts.ClaimReleased(Shift, Alice, "system:deactivation");

        Assert.Equal(
            "Your seat on \"Registration desk\", Tue 10 Mar 10:00–12:00 UTC, was released because your volunteer account was deactivated.",
            text.Body);
    }

    [Theory]
    [InlineData(1440, "Reminder: Registration desk in 1 day")]
    [InlineData(2880, "Reminder: Registration desk in 2 days")]
    [InlineData(60, "Reminder: Registration desk in 1 hour")]
    [InlineData(120, "Reminder: Registration desk in 2 hours")]
    [InlineData(90, "Reminder: Registration desk in 90 minutes")]
    [InlineData(1, "Reminder: Registration desk in 1 minute")]
    public void The_reminder_title_names_the_lead_time_in_the_largest_whole_unit(int leadMinutes, string title)
    {
        Assert.Equal(title, NotificationTexts.Reminder(Shift, leadMinutes).Title);
    }

    [Fact]
    public void Times_are_rendered_in_utc_whatever_the_offset_of_the_shift()
    {
        var body = NotificationTexts.Reminder(Shift, 60).Body;

        Assert.Equal(
            "You are Greeter on \"Registration desk\", Tue 10 Mar 10:00–12:00 UTC at Hall A. If you cannot make it, release your seat now so someone else can take it.",
            body);
    }

    [Fact]
    public void The_understaffed_text_counts_holders_against_the_minimum()
    {
        var text = NotificationTexts.Understaffed(Shift);

        Assert.Equal("Needs people: Registration desk", text.Title);
        Assert.Contains("has 1 of the 3 volunteers it needs at least", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_is_quoted_when_given_and_left_out_when_blank()
    {
        Assert.Contains(" Reason: rain.", NotificationTexts.Cancelled(Shift, "rain").Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Reason", NotificationTexts.Cancelled(Shift, "  ").Body, StringComparison.Ordinal);
    }
}
