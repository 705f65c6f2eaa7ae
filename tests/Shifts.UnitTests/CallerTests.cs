using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;
using static Shifts.UnitTests.DeciderSpec;

namespace Shifts.UnitTests;

public class CallerTests
{
    private static readonly Caller AliceVolunteer = new(Sub(Alice), IsCoordinator: false, IsVolunteer: true);
    private static readonly Caller Coordinator = new(CoordinatorSub, IsCoordinator: true, IsVolunteer: false);

    [Fact]
    public void A_volunteer_acts_for_themself_when_naming_themself()
    {
        Assert.Equal(Alice, AliceVolunteer.ActingFor(Alice));
    }

    [Fact]
    public void A_volunteer_who_names_nobody_acts_for_themself()
    {
        Assert.Equal(Alice, AliceVolunteer.ActingFor(null));
    }

    [Fact]
    public void A_volunteer_acting_for_someone_else_is_forbidden()
    {
        var problem = Assert.ThrowsAny<ProblemException>(() => AliceVolunteer.ActingFor(Bob));

        Assert.Equal((403, "forbidden"), (problem.Status, problem.Slug));
    }

    [Fact]
    public void A_coordinator_acts_for_the_volunteer_they_name()
    {
        Assert.Equal(Bob, Coordinator.ActingFor(Bob));
    }

    [Fact]
    public void A_coordinator_who_names_no_volunteer_is_invalid_on_volunteerId()
    {
        ThenInvalid(() => Coordinator.ActingFor(null), "volunteerId");
    }

    [Fact]
    public void A_caller_who_is_neither_volunteer_nor_coordinator_is_forbidden()
    {
        var viewer = new Caller("viewer-1", IsCoordinator: false, IsVolunteer: false);

        var problem = Assert.ThrowsAny<ProblemException>(() => viewer.ActingFor(Alice));

        Assert.Equal((403, "forbidden"), (problem.Status, problem.Slug));
    }
}
