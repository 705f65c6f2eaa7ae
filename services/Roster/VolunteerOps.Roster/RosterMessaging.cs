using MassTransit;
using VolunteerOps.Messaging;
using VolunteerOps.Roster.Schedules;

namespace VolunteerOps.Roster;

public static class RosterMessaging
{
    /// <summary>One queue receives every Shifts event; the consumers build the schedule, roster and reliability views.</summary>
    public static IHostApplicationBuilder AddRosterMessaging(this IHostApplicationBuilder builder) =>
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
            },
            (context, cfg) => cfg.StreamEndpoint(Topology.RosterShiftEvents, e =>
            {
                e.ConfigureConsumers(context);
            }));
}
