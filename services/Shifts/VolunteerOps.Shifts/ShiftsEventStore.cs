using JasperFx.Events.Projections;
using Marten;
using VolunteerOps.EventSourcing.Storage;
using VolunteerOps.Messaging;
using VolunteerOps.Messaging.Consuming;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Conferences;
using VolunteerOps.Shifts.Coverage.Signals;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Volunteers;

namespace VolunteerOps.Shifts;

public static class ShiftsEventStore
{
    public static IHostApplicationBuilder AddShiftsEventStore(this IHostApplicationBuilder builder)
    {
        builder.AddVolunteerOpsEventStore("shifts", opts =>
        {
            // Stored names are pinned: renaming a C# type must never orphan the events already written.
            opts.Events.MapEventType<ConferenceCreated>("conference_created");
            opts.Events.MapEventType<ShiftScheduled>("shift_scheduled");
            opts.Events.MapEventType<ShiftClaimed>("shift_claimed");
            opts.Events.MapEventType<ShiftReleased>("shift_released");
            opts.Events.MapEventType<ShiftReassigned>("shift_reassigned");
            opts.Events.MapEventType<VolunteerCheckedIn>("volunteer_checked_in");
            opts.Events.MapEventType<VolunteerMarkedNoShow>("volunteer_marked_no_show");
            opts.Events.MapEventType<ShiftRescheduled>("shift_rescheduled");
            opts.Events.MapEventType<ShiftResized>("shift_resized");
            opts.Events.MapEventType<ShiftCancelled>("shift_cancelled");
            opts.Events.MapEventType<CommitmentsOpened>("commitments_opened");
            opts.Events.MapEventType<CommitmentMade>("commitment_made");
            opts.Events.MapEventType<CommitmentDropped>("commitment_dropped");
            opts.Events.MapEventType<CommitmentMoved>("commitment_moved");

            // Per-stream state is kept inline, in the same transaction as the events: reads and locked
            // writes load one row instead of replaying a stream.
            opts.Projections.Snapshot<Conference>(SnapshotLifecycle.Inline);
            opts.Projections.Snapshot<Shift>(SnapshotLifecycle.Inline);
            opts.Projections.Snapshot<VolunteerCommitments>(SnapshotLifecycle.Inline);

            opts.Schema.For<Shift>()
                .Duplicate(s => s.ConferenceId)
                .Duplicate(s => s.StartsAt);
            opts.Schema.For<KnownVolunteer>().UseOptimisticConcurrency(true);
            opts.Schema.For<ProcessedMessage>();
        })
        .PublishIntegrationEvents<ShiftsIntegrationEvents>(builder.Configuration);

        // Coverage streams are woken by a NOTIFY sent in the writing transaction (see CoverageSignal).
        builder.Services.AddCoverageSignals();
        return builder;
    }
}
