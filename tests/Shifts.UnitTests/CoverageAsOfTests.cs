using VolunteerOps.Shifts.Coverage;
using VolunteerOps.Shifts.Shifts;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

/// <summary>The conference's shifts folded to a moment by business time: what the coverage as-of view is built from.</summary>
public class CoverageAsOfTests
{
    private static readonly DateTimeOffset T0 = ScheduledAt;

    private static ShiftScheduled ScheduledOther(DateTimeOffset at) =>
        new(OtherShiftId, ConferenceId, "registration-desk", "Desk", "Hall A", Start.AddHours(2), End.AddHours(2), 1, 1, null, null, 120, CoordinatorSub, at);

    private static Shift Only(IReadOnlyList<Shift> shifts, Guid id) => Assert.Single(shifts, s => s.Id == id);

    [Fact]
    public void A_shift_scheduled_after_the_moment_is_absent()
    {
        IShiftEvent[] events = [Scheduled(), ScheduledOther(T0.AddDays(1))];

        var shifts = CoverageAsOf.Replay(events, T0.AddHours(1));

        Assert.Equal([ShiftId], shifts.Select(s => s.Id));
        Assert.Empty(CoverageAsOf.Replay(events, T0.AddSeconds(-1)));
    }

    [Fact]
    public void Claims_and_releases_count_up_to_and_including_the_moment()
    {
        IShiftEvent[] events =
        [
            Scheduled(capacity: 3),
            Claimed(Alice, T0.AddHours(1)),
            Claimed(Bob, T0.AddHours(2)),
            new ShiftReleased(ShiftId, Alice, Sub(Alice), T0.AddHours(3), false),
        ];

        Assert.Empty(Only(CoverageAsOf.Replay(events, T0.AddMinutes(59)), ShiftId).Holders);
        Assert.Equal([Alice], Only(CoverageAsOf.Replay(events, T0.AddHours(1)), ShiftId).Holders.Select(h => h.VolunteerId));
        Assert.Equal([Alice, Bob], Only(CoverageAsOf.Replay(events, T0.AddHours(2.5)), ShiftId).Holders.Select(h => h.VolunteerId));
        Assert.Equal([Bob], Only(CoverageAsOf.Replay(events, T0.AddHours(3)), ShiftId).Holders.Select(h => h.VolunteerId));
    }

    [Fact]
    public void A_reassignment_keeps_the_count_and_changes_the_holder_from_its_moment()
    {
        IShiftEvent[] events =
        [
            Scheduled(),
            Claimed(Alice, T0.AddHours(1)),
            new ShiftReassigned(ShiftId, Alice, Bob, null, CoordinatorSub, T0.AddHours(2), false),
        ];

        var before = Only(CoverageAsOf.Replay(events, T0.AddHours(1.5)), ShiftId);
        var after = Only(CoverageAsOf.Replay(events, T0.AddHours(2)), ShiftId);

        Assert.Equal([Alice], before.Holders.Select(h => h.VolunteerId));
        Assert.Equal([Bob], after.Holders.Select(h => h.VolunteerId));
    }

    [Fact]
    public void Capacity_minimum_and_times_are_those_of_the_moment()
    {
        IShiftEvent[] events =
        [
            Scheduled(capacity: 2, minimum: 1),
            new ShiftResized(ShiftId, 5, 3, CoordinatorSub, T0.AddHours(1)),
            new ShiftRescheduled(ShiftId, Start.AddHours(3), End.AddHours(3), "Annex", "Chair: Moved", CoordinatorSub, T0.AddHours(2)),
        ];

        var scheduled = Only(CoverageAsOf.Replay(events, T0.AddMinutes(30)), ShiftId);
        var resized = Only(CoverageAsOf.Replay(events, T0.AddHours(1.5)), ShiftId);
        var moved = Only(CoverageAsOf.Replay(events, T0.AddHours(2)), ShiftId);

        Assert.Equal((2, 1, Start, "Ballroom"), (scheduled.Capacity, scheduled.Minimum, scheduled.StartsAt, scheduled.Location));
        Assert.Equal((5, 3, Start, "Ballroom"), (resized.Capacity, resized.Minimum, resized.StartsAt, resized.Location));
        Assert.Equal((5, 3, Start.AddHours(3), "Annex"), (moved.Capacity, moved.Minimum, moved.StartsAt, moved.Location));
        Assert.Equal(End.AddHours(3), moved.EndsAt);
    }

    [Fact]
    public void A_cancellation_counts_from_its_moment_and_not_before()
    {
        IShiftEvent[] events =
        [
            Scheduled(),
            Claimed(Alice, T0.AddHours(1)),
            new ShiftCancelled(ShiftId, "Room flooded", [Alice], CoordinatorSub, T0.AddHours(2)),
        ];

        var before = Only(CoverageAsOf.Replay(events, T0.AddHours(1.5)), ShiftId);
        var after = Only(CoverageAsOf.Replay(events, T0.AddHours(2)), ShiftId);

        Assert.False(before.Cancelled);
        Assert.Equal(CoverageStatus.Understaffed, CoverageAggregation.StatusOf(before));
        Assert.True(after.Cancelled);
        Assert.Empty(after.Holders);
        Assert.Equal(CoverageStatus.Cancelled, CoverageAggregation.StatusOf(after));
    }

    [Fact]
    public void Interleaved_streams_are_folded_each_on_its_own()
    {
        IShiftEvent[] events =
        [
            Scheduled(capacity: 2),
            ScheduledOther(T0.AddMinutes(10)),
            Claimed(Alice, T0.AddHours(1)),
            new ShiftClaimed(OtherShiftId, Bob, Sub(Bob), T0.AddHours(1), false),
            Claimed(Carol, T0.AddHours(5)),
        ];

        var shifts = CoverageAsOf.Replay(events, T0.AddHours(2));

        Assert.Equal([Alice], Only(shifts, ShiftId).Holders.Select(h => h.VolunteerId));
        Assert.Equal([Bob], Only(shifts, OtherShiftId).Holders.Select(h => h.VolunteerId));
        Assert.Equal(CoverageStatus.Full, CoverageAggregation.StatusOf(Only(shifts, OtherShiftId)));
    }

    [Fact]
    public void Check_ins_and_no_shows_do_not_change_the_count()
    {
        IShiftEvent[] events =
        [
            Scheduled(capacity: 2),
            Claimed(Alice, T0.AddHours(1)),
            Claimed(Bob, T0.AddHours(1)),
            CheckedIn(Alice, Start.AddMinutes(-10)),
            MarkedNoShow(Bob, Start.AddMinutes(15)),
        ];

        var shift = Only(CoverageAsOf.Replay(events, Start.AddHours(1)), ShiftId);

        Assert.Equal(2, shift.Filled);
    }
}
