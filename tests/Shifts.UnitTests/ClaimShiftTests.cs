using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.Claiming;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class ClaimShiftTests
{
    private static readonly DateTimeOffset DayBefore = Start.AddDays(-1);

    private static ClaimShift ByVolunteer(Guid volunteerId) => new(volunteerId, Sub(volunteerId), ByCoordinator: false);

    private static ClaimShift ByCoordinatorFor(Guid volunteerId) => new(volunteerId, CoordinatorSub, ByCoordinator: true);

    [Fact]
    public void Claim_by_a_volunteer_records_the_volunteer_who_and_when()
    {
        var shift = Given(Scheduled(capacity: 2));

        var events = ClaimShiftDecider.Decide(shift, null, ByVolunteer(Alice), DayBefore);

        Then(events, new ShiftClaimed(ShiftId, Alice, Sub(Alice), DayBefore, OverrodeSignupClosed: false));
    }

    [Fact]
    public void Claim_repeated_by_a_holder_returns_no_events()
    {
        var shift = Given(Scheduled(capacity: 1), Claimed(Alice));

        ThenNothing(ClaimShiftDecider.Decide(shift, null, ByVolunteer(Alice), DayBefore));
    }

    [Fact]
    public void Claim_on_a_full_shift_is_refused_with_shift_full()
    {
        var shift = Given(Scheduled(capacity: 1), Claimed(Alice));

        ThenRefused(() => ClaimShiftDecider.Decide(shift, null, ByVolunteer(Bob), DayBefore), "shift-full");
    }

    [Fact]
    public void Claim_on_a_cancelled_shift_is_refused_with_shift_cancelled()
    {
        var shift = Given(Scheduled(), Claimed(Alice), Cancelled(Alice));

        ThenRefused(() => ClaimShiftDecider.Decide(shift, null, ByVolunteer(Bob), DayBefore), "shift-cancelled");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3600)]
    public void Claim_by_a_volunteer_at_or_after_the_start_is_refused_with_signup_closed(int secondsAfterStart)
    {
        var shift = Given(Scheduled());

        ThenRefused(() => ClaimShiftDecider.Decide(shift, null, ByVolunteer(Alice), Start.AddSeconds(secondsAfterStart)), "signup-closed");
    }

    [Fact]
    public void Claim_by_a_volunteer_one_second_before_the_start_is_accepted()
    {
        var shift = Given(Scheduled());

        var claimed = Single<ShiftClaimed>(ClaimShiftDecider.Decide(shift, null, ByVolunteer(Alice), Start.AddSeconds(-1)));

        Assert.False(claimed.OverrodeSignupClosed);
    }

    [Fact]
    public void Claim_by_a_coordinator_after_the_start_overrides_signup_closed()
    {
        var shift = Given(Scheduled());
        var now = Start.AddMinutes(10);

        var events = ClaimShiftDecider.Decide(shift, null, ByCoordinatorFor(Alice), now);

        Then(events, new ShiftClaimed(ShiftId, Alice, CoordinatorSub, now, OverrodeSignupClosed: true));
    }

    [Fact]
    public void Claim_overlapping_another_commitment_is_refused_with_overlapping_shift()
    {
        var shift = Given(Scheduled());
        var commitments = HoldsOtherShift(Alice, Start.AddMinutes(30), End.AddMinutes(30));

        var refusal = ThenRefused(() => ClaimShiftDecider.Decide(shift, commitments, ByVolunteer(Alice), DayBefore), "overlapping-shift");

        Assert.Equal(OtherShiftId, refusal.Extensions["conflictingShiftId"]);
    }

    [Fact]
    public void Claim_adjacent_to_other_commitments_is_not_an_overlap()
    {
        // The shift is [16:00, 17:00); the volunteer holds [15:00, 16:00) and [17:00, 18:00).
        var shift = Given(Scheduled());
        var commitments = Commitments(
            new CommitmentMade(Alice, OtherShiftId, Start.AddHours(-1), Start),
            new CommitmentMade(Alice, Guid.Parse("0193f2a0-0000-7000-8000-00000000a003"), End, End.AddHours(1)));

        var claimed = Single<ShiftClaimed>(ClaimShiftDecider.Decide(shift, commitments, ByVolunteer(Alice), DayBefore));

        Assert.Equal(Alice, claimed.VolunteerId);
    }

    [Fact]
    public void Claim_overlap_check_ignores_a_commitment_to_the_same_shift()
    {
        var shift = Given(Scheduled());
        var commitments = Commitments(new CommitmentMade(Alice, ShiftId, Start, End));

        var claimed = Single<ShiftClaimed>(ClaimShiftDecider.Decide(shift, commitments, ByVolunteer(Alice), DayBefore));

        Assert.Equal(Alice, claimed.VolunteerId);
    }

    [Fact]
    public void Claim_is_followed_by_a_commitment_for_the_shift_times()
    {
        var shift = Given(Scheduled());
        var claimed = Single<ShiftClaimed>(ClaimShiftDecider.Decide(shift, null, ByVolunteer(Alice), DayBefore));

        var (volunteer, commitment) = Assert.Single(VolunteerCommitments.Follow(shift, claimed));

        Assert.Equal(Alice, volunteer);
        Assert.Equal(new CommitmentMade(Alice, ShiftId, Start, End), commitment);
    }
}
