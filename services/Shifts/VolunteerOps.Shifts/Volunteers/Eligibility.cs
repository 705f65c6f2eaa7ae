using VolunteerOps.EventSourcing;
using VolunteerOps.Shifts.Shifts;

namespace VolunteerOps.Shifts.Volunteers;

/// <summary>Who may hold a seat on a shift at all: checked for every claim and every reassign target.</summary>
public static class Eligibility
{
    public static void Ensure(Shift shift, Guid volunteerId, KnownVolunteer? volunteer)
    {
        if (volunteer is not { Active: true })
        {
            throw new DomainRefusal("unknown-volunteer", "The volunteer is not registered or is deactivated.",
                $"Volunteer {volunteerId} cannot take shifts.", 422);
        }

        if (shift.RequiredQualification is { } required && !volunteer.Has(required))
        {
            throw new DomainRefusal("not-qualified", "The volunteer lacks the qualification this role requires.",
                    $"'{shift.Role}' requires '{required}'.", 422)
                .With("requiredQualification", required);
        }
    }

    public static bool Allows(Shift shift, KnownVolunteer? volunteer) =>
        volunteer is { Active: true } && (shift.RequiredQualification is not { } required || volunteer.Has(required));
}
