using VolunteerOps.EventSourcing;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Volunteers;

namespace Shifts.UnitTests;

public class EligibilityTests
{
    private static readonly Guid VolunteerId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Start = new(2027, 5, 14, 16, 0, 0, TimeSpan.Zero);

    private static Shift ChairShift() => Shift.Create(new ShiftScheduled(Guid.CreateVersion7(), Guid.CreateVersion7(), "session-chair", "Chair",
        "Ballroom", Start, Start.AddHours(1), 1, 1, null, null, 120, "c", Start.AddDays(-30), RequiredQualification: "chair-briefing"));

    [Fact]
    public void An_unknown_volunteer_is_refused_with_unknown_volunteer()
    {
        var refusal = Assert.Throws<DomainRefusal>(() => Eligibility.Ensure(ChairShift(), VolunteerId, null));
        Assert.Equal(("unknown-volunteer", 422), (refusal.Slug, refusal.Status));
    }

    [Fact]
    public void A_deactivated_volunteer_is_refused_with_unknown_volunteer()
    {
        var refusal = Assert.Throws<DomainRefusal>(() =>
            Eligibility.Ensure(ChairShift(), VolunteerId, new KnownVolunteer { Id = VolunteerId, Active = false, Qualifications = ["chair-briefing"] }));
        Assert.Equal("unknown-volunteer", refusal.Slug);
    }

    [Fact]
    public void A_role_requiring_a_qualification_refuses_a_volunteer_without_it()
    {
        var refusal = Assert.Throws<DomainRefusal>(() => Eligibility.Ensure(ChairShift(), VolunteerId, new KnownVolunteer { Id = VolunteerId }));
        Assert.Equal(("not-qualified", 422), (refusal.Slug, refusal.Status));
        Assert.Equal("chair-briefing", refusal.Extensions["requiredQualification"]);
    }

    [Fact]
    public void A_qualified_active_volunteer_is_eligible_whatever_the_case_of_the_qualification()
    {
        var volunteer = new KnownVolunteer { Id = VolunteerId, Qualifications = ["Chair-Briefing"] };
        Eligibility.Ensure(ChairShift(), VolunteerId, volunteer);
        Assert.True(Eligibility.Allows(ChairShift(), volunteer));
    }
}
