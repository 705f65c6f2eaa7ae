using Xunit;
using Testcontainers.RabbitMq;

namespace VolunteerOps.Testing;

/// <summary>
/// A real RabbitMQ broker for messaging tests, on a published loopback port. Test classes isolate
/// themselves with a virtual host each. A fixed host port (for broker-restart tests) keeps the address
/// the same across a stop and start.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    private const string User = "volunteerops";
    private readonly RabbitMqContainer container;

    public RabbitMqFixture()
        : this(fixedHostPort: null)
    {
    }

    private RabbitMqFixture(int? fixedHostPort)
    {
        DockerEnvironment.Configure();
        var builder = new RabbitMqBuilder(DockerEnvironment.Image("VOLUNTEEROPS_RABBITMQ_IMAGE", "rabbitmq:3-management"))
            .WithUsername(User)
            .WithPassword(User);
        container = (fixedHostPort is { } port ? builder.WithPortBinding(port, RabbitMqBuilder.RabbitMqPort) : builder).Build();
    }

    /// <summary>A broker of its own on a fixed loopback port, for tests that stop and restart it.</summary>
    public static RabbitMqFixture OnFixedPort(int port) => new(port);

    /// <summary>amqp://user:password@127.0.0.1:port/ (the default virtual host)</summary>
    public string ConnectionString => container.GetConnectionString();

    /// <summary>A fresh virtual host, so one test class's queues never see another's messages.</summary>
    public async Task<string> CreateVirtualHost()
    {
        var vhost = "t" + Guid.NewGuid().ToString("N")[..12];
        await Exec("rabbitmqctl", "add_vhost", vhost);
        await Exec("rabbitmqctl", "set_permissions", "-p", vhost, User, ".*", ".*", ".*");
        return new Uri(new Uri(ConnectionString), vhost).ToString();
    }

    /// <summary>Messages waiting in a queue of a virtual host (e.g. an _error queue).</summary>
    public async Task<int> MessageCount(string vhostConnectionString, string queue)
    {
        var vhost = new Uri(vhostConnectionString).AbsolutePath.Trim('/');
        var listing = await Exec("rabbitmqctl", "list_queues", "-q", "-p", vhost, "name", "messages");
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(cols => cols.Length == 2 && cols[0] == queue)
            .Select(cols => int.Parse(cols[1], System.Globalization.CultureInfo.InvariantCulture))
            .SingleOrDefault();
    }

    /// <summary>
    /// Closes every client connection of a virtual host at the broker, as if the clients had died: their
    /// unacknowledged messages go back to the queue. Clients still alive reconnect.
    /// </summary>
    public async Task CloseConnections(string vhostConnectionString)
    {
        var vhost = new Uri(vhostConnectionString).AbsolutePath.Trim('/');
        await Exec("rabbitmqctl", "close_all_connections", "-p", vhost, "killed by a test");
    }

    /// <summary>Stops the broker (clients see it vanish) and starts it again after the given time.</summary>
    public async Task Outage(TimeSpan length)
    {
        await container.StopAsync();
        await Task.Delay(length);
        await container.StartAsync();
    }

    private async Task<string> Exec(params string[] command)
    {
        var result = await container.ExecAsync(command);
        return result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException($"{string.Join(' ', command)}: {result.Stderr}");
    }

    public async ValueTask InitializeAsync() => await container.StartAsync();

    public async ValueTask DisposeAsync() => await container.DisposeAsync();
}
