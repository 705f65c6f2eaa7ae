using Xunit;
using Testcontainers.RabbitMq;

namespace VolunteerOps.Testing;

/// <summary>A real RabbitMQ broker for messaging tests, on a published loopback port.</summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    private readonly RabbitMqContainer container;

    public RabbitMqFixture()
    {
        DockerEnvironment.Configure();
        container = new RabbitMqBuilder(DockerEnvironment.Image("VOLUNTEEROPS_RABBITMQ_IMAGE", "rabbitmq:3-management"))
            .WithUsername("volunteerops")
            .WithPassword("volunteerops")
            .Build();
    }

    /// <summary>amqp://user:password@127.0.0.1:port/</summary>
    public string ConnectionString => container.GetConnectionString();

    public Uri AmqpUri => new(ConnectionString);

    public async ValueTask InitializeAsync() => await container.StartAsync();

    public async ValueTask DisposeAsync() => await container.DisposeAsync();
}
