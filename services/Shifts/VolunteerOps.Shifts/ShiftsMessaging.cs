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
            (context, cfg) => cfg.StreamEndpoint(Topology.ShiftsRosterEvents, e =>
            {
                e.ConfigureConsumers(context);
            }));
}
