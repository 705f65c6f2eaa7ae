using Marten;
using Microsoft.Extensions.Options;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Recipients;
using VolunteerOps.Notifications.Shifts;

namespace VolunteerOps.Notifications.Scheduling;

/// <summary>Brings a shift's stored alarms in line with <see cref="AlarmPlan"/>, in the caller's session.</summary>
public sealed class AlarmPlanner(IOptions<NotificationsOptions> options, TimeProvider clock)
{
    /// <summary>Plans with the holders' stored preferences, or with <paramref name="changed"/> where it is one of them (not yet saved).</summary>
    public async Task Replan(IDocumentSession session, WatchedShift shift, NotificationCause cause, CancellationToken ct, Recipient? changed = null)
    {
        var now = clock.GetUtcNow();
        var recipients = shift.Holders.Count == 0
            ? new Dictionary<Guid, Recipient>()
            : (await session.LoadManyAsync<Recipient>(ct, shift.Holders)).ToDictionary(r => r.Id);
        if (changed is not null)
        {
            recipients[changed.Id] = changed;
        }

        var wanted = AlarmPlan.Wanted(
            shift,
            holder => recipients.TryGetValue(holder, out var r) ? r.ReminderLeadMinutes : Recipient.DefaultReminderLeadMinutes,
            options.Value.UnderstaffedAlertLeadMinutes,
            now,
            cause);
        var existing = await session.Query<Alarm>().Where(a => a.ShiftId == shift.Id).ToListAsync(ct);
        var (store, delete) = AlarmPlan.Reconcile(existing, wanted, now);
        foreach (var alarm in store)
        {
            session.Store(alarm);
        }

        foreach (var alarm in delete)
        {
            session.Delete(alarm);
        }
    }
}
