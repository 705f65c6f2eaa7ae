using Marten;
using Microsoft.Extensions.Options;
using VolunteerOps.Messaging.Consuming;
using VolunteerOps.Notifications.Deliveries;
using VolunteerOps.Notifications.Recipients;
using VolunteerOps.Notifications.Signals;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.Notifications.Inbox;

/// <summary>
/// Writes a notification and its deliveries into the caller's session, so they commit with whatever
/// caused them (a consumed message and its marker, a fired alarm) or not at all.
/// </summary>
public sealed class Notifier(IOptions<NotificationsOptions> options, SignalChannels signals, TimeProvider clock)
{
    /// <summary>Throws a retryable exception while the Roster's registration of the volunteer has not arrived.</summary>
    public async Task ToVolunteer(
        IDocumentSession session, Guid volunteerId, string kind, NotificationText text, NotificationCause cause, CancellationToken ct, string discriminator = "")
    {
        var recipient = await session.LoadAsync<Recipient>(volunteerId, ct)
            ?? throw new MessageNotYetApplicableException($"Volunteer {volunteerId} is not known here yet.");
        var targets = new List<(string Channel, string Target)>();
        if (recipient.Wants(ChannelNames.Email) && recipient.Email.Length > 0)
        {
            targets.Add((ChannelNames.Email, recipient.Email));
        }

        if (recipient.Wants(ChannelNames.Webhook) && recipient.WebhookUrl is { } url)
        {
            targets.Add((ChannelNames.Webhook, url));
        }

        Add(session, Recipients.Of(volunteerId), kind, text, cause, discriminator, targets);
    }

    /// <summary>To the coordination desk: its shared inbox, and its email address and webhook when configured.</summary>
    public void ToCoordinators(IDocumentSession session, string kind, NotificationText text, NotificationCause cause, string discriminator = "")
    {
        var desk = options.Value;
        var targets = new List<(string Channel, string Target)>();
        if (!string.IsNullOrWhiteSpace(desk.CoordinatorEmail))
        {
            targets.Add((ChannelNames.Email, desk.CoordinatorEmail));
        }

        if (!string.IsNullOrWhiteSpace(desk.CoordinatorWebhookUrl))
        {
            targets.Add((ChannelNames.Webhook, desk.CoordinatorWebhookUrl));
        }

        Add(session, Recipients.Coordinators, kind, text, cause, discriminator, targets);
    }

    private void Add(
        IDocumentSession session, string recipient, string kind, NotificationText text, NotificationCause cause, string discriminator,
        List<(string Channel, string Target)> targets)
    {
        var now = clock.GetUtcNow();
        var notification = new Notification
        {
            Id = DeterministicId.From(kind, recipient, cause, discriminator),
            Recipient = recipient,
            Kind = kind,
            Title = text.Title,
            Body = text.Body,
            Cause = cause,
            CreatedAt = now,
        };

        // Insert, not upsert: a second notification for the same cause fails the transaction instead of hiding.
        session.Insert(notification);
        foreach (var (channel, target) in targets)
        {
            session.Insert(new Delivery
            {
                Id = DeterministicId.From(notification.Id, channel),
                NotificationId = notification.Id,
                Recipient = recipient,
                Channel = channel,
                Target = target,
                Status = DeliveryStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
                TraceParent = TraceContext.Current(),
            });
        }

        signals.NotifyOnCommit(session, signals.Inbox, recipient);
        if (targets.Count > 0)
        {
            signals.NotifyOnCommit(session, signals.Deliveries);
        }
    }
}
