using VolunteerOps.Shifts.Commitments;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class VolunteerCommitmentsTests
{
    [Fact]
    public void StreamIdFor_is_deterministic_and_differs_from_the_volunteer_id()
    {
        var first = VolunteerCommitments.StreamIdFor(Alice);

        Assert.Equal(first, VolunteerCommitments.StreamIdFor(Alice));
        Assert.NotEqual(Alice, first);
        Assert.NotEqual(first, VolunteerCommitments.StreamIdFor(Bob));
    }

    [Fact]
    public void Folding_commitments_tracks_made_moved_and_dropped_shifts()
    {
        var commitments = Commitments(
            new CommitmentMade(Alice, ShiftId, Start, End),
            new CommitmentMade(Alice, OtherShiftId, End, End.AddHours(1)),
            new CommitmentMoved(Alice, ShiftId, Start.AddHours(3), End.AddHours(3)),
            new CommitmentDropped(Alice, OtherShiftId))!;

        Assert.Equal(VolunteerCommitments.StreamIdFor(Alice), commitments.Id);
        Assert.Equal([new Commitment(ShiftId, Start.AddHours(3), End.AddHours(3))], commitments.Shifts);
    }
}
