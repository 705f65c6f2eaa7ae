using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.Cancelling;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class CancelShiftTests
{
    private static readonly DateTimeOffset Now = Start.AddDays(-2);
    private static readonly CancelShift Cancel = new("Keynote moved online", CoordinatorSub);

    [Fact]
    public void Cancel_releases_every_holder()
    {
        var shift = Given(Scheduled(capacity: 3), Claimed(Alice), Claimed(Bob));

        var cancelled = Single<ShiftCancelled>(CancelShiftDecider.Decide(shift, Cancel, Now));

        Assert.Equal([Alice, Bob], cancelled.ReleasedVolunteerIds);
        Assert.Equal((ShiftId, "Keynote moved online", CoordinatorSub, Now), (cancelled.ShiftId, cancelled.Reason, cancelled.CancelledBy, cancelled.CancelledAt));
    }

    [Fact]
    public void Cancel_folds_to_a_cancelled_shift_without_holders()
    {
        var shift = Given(Scheduled(capacity: 3), Claimed(Alice), Claimed(Bob));

        var after = Shift.Fold(shift, Single<ShiftCancelled>(CancelShiftDecider.Decide(shift, Cancel, Now)))!;

        Assert.Empty(after.Holders);
        Assert.Equal(ShiftStatus.Cancelled, after.Status);
    }

    [Fact]
    public void Cancel_twice_is_refused_with_shift_cancelled()
    {
        var shift = Given(Scheduled(), Claimed(Alice), Cancelled(Alice));

        ThenRefused(() => CancelShiftDecider.Decide(shift, Cancel, Now), "shift-cancelled");
    }

    [Fact]
    public void Cancel_is_followed_by_dropping_each_holders_commitment()
    {
        var shift = Given(Scheduled(capacity: 3), Claimed(Alice), Claimed(Bob));
        var cancelled = Single<ShiftCancelled>(CancelShiftDecider.Decide(shift, Cancel, Now));

        var follow = VolunteerCommitments.Follow(shift, cancelled).ToList();

        Assert.Equal(
            [(Alice, (object)new CommitmentDropped(Alice, ShiftId)), (Bob, new CommitmentDropped(Bob, ShiftId))],
            follow);
    }
}
