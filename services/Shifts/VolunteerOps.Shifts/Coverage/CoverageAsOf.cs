using VolunteerOps.Shifts.Shifts;

namespace VolunteerOps.Shifts.Coverage;

/// <summary>Pure: a conference's shift events folded to a moment, for coverage as it was then.</summary>
public static class CoverageAsOf
{
    /// <summary>
    /// Each shift as it stood at the moment: its events are taken in stream order and count when their business
    /// time (IShiftEvent.At) is at or before it, the rule GetHoldersAsOf uses, so both answer alike. A shift
    /// scheduled later is absent; its capacity, minimum, times and holders are those of the moment.
    /// </summary>
    public static IReadOnlyList<Shift> Replay(IEnumerable<IShiftEvent> events, DateTimeOffset asOf)
    {
        var shifts = new Dictionary<Guid, Shift?>();
        foreach (var e in events.Where(e => e.At <= asOf))
        {
            shifts[e.ShiftId] = Shift.Fold(shifts.GetValueOrDefault(e.ShiftId), e);
        }

        return [.. shifts.Values.OfType<Shift>()];
    }
}
