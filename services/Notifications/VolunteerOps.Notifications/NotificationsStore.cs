using Marten;
using VolunteerOps.EventSourcing.Storage;
using VolunteerOps.Messaging.Consuming;
using VolunteerOps.Notifications.Deliveries;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Recipients;
using VolunteerOps.Notifications.Scheduling;
using VolunteerOps.Notifications.Shifts;

namespace VolunteerOps.Notifications;

public static class NotificationsStore
{
    /// <summary>
    /// Documents only: this service keeps no event streams of its own. What it knows of shifts and people
    /// comes from the other services' events; what it did (notifications, attempts) is its record.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationsStore(this IHostApplicationBuilder builder)
    {
        builder.AddVolunteerOpsEventStore("notifications", opts =>
        {
            // Views fed by messages: concurrent messages about the same shift or person must not lose updates.
            opts.Schema.For<WatchedShift>().UseOptimisticConcurrency(true);
            opts.Schema.For<Recipient>().UseOptimisticConcurrency(true);
            opts.Schema.For<Notification>()
                .Duplicate(n => n.Recipient)
                .Duplicate(n => n.CreatedAt);
            // The worker's queries read these columns (RowLocks): keep their names in step.
            opts.Schema.For<Delivery>()
                .Duplicate(d => d.Status)
                .Duplicate(d => d.NextAttemptAt)
                .Duplicate(d => d.CreatedAt);
            opts.Schema.For<Alarm>()
                .Duplicate(a => a.ShiftId)
                .Duplicate(a => a.DueAt)
                .Duplicate(a => a.FiredAt!);
            opts.Schema.For<ProcessedMessage>();
        });
        return builder;
    }
}
