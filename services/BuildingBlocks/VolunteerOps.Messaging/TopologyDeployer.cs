using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using VolunteerOps.Messaging.Publishing;

namespace VolunteerOps.Messaging;

/// <summary>
/// Declares <see cref="Topology"/> on the broker at start-up, with exactly the shapes MassTransit itself
/// declares (durable fanout exchanges, an exchange per queue bound to it, message exchanges bound to
/// that exchange), so both declarations agree. Retries until the broker answers.
/// </summary>
internal sealed partial class TopologyDeployer(IConfiguration configuration, TopologyReady ready, ILogger<TopologyDeployer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = MessagingSetup.BrokerUri(configuration) };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Declare(factory, cancellationToken);
                ready.MarkReady();
                return;
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException && attempt < 30)
            {
                LogBrokerUnreachable(logger, attempt);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task Declare(ConnectionFactory factory, CancellationToken ct)
    {
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        foreach (var (queue, messages) in Topology.Queues)
        {
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
            await channel.QueueBindAsync(queue, queue, "", cancellationToken: ct);
            foreach (var message in messages)
            {
                var exchange = Topology.ExchangeOf(message);
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
                await channel.ExchangeBindAsync(queue, exchange, "", cancellationToken: ct);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "RabbitMQ unreachable while declaring the topology (attempt {Attempt}); retrying")]
    private static partial void LogBrokerUnreachable(ILogger logger, int attempt);
}
