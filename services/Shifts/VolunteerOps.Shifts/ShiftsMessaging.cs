using MassTransit;
using VolunteerOps.Messaging;
using VolunteerOps.Shifts.Volunteers;

namespace VolunteerOps.Shifts;

public static class ShiftsMessaging
{
    /// <summary>One queue receives every Roster event; the consumers keep the local view of volunteers.</summary>
    public static IHostApplicationBuilder AddShiftsMessaging(this IHostApplicationBuilder builder) =>
        builder.AddVolunteerOpsMessaging(
            x =>
            {
                x.AddConsumer<VolunteerRegisteredConsumer>();
                x.AddConsumer<NotificationPreferencesSetConsumer>();
                x.AddConsumer<QualificationGrantedConsumer>();
                x.AddConsumer<QualificationRevokedConsumer>();
                x.AddConsumer<VolunteerDeactivatedConsumer>();
            },
            (context, cfg) => cfg.ReceiveEndpoint(Topology.ShiftsRosterEvents, e =>
            {
                // Prefetch no more than can run at once: a delivered message always has a slot, so one
                // waiting for its predecessor never starves that predecessor of one.
                e.PrefetchCount = 16;
                e.ConcurrentMessageLimit = 16;
                e.ConfigureConsumers(context);
            }));
}
