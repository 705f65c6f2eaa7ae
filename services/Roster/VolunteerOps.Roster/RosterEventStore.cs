using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using VolunteerOps.EventSourcing.Storage;
using VolunteerOps.Messaging;
using VolunteerOps.Messaging.Consuming;
using VolunteerOps.Roster.Schedules;
using VolunteerOps.Roster.Volunteers;

namespace VolunteerOps.Roster;

public static class RosterEventStore
{
    public static IHostApplicationBuilder AddRosterEventStore(this IHostApplicationBuilder builder)
    {
        builder.AddVolunteerOpsEventStore("roster", opts =>
            {
                opts.Events.MapEventType<VolunteerRegistered>("volunteer_registered");
                opts.Events.MapEventType<NotificationPreferencesSet>("notification_preferences_set");
                opts.Events.MapEventType<QualificationGranted>("qualification_granted");
                opts.Events.MapEventType<QualificationRevoked>("qualification_revoked");
                opts.Events.MapEventType<VolunteerDeactivated>("volunteer_deactivated");
                opts.Projections.Snapshot<Volunteer>(SnapshotLifecycle.Inline);
                opts.Schema.For<Volunteer>().UniqueIndex(UniqueIndexType.Computed, "volunteer_email", v => v.Email);

                // Views fed by messages: concurrent messages about the same volunteer must not lose updates.
                opts.Schema.For<ShiftInfo>().UseOptimisticConcurrency(true).Duplicate(s => s.ConferenceId);
                opts.Schema.For<VolunteerSchedule>().UseOptimisticConcurrency(true);
                opts.Schema.For<ReliabilityProfile>().UseOptimisticConcurrency(true);
                opts.Schema.For<ProcessedMessage>();
            })
            .PublishIntegrationEvents<RosterIntegrationEvents>(builder.Configuration);
        return builder;
    }
}
