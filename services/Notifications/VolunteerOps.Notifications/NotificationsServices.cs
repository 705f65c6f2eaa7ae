using Microsoft.Extensions.Options;
using VolunteerOps.Notifications.Deliveries;
using VolunteerOps.Notifications.Deliveries.Email;
using VolunteerOps.Notifications.Deliveries.Webhooks;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Notifications.Scheduling;
using VolunteerOps.Notifications.Signals;
using VolunteerOps.ServiceDefaults;

namespace VolunteerOps.Notifications;

public static class NotificationsServices
{
    /// <summary>
    /// Composing, scheduling and sending. The alarm and delivery workers run in the worker process (row locks would
    /// keep several from doubling up, but HTTP replicas are kept free of background work); every instance listens
    /// for the NOTIFY that wakes inbox streams.
    /// </summary>
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
        if (builder.Configuration.RunsWorker())
        {
            builder.Services.AddHostedService<AlarmWorker>();
            builder.Services.AddHostedService<DeliveryWorker>();
        }

        builder.Services.AddSingleton<IChannelSender, EmailSender>();
        builder.Services.AddSingleton<IChannelSender, WebhookSender>();
        builder.Services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                WebhookTargets.Handler(sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.Webhooks.AllowPrivateNetworks));
        return builder;
    }
}
