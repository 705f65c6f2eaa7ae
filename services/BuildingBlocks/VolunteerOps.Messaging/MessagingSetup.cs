using JasperFx.Events.Daemon;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VolunteerOps.Messaging.Consuming;
using VolunteerOps.Messaging.Publishing;
using VolunteerOps.ServiceDefaults;

namespace VolunteerOps.Messaging;

public static class MessagingSetup
{
    /// <summary>ConnectionStrings:RabbitMq, e.g. amqp://user:password@127.0.0.1:5672/</summary>
    public static Uri BrokerUri(IConfiguration configuration) =>
        new(configuration.GetConnectionString("RabbitMq") ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured."));

    /// <summary>
    /// MassTransit on RabbitMQ with the house policy: the whole topology declared up front, retries with
    /// backoff for every endpoint (then the endpoint's _error queue), poison messages straight to _error.
    /// Only the worker connects to the broker: an HTTP replica neither publishes nor consumes.
    /// </summary>
    public static IHostApplicationBuilder AddVolunteerOpsMessaging(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> addConsumers,
        Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator> configureEndpoints)
    {
        if (!builder.Configuration.RunsWorker())
        {
            return builder;
        }

        builder.Services.AddSingleton<TopologyReady>();
        builder.Services.AddHostedService<TopologyDeployer>();
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            addConsumers(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                var broker = BrokerUri(builder.Configuration);
                cfg.Host(broker);
                // A message whose predecessor (or another prerequisite) is still in flight waits for it, for up to a minute, rather
                // than going to _error after the short budget below. Everything else: backoff, then _error.
                cfg.UseMessageRetry(r =>
                {
                    r.Handle<MessageNotYetApplicableException>();
                    r.Interval(600, TimeSpan.FromMilliseconds(100));
                });
                cfg.UseMessageRetry(r =>
                {
                    r.Ignore<PoisonMessageException>();
                    r.Ignore<MessageNotYetApplicableException>();
                    r.Exponential(12, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
                });
                configureEndpoints(context, cfg);
            });
        });
        return builder;
    }

    /// <summary>
    /// A queue of stream messages (applied in stream order). Prefetch no more than can run at once: a delivered
    /// message always has a slot, so one waiting for its predecessor never starves that predecessor of one.
    /// </summary>
    public static void StreamEndpoint(
        this IRabbitMqBusFactoryConfigurator cfg, string queue, Action<IRabbitMqReceiveEndpointConfigurator> configure) =>
        cfg.ReceiveEndpoint(queue, e =>
        {
            e.PrefetchCount = 16;
            e.ConcurrentMessageLimit = 16;
            configure(e);
        });

    /// <summary>
    /// The event store is the outbox: a Marten subscription, run by the async daemon (Solo: exactly one
    /// per service: HotCold leader election fails with the redirect package Marten restores through here),
    /// publishes the service's integration events after they commit. Only in the worker.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression PublishIntegrationEvents<TMap>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration)
        where TMap : class, IIntegrationEventMap
    {
        if (!configuration.RunsWorker())
        {
            return marten;
        }

        marten.Services.AddSingleton<TMap>();
        marten.Services.AddHostedService<DaemonBacklog>();
        return marten
            .AddSubscriptionWithServices<IntegrationEventPublisher<TMap>>(ServiceLifetime.Singleton, o => o.Options.BatchSize = 500)
            .AddAsyncDaemon(DaemonMode.Solo);
    }
}
