using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.Rescheduling;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class RescheduleShiftTests
{
    private static readonly DateTimeOffset Now = Start.AddDays(-3);

    /// <summary>Alice and Bob hold the 16:00-17:00 shift (3 seats, minimum 2); their commitments include it.</summary>
    private static Shift HeldByAliceAndBob() => Given(Scheduled(capacity: 3, minimum: 2), Claimed(Alice), Claimed(Bob));

    private static Dictionary<Guid, VolunteerCommitments?> CommitmentsOfHolders() => new()
    {
        [Alice] = Commitments(new CommitmentMade(Alice, ShiftId, Start, End)),
        [Bob] = Commitments(new CommitmentMade(Bob, ShiftId, Start, End)),
    };

    private static IReadOnlyList<IShiftEvent> When(Shift shift, RescheduleRequest request, Dictionary<Guid, VolunteerCommitments?>? commitments = null)
    {
        var of = commitments ?? CommitmentsOfHolders();
        return RescheduleShiftDecider.Decide(shift, DevConf, v => of.GetValueOrDefault(v), request, CoordinatorSub, Now);
    }

    private static RescheduleRequest Patch(
        DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null, int? capacity = null, int? minimum = null, string? location = null, string? title = null) =>
        new(startsAt, endsAt, capacity, minimum, location, title);

    [Fact]
    public void Reschedule_to_a_capacity_below_the_holders_is_refused_with_capacity_below_holders()
    {
        ThenRefused(() => When(HeldByAliceAndBob(), Patch(capacity: 1)), "capacity-below-holders");
    }

    [Fact]
    public void Reschedule_onto_another_shift_of_a_holder_is_refused_with_reschedule_conflict_listing_them()
    {
        var commitments = CommitmentsOfHolders();
        commitments[Alice] = commitments[Alice]!.Apply(new CommitmentMade(Alice, OtherShiftId, Start.AddHours(2), End.AddHours(2)));

        var refusal = ThenRefused(() => When(HeldByAliceAndBob(), Patch(Start.AddHours(2), End.AddHours(2)), commitments), "reschedule-conflict");

        var conflicts = Assert.IsAssignableFrom<IEnumerable<HolderConflict>>(refusal.Extensions["conflicts"]);
        Assert.Equal([new HolderConflict(Alice, OtherShiftId)], conflicts);
    }

    [Fact]
    public void Reschedule_of_only_the_title_yields_only_ShiftRescheduled_and_no_commitment_events()
    {
        var shift = HeldByAliceAndBob();

        var events = When(shift, Patch(title: "  Chair: Opening Keynote "));

        Then(events, new ShiftRescheduled(ShiftId, Start, End, "Ballroom", "Chair: Opening Keynote", CoordinatorSub, Now));
        Assert.Empty(VolunteerCommitments.Follow(shift, events[0]));
    }

    [Fact]
    public void Reschedule_to_another_time_moves_every_holders_commitment()
    {
        var shift = HeldByAliceAndBob();
        var (startsAt, endsAt) = (Start.AddHours(1), End.AddHours(1.5));

        var rescheduled = Single<ShiftRescheduled>(When(shift, Patch(startsAt, endsAt)));

        Assert.Equal((startsAt, endsAt), (rescheduled.StartsAt, rescheduled.EndsAt));
        Assert.Equal(
            [
                (Alice, (object)new CommitmentMoved(Alice, ShiftId, startsAt, endsAt)),
                (Bob, new CommitmentMoved(Bob, ShiftId, startsAt, endsAt)),
            ],
            VolunteerCommitments.Follow(shift, rescheduled).ToList());
    }

    [Fact]
    public void Reschedule_of_capacity_and_minimum_yields_only_ShiftResized()
    {
        var events = When(HeldByAliceAndBob(), Patch(capacity: 5, minimum: 4));

        Then(events, new ShiftResized(ShiftId, 5, 4, CoordinatorSub, Now));
    }

    [Fact]
    public void Reschedule_shrinking_capacity_below_the_minimum_lowers_the_minimum()
    {
        var shift = Given(Scheduled(capacity: 4, minimum: 4), Claimed(Alice));

        var resized = Single<ShiftResized>(When(shift, Patch(capacity: 3)));

        Assert.Equal((3, 3), (resized.Capacity, resized.Minimum));
    }

    [Fact]
    public void Reschedule_to_the_same_values_yields_no_events()
    {
        var events = When(HeldByAliceAndBob(), Patch(Start, End, capacity: 3, minimum: 2, location: "Ballroom", title: "Chair: Keynote"));

        ThenNothing(events);
    }

    [Fact]
    public void Reschedule_outside_the_conference_dates_is_refused_with_outside_conference_dates()
    {
        // The conference ends at midnight after 15 May in Berlin, i.e. 2027-05-15T22:00Z.
        var startsAt = new DateTimeOffset(2027, 5, 15, 21, 30, 0, TimeSpan.Zero);

        ThenRefused(() => When(HeldByAliceAndBob(), Patch(startsAt, startsAt.AddHours(1))), "outside-conference-dates", 422);
    }

    [Fact]
    public void Reschedule_into_the_last_local_hour_of_the_conference_is_accepted()
    {
        var startsAt = new DateTimeOffset(2027, 5, 15, 21, 0, 0, TimeSpan.Zero);

        var rescheduled = Single<ShiftRescheduled>(When(HeldByAliceAndBob(), Patch(startsAt, startsAt.AddHours(1))));

        Assert.Equal(startsAt, rescheduled.StartsAt);
    }

    [Fact]
    public void Reschedule_with_the_end_before_the_start_is_invalid()
    {
        ThenInvalid(() => When(HeldByAliceAndBob(), Patch(endsAt: Start.AddMinutes(-30))), "endsAt");
    }

    [Fact]
    public void Reschedule_of_a_cancelled_shift_is_refused_with_shift_cancelled()
    {
        var shift = Given(Scheduled(), Claimed(Alice), Cancelled(Alice));

        ThenRefused(() => When(shift, Patch(title: "Anything")), "shift-cancelled");
    }
}
