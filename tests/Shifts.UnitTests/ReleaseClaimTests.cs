using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.Releasing;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class ReleaseClaimTests
{
    /// <summary>A non-default cut-off, so the tests prove the shift's own value is used.</summary>
    private const int CutoffMinutes = 90;

    private static readonly DateTimeOffset Cutoff = Start.AddMinutes(-CutoffMinutes);

    private static Shift HeldByAlice() => Given(Scheduled(releaseCutoffMinutes: CutoffMinutes), Claimed(Alice));

    private static ReleaseClaim ByVolunteer(Guid volunteerId) => new(volunteerId, Sub(volunteerId), ByCoordinator: false);

    [Fact]
    public void Release_by_a_non_holder_is_not_found_with_claim_not_found()
    {
        var shift = HeldByAlice();

        ThenRefused(() => ReleaseClaimDecider.Decide(shift, ByVolunteer(Bob), Cutoff.AddDays(-1)), "claim-not-found", 404);
    }

    [Fact]
    public void Release_by_a_volunteer_after_the_cutoff_is_refused_with_release_cutoff_passed()
    {
        var shift = HeldByAlice();

        ThenRefused(() => ReleaseClaimDecider.Decide(shift, ByVolunteer(Alice), Cutoff.AddSeconds(1)), "release-cutoff-passed");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(24 * 60)]
    public void Release_by_a_volunteer_at_or_before_the_cutoff_is_accepted(int minutesBeforeCutoff)
    {
        var shift = HeldByAlice();
        var now = Cutoff.AddMinutes(-minutesBeforeCutoff);

        var events = ReleaseClaimDecider.Decide(shift, ByVolunteer(Alice), now);

        Then(events, new ShiftReleased(ShiftId, Alice, Sub(Alice), now, OverrodeCutoff: false));
    }

    [Fact]
    public void Release_by_a_coordinator_after_the_cutoff_overrides_it()
    {
        var shift = HeldByAlice();
        var now = Start.AddMinutes(-5);

        var events = ReleaseClaimDecider.Decide(shift, new ReleaseClaim(Alice, CoordinatorSub, ByCoordinator: true), now);

        Then(events, new ShiftReleased(ShiftId, Alice, CoordinatorSub, now, OverrodeCutoff: true));
    }

    [Fact]
    public void Release_frees_the_seat_and_drops_the_commitment()
    {
        var shift = HeldByAlice();
        var released = Single<ShiftReleased>(ReleaseClaimDecider.Decide(shift, ByVolunteer(Alice), Cutoff));

        var after = Shift.Fold(shift, released)!;
        var (volunteer, commitment) = Assert.Single(VolunteerCommitments.Follow(shift, released));

        Assert.Empty(after.Holders);
        Assert.Equal(Alice, volunteer);
        Assert.Equal(new CommitmentDropped(Alice, ShiftId), commitment);
    }
}
