using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Recipients;

namespace VolunteerOps.Notifications.Deliveries.Email;

/// <summary>
/// Plain text and HTML over SMTP (MailKit). The Message-ID and an Idempotency-Key header are the delivery
/// id, the same on every attempt, so a mail system or reader can recognise a resent message.
/// </summary>
public sealed class EmailSender(IOptions<SmtpOptions> options) : IChannelSender
{
    public string Channel => ChannelNames.Email;

    public async Task<SendOutcome> Send(Delivery delivery, Notification notification, CancellationToken ct)
    {
        var smtp = options.Value;
        var message = new MimeMessage
        {
            MessageId = $"{delivery.Id:N}@volunteerops.dev",
            Subject = notification.Title,
            Body = new BodyBuilder
            {
                TextBody = EmailTemplates.Text(notification),
                HtmlBody = EmailTemplates.Html(notification),
            }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(delivery.Target));
        message.Headers.Add("Idempotency-Key", delivery.Id.ToString());

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        var answer = await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        return new SendOutcome(true, answer);
    }
}
