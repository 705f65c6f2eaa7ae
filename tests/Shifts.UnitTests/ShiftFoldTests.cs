using VolunteerOps.Shifts.Shifts;

namespace Shifts.UnitTests;

public class ShiftFoldTests
{
    private static readonly Guid ShiftId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Start = new(2027, 5, 14, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Claims_and_releases_change_the_holders_and_status()
    {
        var volunteer = Guid.CreateVersion7();
        IShiftEvent[] events =
        [
            new ShiftScheduled(ShiftId, Guid.CreateVersion7(), "session-chair", "Chair: Keynote", "Ballroom", Start, Start.AddHours(1), 1, 1, null, null, 120, "c", Start.AddDays(-30)),
            new ShiftClaimed(ShiftId, volunteer, volunteer.ToString(), Start.AddDays(-1), false),
        ];

        var full = events.Aggregate((Shift?)null, Shift.Fold)!;
        Assert.Equal(ShiftStatus.Full, full.Status);

        var released = Shift.Fold(full, new ShiftReleased(ShiftId, volunteer, "c", Start.AddHours(-5), false))!;
        Assert.Equal(ShiftStatus.Open, released.Status);
        Assert.Empty(released.Holders);
    }
}
