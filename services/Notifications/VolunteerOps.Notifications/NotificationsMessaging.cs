using MassTransit;
using VolunteerOps.Messaging;
using VolunteerOps.Notifications.Recipients;
using VolunteerOps.Notifications.Shifts;

namespace VolunteerOps.Notifications;

public static class NotificationsMessaging
{
    /// <summary>Two queues: every Shifts event (what to tell) and every Roster event (whom, and how).</summary>
    public static IHostApplicationBuilder AddNotificationsMessaging(this IHostApplicationBuilder builder) =>
        builder.AddVolunteerOpsMessaging(
            x =>
            {
                x.AddConsumer<ShiftScheduledConsumer>();
                x.AddConsumer<ShiftClaimedConsumer>();
                x.AddConsumer<ShiftReleasedConsumer>();
                x.AddConsumer<ShiftReassignedConsumer>();
                x.AddConsumer<VolunteerCheckedInConsumer>();
                x.AddConsumer<VolunteerMarkedNoShowConsumer>();
                x.AddConsumer<ShiftRescheduledConsumer>();
                x.AddConsumer<ShiftResizedConsumer>();
                x.AddConsumer<ShiftCancelledConsumer>();
                x.AddConsumer<VolunteerRegisteredConsumer>();
                x.AddConsumer<NotificationPreferencesSetConsumer>();
                x.AddConsumer<QualificationGrantedConsumer>();
                x.AddConsumer<QualificationRevokedConsumer>();
                x.AddConsumer<VolunteerDeactivatedConsumer>();
            },
            (context, cfg) =>
            {
                cfg.StreamEndpoint(Topology.NotificationsShiftEvents, e =>
                {
                    e.ConfigureConsumer<ShiftScheduledConsumer>(context);
                    e.ConfigureConsumer<ShiftClaimedConsumer>(context);
                    e.ConfigureConsumer<ShiftReleasedConsumer>(context);
                    e.ConfigureConsumer<ShiftReassignedConsumer>(context);
                    e.ConfigureConsumer<VolunteerCheckedInConsumer>(context);
                    e.ConfigureConsumer<VolunteerMarkedNoShowConsumer>(context);
                    e.ConfigureConsumer<ShiftRescheduledConsumer>(context);
                    e.ConfigureConsumer<ShiftResizedConsumer>(context);
                    e.ConfigureConsumer<ShiftCancelledConsumer>(context);
                });
                cfg.StreamEndpoint(Topology.NotificationsRosterEvents, e =>
                {
                    e.ConfigureConsumer<VolunteerRegisteredConsumer>(context);
                    e.ConfigureConsumer<NotificationPreferencesSetConsumer>(context);
                    e.ConfigureConsumer<QualificationGrantedConsumer>(context);
                    e.ConfigureConsumer<QualificationRevokedConsumer>(context);
                    e.ConfigureConsumer<VolunteerDeactivatedConsumer>(context);
                });
            });
}
