using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.CheckingIn;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class CheckInTests
{
    private static CheckIn ByVolunteer(Guid volunteerId) => new(volunteerId, Sub(volunteerId), ByCoordinator: false);

    private static Shift HeldByAlice() => Given(Scheduled(), Claimed(Alice));

    [Theory]
    [InlineData(-30 * 60)] // the window opens 30 minutes before the 16:00 start
    [InlineData(0)]
    [InlineData(3600)] // and is still open at the 17:00 end
    public void CheckIn_by_a_volunteer_inside_the_window_is_accepted(int secondsFromStart)
    {
        var now = Start.AddSeconds(secondsFromStart);

        var events = CheckInDecider.Decide(HeldByAlice(), ByVolunteer(Alice), now);

        Then(events, new VolunteerCheckedIn(ShiftId, Alice, Sub(Alice), now, OverrodeWindow: false));
    }

    [Theory]
    [InlineData(-30 * 60 - 1)] // one second before the window opens
    [InlineData(-24 * 3600)]
    [InlineData(3600 + 1)] // one second after the end
    public void CheckIn_by_a_volunteer_outside_the_window_is_refused_with_check_in_closed(int secondsFromStart)
    {
        ThenRefused(() => CheckInDecider.Decide(HeldByAlice(), ByVolunteer(Alice), Start.AddSeconds(secondsFromStart)), "check-in-closed");
    }

    [Fact]
    public void CheckIn_by_a_coordinator_outside_the_window_overrides_it()
    {
        var now = End.AddMinutes(15);

        var events = CheckInDecider.Decide(HeldByAlice(), new CheckIn(Alice, CoordinatorSub, ByCoordinator: true), now);

        Then(events, new VolunteerCheckedIn(ShiftId, Alice, CoordinatorSub, now, OverrodeWindow: true));
    }

    [Fact]
    public void CheckIn_of_a_non_holder_is_refused_with_not_a_holder()
    {
        ThenRefused(() => CheckInDecider.Decide(HeldByAlice(), ByVolunteer(Bob), Start), "not-a-holder");
    }

    [Fact]
    public void CheckIn_repeated_returns_no_events()
    {
        var shift = Given(Scheduled(), Claimed(Alice), CheckedIn(Alice, Start.AddMinutes(-10)));

        ThenNothing(CheckInDecider.Decide(shift, ByVolunteer(Alice), Start.AddMinutes(5)));
    }

    [Fact]
    public void CheckIn_after_a_no_show_clears_the_no_show_in_the_folded_state()
    {
        var shift = Given(Scheduled(), Claimed(Alice), MarkedNoShow(Alice, Start.AddMinutes(10)));
        var now = Start.AddMinutes(20);

        var checkedIn = Single<VolunteerCheckedIn>(CheckInDecider.Decide(shift, ByVolunteer(Alice), now));
        var holder = Shift.Fold(shift, checkedIn)!.HolderOf(Alice)!;

        Assert.Equal(now, holder.CheckedInAt);
        Assert.Null(holder.NoShowAt);
    }
}
