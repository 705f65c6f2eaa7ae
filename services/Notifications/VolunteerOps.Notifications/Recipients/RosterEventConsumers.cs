using Marten;
using VolunteerOps.Contracts;
using VolunteerOps.Contracts.Roster;
using VolunteerOps.Messaging.Consuming;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Scheduling;
using VolunteerOps.Notifications.Shifts;

namespace VolunteerOps.Notifications.Recipients;

/// <summary>Keeps each volunteer's contact and preferences from the Roster's events, one volunteer stream in order.</summary>
public abstract class RosterEventConsumer<T>(ConsumerServices services) : IdempotentConsumer<T>(services.Store, services.Clock)
    where T : class, IStreamMessage
{
    protected ConsumerServices Services => services;

    protected override async Task Handle(T message, IDocumentSession session, CancellationToken ct)
    {
        var before = await session.LoadAsync<Recipient>(message.StreamId, ct);
        if (!IsNext(before?.AppliedVersion ?? 0, message))
        {
            return;
        }

        var cause = new NotificationCause(typeof(T).Name, message.StreamId, message.Version);
        var after = await React(message, before ?? new Recipient { Id = message.StreamId }, session, cause, ct) with { AppliedVersion = message.Version };
        session.Store(after);
    }

    protected abstract Task<Recipient> React(T message, Recipient recipient, IDocumentSession session, NotificationCause cause, CancellationToken ct);
}

public sealed class VolunteerRegisteredConsumer(ConsumerServices services) : RosterEventConsumer<VolunteerRegisteredV1>(services)
{
    protected override Task<Recipient> React(VolunteerRegisteredV1 m, Recipient recipient, IDocumentSession session, NotificationCause cause, CancellationToken ct) =>
        Task.FromResult(recipient with { Name = m.Name, Email = m.Email });
}

/// <summary>New lead times re-plan the reminders of every upcoming shift the volunteer holds.</summary>
public sealed class NotificationPreferencesSetConsumer(ConsumerServices services) : RosterEventConsumer<NotificationPreferencesSetV1>(services)
{
    protected override async Task<Recipient> React(
        NotificationPreferencesSetV1 m, Recipient recipient, IDocumentSession session, NotificationCause cause, CancellationToken ct)
    {
        var after = recipient with { Channels = m.Channels, WebhookUrl = m.WebhookUrl, ReminderLeadMinutes = m.ReminderLeadMinutes };
        var now = Services.Clock.GetUtcNow();
        var held = await session.Query<WatchedShift>().Where(s => s.Holders.Contains(m.VolunteerId) && s.StartsAt > now).ToListAsync(ct);
        foreach (var shift in held)
        {
            // Stored again so that a concurrent change of the same shift conflicts and retries instead of racing the plan.
            session.Store(shift);
            await Services.Planner.Replan(session, shift, cause, ct, after);
        }

        return after;
    }
}

public sealed class QualificationGrantedConsumer(ConsumerServices services) : RosterEventConsumer<QualificationGrantedV1>(services)
{
    protected override Task<Recipient> React(QualificationGrantedV1 m, Recipient recipient, IDocumentSession session, NotificationCause cause, CancellationToken ct) =>
        Task.FromResult(recipient);
}

public sealed class QualificationRevokedConsumer(ConsumerServices services) : RosterEventConsumer<QualificationRevokedV1>(services)
{
    protected override Task<Recipient> React(QualificationRevokedV1 m, Recipient recipient, IDocumentSession session, NotificationCause cause, CancellationToken ct) =>
        Task.FromResult(recipient);
}

/// <summary>The Shifts service releases their upcoming seats (each release is told separately); this says why.</summary>
public sealed class VolunteerDeactivatedConsumer(ConsumerServices services) : RosterEventConsumer<VolunteerDeactivatedV1>(services)
{
    protected override async Task<Recipient> React(
        VolunteerDeactivatedV1 m, Recipient recipient, IDocumentSession session, NotificationCause cause, CancellationToken ct)
    {
        var after = recipient with { Deactivated = true };
        // The notifier reads the recipient from the database: registered there already, as versions apply in order.
        await Services.Notifier.ToVolunteer(session, m.VolunteerId, NotificationKinds.VolunteerDeactivated, NotificationTexts.Deactivated(m.Reason), cause, ct);
        return after;
    }
}
