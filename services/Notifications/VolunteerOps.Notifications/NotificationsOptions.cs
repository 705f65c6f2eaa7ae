namespace VolunteerOps.Notifications;

/// <summary>The "Notifications" configuration section.</summary>
public sealed class NotificationsOptions
{
    /// <summary>Coordinators hear of a shift still below its minimum this long before it starts.</summary>
    public int UnderstaffedAlertLeadMinutes { get; set; } = 120;

    /// <summary>The coordination desk's address for under-staffing alerts (optional).</summary>
    public string? CoordinatorEmail { get; set; }

    /// <summary>The coordination desk's webhook for under-staffing alerts (optional).</summary>
    public string? CoordinatorWebhookUrl { get; set; }

    /// <summary>How often each instance looks for due reminders and deliveries (other instances' work included).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public DeliveryOptions Delivery { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();
}

public sealed class DeliveryOptions
{
    /// <summary>Attempts per delivery before it is marked failed (a coordinator can retry it then).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class WebhookOptions
{
    /// <summary>The HMAC-SHA256 key receivers verify signatures with.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>Off in production: webhooks may reach loopback and private addresses only when this is on (development, tests).</summary>
    public bool AllowPrivateNetworks { get; set; }
}

/// <summary>The "Smtp" configuration section.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "VolunteerOps <noreply@volunteerops.dev>";

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
