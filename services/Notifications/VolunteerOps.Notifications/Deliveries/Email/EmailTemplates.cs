using System.Net;
using VolunteerOps.Notifications.Inbox;

namespace VolunteerOps.Notifications.Deliveries.Email;

/// <summary>The two bodies of every email: plain text for any reader, HTML (escaped, inline styles) for the rest.</summary>
public static class EmailTemplates
{
    private const string Footer = "You receive this because you volunteer at the conference. Change how you are notified in your volunteer profile.";

    public static string Text(Notification n) => $"""
        {n.Title}

        {n.Body}

        --
        {Footer}
        """;

    public static string Html(Notification n) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <body style="font-family: system-ui, sans-serif; font-size: 16px; color: #111; max-width: 36em;">
          <h1 style="font-size: 20px;">{WebUtility.HtmlEncode(n.Title)}</h1>
          <p>{WebUtility.HtmlEncode(n.Body)}</p>
          <hr>
          <p style="font-size: 13px; color: #555;">{Footer}</p>
        </body>
        </html>
        """;
}
