using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.GettingHoldersAsOf;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class GetHoldersAsOfTests
{
    private static readonly DateTimeOffset ClaimedAt = Start.AddDays(-1);
    private static readonly DateTimeOffset ReassignedAt = Start.AddMinutes(-20);

    private static readonly IShiftEvent[] History =
    [
        Scheduled(),
        Claimed(Alice, ClaimedAt),
        new ShiftReassigned(ShiftId, Alice, Bob, "Alice is ill", CoordinatorSub, ReassignedAt, OverrodeSignupClosed: false),
    ];

    [Fact]
    public void Holders_as_of_a_moment_between_a_claim_and_a_reassign_are_the_original_holders()
    {
        var asOf = ReassignedAt.AddSeconds(-1);

        var holders = GetHoldersAsOf.Replay(ShiftId, History, asOf);

        Assert.True(holders.Existed);
        Assert.Equal(asOf, holders.AsOf);
        Assert.Equal([new Holder(Alice, ClaimedAt)], holders.Holders);
    }

    [Fact]
    public void Holders_as_of_the_reassignment_are_the_new_holders()
    {
        var holders = GetHoldersAsOf.Replay(ShiftId, History, ReassignedAt);

        Assert.Equal([new Holder(Bob, ReassignedAt)], holders.Holders);
    }

    [Fact]
    public void Holders_as_of_a_moment_before_scheduling_did_not_exist()
    {
        var holders = GetHoldersAsOf.Replay(ShiftId, History, ScheduledAt.AddSeconds(-1));

        Assert.False(holders.Existed);
        Assert.Empty(holders.Holders);
    }
}
