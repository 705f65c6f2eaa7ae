using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Shifts;

namespace VolunteerOps.Notifications.Scheduling;

/// <summary>Which alarms a shift should have now, and how to get there from the ones it has. Pure.</summary>
public static class AlarmPlan
{
    /// <summary>
    /// A reminder per holder and lead time that is still ahead; an under-staffing alert while the shift is
    /// below its minimum and has not started (due at once when the lead time has already begun).
    /// </summary>
    public static IReadOnlyList<Alarm> Wanted(
        WatchedShift shift, Func<Guid, IReadOnlyList<int>> leadsOf, int understaffedLeadMinutes, DateTimeOffset now, NotificationCause cause)
    {
        if (shift.Cancelled || shift.StartsAt <= now)
        {
            return [];
        }

        var wanted = new List<Alarm>();
        foreach (var holder in shift.Holders)
        {
            foreach (var lead in leadsOf(holder).Distinct())
            {
                var due = shift.StartsAt.AddMinutes(-lead);
                if (due > now)
                {
                    wanted.Add(Alarm.Reminder(shift.Id, holder, lead, due, cause));
                }
            }
        }

        if (shift.Understaffed)
        {
            var due = shift.StartsAt.AddMinutes(-understaffedLeadMinutes);
            wanted.Add(Alarm.Understaffed(shift.Id, understaffedLeadMinutes, due > now ? due : now, cause));
        }

        return wanted;
    }

    /// <summary>
    /// Keeps an existing alarm that is still wanted at the same time (and so keeps its cause: it fires once);
    /// stores new and moved ones, deletes the rest.
    /// </summary>
    public static (IReadOnlyList<Alarm> Store, IReadOnlyList<Alarm> Delete) Reconcile(
        IReadOnlyList<Alarm> existing, IReadOnlyList<Alarm> wanted, DateTimeOffset now)
    {
        var existingById = existing.ToDictionary(a => a.Id);
        var wantedIds = wanted.Select(a => a.Id).ToHashSet();
        var store = wanted.Where(w => !existingById.TryGetValue(w.Id, out var e) || !SameTime(e, w, now)).ToList();
        var delete = existing.Where(e => !wantedIds.Contains(e.Id)).ToList();
        return (store, delete);
    }

    // An alert wanted "now" (its lead time has begun) is wanted anew at every event; one already due is the same alarm.
    private static bool SameTime(Alarm existing, Alarm wanted, DateTimeOffset now) =>
        existing.DueAt == wanted.DueAt || (existing.DueAt <= now && wanted.DueAt <= now);
}
