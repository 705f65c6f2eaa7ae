using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.MarkingNoShows;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class MarkNoShowTests
{
    private static readonly MarkNoShow AliceMissing = new(Alice, CoordinatorSub);

    [Fact]
    public void NoShow_from_the_start_records_who_marked_it_and_when()
    {
        var shift = Given(Scheduled(), Claimed(Alice));

        var events = MarkNoShowDecider.Decide(shift, AliceMissing, Start);

        Then(events, new VolunteerMarkedNoShow(ShiftId, Alice, CoordinatorSub, Start));
        Assert.Equal(Start, Shift.Fold(shift, events[0])!.HolderOf(Alice)!.NoShowAt);
    }

    [Fact]
    public void NoShow_before_the_start_is_refused_with_shift_not_started()
    {
        var shift = Given(Scheduled(), Claimed(Alice));

        ThenRefused(() => MarkNoShowDecider.Decide(shift, AliceMissing, Start.AddSeconds(-1)), "shift-not-started");
    }

    [Fact]
    public void NoShow_of_a_checked_in_volunteer_is_refused_with_already_checked_in()
    {
        var shift = Given(Scheduled(), Claimed(Alice), CheckedIn(Alice, Start.AddMinutes(-5)));

        ThenRefused(() => MarkNoShowDecider.Decide(shift, AliceMissing, Start.AddMinutes(10)), "already-checked-in");
    }

    [Fact]
    public void NoShow_repeated_returns_no_events()
    {
        var shift = Given(Scheduled(), Claimed(Alice), MarkedNoShow(Alice, Start.AddMinutes(10)));

        ThenNothing(MarkNoShowDecider.Decide(shift, AliceMissing, Start.AddMinutes(20)));
    }

    [Fact]
    public void NoShow_of_a_non_holder_is_refused_with_not_a_holder()
    {
        var shift = Given(Scheduled(), Claimed(Alice));

        ThenRefused(() => MarkNoShowDecider.Decide(shift, new MarkNoShow(Bob, CoordinatorSub), Start.AddMinutes(10)), "not-a-holder");
    }
}
