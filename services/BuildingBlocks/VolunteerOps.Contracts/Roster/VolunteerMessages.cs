using MassTransit;

namespace VolunteerOps.Contracts.Roster;

// Integration events of the Roster service: one per event of a volunteer stream, Version = that stream's version.

[MessageUrn("volunteerops:roster:volunteer-registered:v1")]
[EntityName("volunteerops.roster.volunteer-registered.v1")]
public sealed record VolunteerRegisteredV1(
    Guid VolunteerId, long Version, string Name, string Email, string? Phone, string? TshirtSize, string RegisteredBy, DateTimeOffset RegisteredAt)
    : IStreamMessage
{
    public Guid StreamId => VolunteerId;
}

[MessageUrn("volunteerops:roster:notification-preferences-set:v1")]
[EntityName("volunteerops.roster.notification-preferences-set.v1")]
public sealed record NotificationPreferencesSetV1(
    Guid VolunteerId, long Version, IReadOnlyList<string> Channels, string? WebhookUrl, IReadOnlyList<int> ReminderLeadMinutes, DateTimeOffset SetAt)
    : IStreamMessage
{
    public Guid StreamId => VolunteerId;
}

[MessageUrn("volunteerops:roster:qualification-granted:v1")]
[EntityName("volunteerops.roster.qualification-granted.v1")]
public sealed record QualificationGrantedV1(Guid VolunteerId, long Version, string Qualification, string GrantedBy, DateTimeOffset GrantedAt)
    : IStreamMessage
{
    public Guid StreamId => VolunteerId;
}

[MessageUrn("volunteerops:roster:qualification-revoked:v1")]
[EntityName("volunteerops.roster.qualification-revoked.v1")]
public sealed record QualificationRevokedV1(Guid VolunteerId, long Version, string Qualification, string RevokedBy, DateTimeOffset RevokedAt)
    : IStreamMessage
{
    public Guid StreamId => VolunteerId;
}

[MessageUrn("volunteerops:roster:volunteer-deactivated:v1")]
[EntityName("volunteerops.roster.volunteer-deactivated.v1")]
public sealed record VolunteerDeactivatedV1(Guid VolunteerId, long Version, string Reason, string DeactivatedBy, DateTimeOffset DeactivatedAt)
    : IStreamMessage
{
    public Guid StreamId => VolunteerId;
}
