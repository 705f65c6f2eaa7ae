using Microsoft.Extensions.Options;
using VolunteerOps.Notifications.Deliveries;
using VolunteerOps.Notifications.Deliveries.Email;
using VolunteerOps.Notifications.Deliveries.Webhooks;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Scheduling;
using VolunteerOps.Notifications.Signals;

namespace VolunteerOps.Notifications;

public static class NotificationsServices
{
    /// <summary>Composing, scheduling and sending: every instance runs the workers; row locks keep them from doubling up.</summary>
    public static IHostApplicationBuilder AddNotificationsWork(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<NotificationsOptions>(builder.Configuration.GetSection("Notifications"));
        builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
        builder.Services.AddSingleton<SignalChannels>();
        builder.Services.AddSingleton<PostgresSignals>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PostgresSignals>());
        builder.Services.AddSingleton<Notifier>();
        builder.Services.AddSingleton<AlarmPlanner>();
        builder.Services.AddSingleton<ConsumerServices>();
        builder.Services.AddHostedService<AlarmWorker>();
        builder.Services.AddHostedService<DeliveryWorker>();
        builder.Services.AddSingleton<IChannelSender, EmailSender>();
        builder.Services.AddSingleton<IChannelSender, WebhookSender>();
        builder.Services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                WebhookTargets.Handler(sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.Webhooks.AllowPrivateNetworks));
        return builder;
    }
}
