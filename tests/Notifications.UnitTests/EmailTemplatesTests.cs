using VolunteerOps.Notifications.Deliveries.Email;
using VolunteerOps.Notifications.Inbox;

namespace Notifications.UnitTests;

public class EmailTemplatesTests
{
    private static Notification With(string title, string body) => new()
    {
        Recipient = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa",
        Kind = NotificationKinds.ShiftReminder,
        Title = title,
        Body = body,
        Cause = new NotificationCause("ShiftClaimedV1", Guid.Empty, 1),
    };

    [Fact]
    public void The_html_body_encodes_the_title_and_body()
    {
        var html = EmailTemplates.Html(With("<script>alert(1)</script>", "Tom & Jerry say \"hi\""));

        Assert.Contains("<h1 style=\"font-size: 20px;\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Tom &amp; Jerry say &quot;hi&quot;</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_body_has_the_title_then_the_body_unencoded()
    {
        var text = EmailTemplates.Text(With("Reminder: Desk in 1 hour", "You are <Greeter> & co."));

        Assert.StartsWith("Reminder: Desk in 1 hour\n\nYou are <Greeter> & co.\n", text, StringComparison.Ordinal);
        Assert.Contains("volunteer profile", text, StringComparison.Ordinal);
    }
}
