using System.Globalization;
using Deploy.Tests.Manifests;

namespace Deploy.Tests;

/// <summary>PostgreSQL (CloudNativePG) and RabbitMQ (cluster operator) as the builds declare them.</summary>
public sealed class DataStoreTests
{
    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Synchronous_replicas_are_fewer_than_the_postgres_instances(string build)
    {
        // CloudNativePG refuses min > max and max >= instances: a cluster that could never be satisfied.
        var spec = Builds.Get(build).Objects.OfKind("Cluster").Single().Doc["spec"];
        int Read(string field) => int.Parse(spec?[field].Text() ?? "0", CultureInfo.InvariantCulture);

        Assert.InRange(Read("minSyncReplicas"), 0, Read("maxSyncReplicas"));
        Assert.InRange(Read("maxSyncReplicas"), 0, Read("instances") - 1);
    }

    [Fact]
    public void Base_commits_wait_for_one_synchronous_standby()
    {
        // So an acknowledged claim survives a failover, and no service's view shows an event the
        // event store lost.
        var spec = Builds.Get(Builds.Base).Objects.OfKind("Cluster").Single().Doc["spec"];

        Assert.Equal("1", spec?["minSyncReplicas"].Text());
    }

    [Fact]
    public void Base_runs_three_postgres_instances_and_three_rabbitmq_nodes()
    {
        var objects = Builds.Get(Builds.Base).Objects;

        Assert.Equal("3", objects.OfKind("Cluster").Single().Doc["spec"]?["instances"].Text());
        Assert.Equal("3", objects.OfKind("RabbitmqCluster").Single().Doc["spec"]?["replicas"].Text());
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Services_connect_to_the_postgres_read_write_service_and_the_quorum_vhost(string build)
    {
        var objects = Builds.Get(build).Objects;
        var cluster = objects.OfKind("Cluster").Single().Name;
        var vhost = objects.OfKind("Vhost").Single(v => v.Doc["spec"]?["defaultQueueType"].Text() == "quorum").Doc["spec"]?["name"].Text();
        var broker = objects.OfKind("RabbitmqCluster").Single().Name;
        var wrong = new List<string>();
        foreach (var (deployment, _, container) in Containers.OfDeployments(objects))
        {
            var (hasPostgres, postgres) = container.Env("ConnectionStrings__Postgres");
            if (hasPostgres && postgres?.Contains($"Host={cluster}-rw;", StringComparison.Ordinal) != true)
            {
                wrong.Add($"{deployment.Name}: PostgreSQL is not {cluster}-rw (the primary)");
            }

            // Queues take their type from the virtual host (the services declare none), so the
            // services must use the one whose default is quorum.
            var (hasBroker, uri) = container.Env("ConnectionStrings__RabbitMq");
            if (hasBroker && uri?.EndsWith($"@{broker}:5672/{vhost}", StringComparison.Ordinal) != true)
            {
                wrong.Add($"{deployment.Name}: RabbitMQ is not {broker}, virtual host {vhost}");
            }
        }

        Assert.Empty(wrong);
    }
}
