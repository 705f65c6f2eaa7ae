using Marten;
using Microsoft.Extensions.Options;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Shifts;
using VolunteerOps.Notifications.Storage;

namespace VolunteerOps.Notifications.Scheduling;

/// <summary>
/// Fires due alarms, each in a transaction of its own that also marks it fired: whichever instance locks
/// an alarm fires it, once. An alarm whose reason has gone (seat released, shift full or started) fires
/// silently.
/// </summary>
public sealed partial class AlarmWorker(
    IDocumentStore store, Notifier notifier, TimeProvider clock, IOptions<NotificationsOptions> options, ILogger<AlarmWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            var failed = new List<string>();
            try
            {
                while (await FireNext(failed, stoppingToken))
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Fires the earliest due alarm not failed in this round; false when there is none.</summary>
    private async Task<bool> FireNext(List<string> failedThisRound, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(ct);
        var due = await RowLocks.Due<Alarm>(
            session, "fired_at is null and due_at <= ? and not (id = any(?))", "due_at", 1, ct, now, failedThisRound.ToArray());
        if (due.Count == 0)
        {
            return false;
        }

        var alarm = due[0];
        try
        {
            await Fire(session, alarm, now, ct);
            session.Store(alarm with { FiredAt = now });
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogFireFailed(logger, alarm.Id, e);
            failedThisRound.Add(alarm.Id);
        }

        return true;
    }

    private async Task Fire(IDocumentSession session, Alarm alarm, DateTimeOffset now, CancellationToken ct)
    {
        var shift = await session.LoadAsync<WatchedShift>(alarm.ShiftId, ct);
        if (shift is null || shift.Cancelled || shift.StartsAt <= now)
        {
            return;
        }

        if (alarm.VolunteerId is { } volunteer)
        {
            if (shift.Holders.Contains(volunteer))
            {
                await notifier.ToVolunteer(
                    session, volunteer, NotificationKinds.ShiftReminder, NotificationTexts.Reminder(shift, alarm.LeadMinutes), alarm.PlannedBy, ct, alarm.Id);
            }
        }
        else if (shift.Understaffed)
        {
            notifier.ToCoordinators(session, NotificationKinds.ShiftUnderstaffed, NotificationTexts.Understaffed(shift), alarm.PlannedBy, alarm.Id);
        }
    }

    [LoggerMessage(LogLevel.Error, "Firing alarm {AlarmId} failed; it is retried at the next poll")]
    private static partial void LogFireFailed(ILogger logger, string alarmId, Exception e);

    [LoggerMessage(LogLevel.Warning, "Looking for due alarms failed; retrying at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception e);
}
