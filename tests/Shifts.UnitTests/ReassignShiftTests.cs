using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.Reassigning;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class ReassignShiftTests
{
    private static readonly DateTimeOffset Now = Start.AddHours(-3);

    private static ReassignShift Move(Guid from, Guid to) => new(from, to, "Alice is ill", CoordinatorSub);

    [Fact]
    public void Reassign_from_a_non_holder_is_refused_with_not_a_holder()
    {
        var shift = Given(Scheduled(), Claimed(Alice));

        ThenRefused(() => ReassignShiftDecider.Decide(shift, null, Move(Bob, Carol), Now), "not-a-holder");
    }

    [Fact]
    public void Reassign_to_a_holder_is_refused_with_already_a_holder()
    {
        var shift = Given(Scheduled(), Claimed(Alice), Claimed(Bob));

        ThenRefused(() => ReassignShiftDecider.Decide(shift, null, Move(Alice, Bob), Now), "already-a-holder");
    }

    [Fact]
    public void Reassign_to_a_volunteer_with_an_overlapping_shift_is_refused_with_overlapping_shift()
    {
        var shift = Given(Scheduled(), Claimed(Alice));
        var carols = HoldsOtherShift(Carol, Start.AddMinutes(-30), Start.AddMinutes(30));

        var refusal = ThenRefused(() => ReassignShiftDecider.Decide(shift, carols, Move(Alice, Carol), Now), "overlapping-shift");

        Assert.Equal(OtherShiftId, refusal.Extensions["conflictingShiftId"]);
    }

    [Fact]
    public void Reassign_on_a_cancelled_shift_is_refused_with_shift_cancelled()
    {
        var shift = Given(Scheduled(), Claimed(Alice), Cancelled(Alice));

        ThenRefused(() => ReassignShiftDecider.Decide(shift, null, Move(Alice, Carol), Now), "shift-cancelled");
    }

    [Fact]
    public void Reassign_yields_one_ShiftReassigned_and_folding_it_swaps_the_holder_in_place()
    {
        var shift = Given(Scheduled(capacity: 3), Claimed(Alice), Claimed(Bob));

        var events = ReassignShiftDecider.Decide(shift, null, Move(Alice, Carol), Now);

        Then(events, new ShiftReassigned(ShiftId, Alice, Carol, "Alice is ill", CoordinatorSub, Now, OverrodeSignupClosed: false));
        var after = Shift.Fold(shift, events[0])!;
        Assert.Equal([Carol, Bob], after.Holders.Select(h => h.VolunteerId));
        Assert.Equal(Now, after.HolderOf(Carol)!.ClaimedAt);
    }

    [Fact]
    public void Reassign_after_the_start_is_marked_as_overriding_signup_closed()
    {
        var shift = Given(Scheduled(), Claimed(Alice));

        var reassigned = Single<ShiftReassigned>(ReassignShiftDecider.Decide(shift, null, Move(Alice, Carol), Start.AddMinutes(5)));

        Assert.True(reassigned.OverrodeSignupClosed);
    }

    [Fact]
    public void Reassign_is_followed_by_dropping_the_from_commitment_and_making_the_to_commitment()
    {
        var shift = Given(Scheduled(), Claimed(Alice));
        var reassigned = Single<ShiftReassigned>(ReassignShiftDecider.Decide(shift, null, Move(Alice, Carol), Now));

        var follow = VolunteerCommitments.Follow(shift, reassigned).ToList();

        Assert.Equal(
            [(Alice, (object)new CommitmentDropped(Alice, ShiftId)), (Carol, new CommitmentMade(Carol, ShiftId, Start, End))],
            follow);
    }
}
