using VolunteerOps.EventSourcing;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.Shifts.Conferences;

namespace VolunteerOps.Shifts.Shifts;

/// <summary>The shape every shift must have, checked when it is scheduled and whenever it changes.</summary>
public static class ShiftRules
{
    public const int MaxCapacity = 1000;
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(24);

    public static Validation CheckShape(this Validation v, DateTimeOffset? startsAt, DateTimeOffset? endsAt, int? capacity, int? minimum)
    {
        v.Required(startsAt, "startsAt").Required(endsAt, "endsAt").Range(capacity, "capacity", 1, MaxCapacity);
        if (startsAt is { } s && endsAt is { } e)
        {
            v.Check(e > s, "endsAt", "Must be after startsAt.").Check(e - s <= MaxLength, "endsAt", "A shift lasts at most 24 hours.");
        }

        if (minimum is { } m && capacity is { } c)
        {
            v.Check(m >= 0 && m <= c, "minimum", "Must be between 0 and the capacity.");
        }

        return v;
    }

    public static void EnsureWithinConference(Conference conference, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var (from, to) = conference.Window();
        if (startsAt < from || endsAt > to)
        {
            throw new DomainRefusal("outside-conference-dates", "The shift is outside the conference's dates.",
                $"'{conference.Name}' runs from {from:O} to {to:O}.", 422);
        }
    }
}
