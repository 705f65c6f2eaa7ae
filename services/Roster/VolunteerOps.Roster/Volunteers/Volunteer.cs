namespace VolunteerOps.Roster.Volunteers;

public sealed record NotificationPreferences(IReadOnlyList<string> Channels, string? WebhookUrl, IReadOnlyList<int> ReminderLeadMinutes)
{
    public static readonly NotificationPreferences Default = new(["inApp", "email"], null, [1440, 60]);
}

/// <summary>A volunteer's profile, folded from their stream and stored inline as a snapshot.</summary>
public sealed record Volunteer
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
    public string? Phone { get; init; }
    public string? TshirtSize { get; init; }

    /// <summary>Lets a calendar app fetch the iCal feed without a bearer token.</summary>
    public required string FeedKey { get; init; }
    public NotificationPreferences Preferences { get; init; } = NotificationPreferences.Default;
    public IReadOnlyList<string> Qualifications { get; init; } = [];
    public bool Active { get; init; } = true;
    public string? DeactivationReason { get; init; }
    public long Version { get; set; }

    public bool HasQualification(string q) => Qualifications.Contains(q, StringComparer.OrdinalIgnoreCase);

    public static Volunteer Create(VolunteerRegistered e) => new()
    {
        Id = e.VolunteerId,
        Name = e.Name,
        Email = e.Email,
        Phone = e.Phone,
        TshirtSize = e.TshirtSize,
        FeedKey = e.FeedKey,
    };

    public Volunteer Apply(NotificationPreferencesSet e) => this with { Preferences = new(e.Channels, e.WebhookUrl, e.ReminderLeadMinutes) };

    public Volunteer Apply(QualificationGranted e) => this with { Qualifications = [.. Qualifications, e.Qualification] };

    public Volunteer Apply(QualificationRevoked e) =>
        this with { Qualifications = [.. Qualifications.Where(q => !string.Equals(q, e.Qualification, StringComparison.OrdinalIgnoreCase))] };

    public Volunteer Apply(VolunteerDeactivated e) => this with { Active = false, DeactivationReason = e.Reason };
}

public sealed record VolunteerRegistered(
    Guid VolunteerId, string Name, string Email, string? Phone, string? TshirtSize, string FeedKey, string RegisteredBy, DateTimeOffset RegisteredAt);

public sealed record NotificationPreferencesSet(
    Guid VolunteerId, IReadOnlyList<string> Channels, string? WebhookUrl, IReadOnlyList<int> ReminderLeadMinutes, string SetBy, DateTimeOffset SetAt);

public sealed record QualificationGranted(Guid VolunteerId, string Qualification, string GrantedBy, DateTimeOffset GrantedAt);

public sealed record QualificationRevoked(Guid VolunteerId, string Qualification, string RevokedBy, DateTimeOffset RevokedAt);

public sealed record VolunteerDeactivated(Guid VolunteerId, string Reason, string DeactivatedBy, DateTimeOffset DeactivatedAt);
