namespace VolunteerOps.Notifications.Recipients;

/// <summary>A volunteer's contact and preferences, as the Roster last told us (one volunteer stream, in order).</summary>
public sealed record Recipient
{
    public static readonly IReadOnlyList<string> DefaultChannels = [ChannelNames.InApp, ChannelNames.Email];
    public static readonly IReadOnlyList<int> DefaultReminderLeadMinutes = [1440, 60];

    public Guid Id { get; init; }
    public long AppliedVersion { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public IReadOnlyList<string> Channels { get; init; } = DefaultChannels;
    public string? WebhookUrl { get; init; }
    public IReadOnlyList<int> ReminderLeadMinutes { get; init; } = DefaultReminderLeadMinutes;
    public bool Deactivated { get; init; }

    public bool Wants(string channel) => Channels.Contains(channel);
}

public static class ChannelNames
{
    public const string InApp = "inApp";
    public const string Email = "email";
    public const string Webhook = "webhook";
}
