using JasperFx.Events;
using VolunteerOps.Contracts.Roster;
using VolunteerOps.Messaging.Publishing;
using VolunteerOps.Roster.Volunteers;

namespace VolunteerOps.Roster;

/// <summary>What the Roster tells other services: every event of a volunteer stream, with its version.</summary>
public sealed class RosterIntegrationEvents : IIntegrationEventMap
{
    public IReadOnlyCollection<Type> PublishedEventTypes { get; } =
    [
        typeof(VolunteerRegistered), typeof(NotificationPreferencesSet), typeof(QualificationGranted),
        typeof(QualificationRevoked), typeof(VolunteerDeactivated),
    ];

    public object? ToMessage(IEvent stored) => stored.Data switch
    {
        VolunteerRegistered e => new VolunteerRegisteredV1(e.VolunteerId, stored.Version, e.Name, e.Email, e.Phone, e.TshirtSize, e.RegisteredBy, e.RegisteredAt),
        NotificationPreferencesSet e => new NotificationPreferencesSetV1(e.VolunteerId, stored.Version, e.Channels, e.WebhookUrl, e.ReminderLeadMinutes, e.SetAt),
        QualificationGranted e => new QualificationGrantedV1(e.VolunteerId, stored.Version, e.Qualification, e.GrantedBy, e.GrantedAt),
        QualificationRevoked e => new QualificationRevokedV1(e.VolunteerId, stored.Version, e.Qualification, e.RevokedBy, e.RevokedAt),
        VolunteerDeactivated e => new VolunteerDeactivatedV1(e.VolunteerId, stored.Version, e.Reason, e.DeactivatedBy, e.DeactivatedAt),
        _ => null,
    };
}
