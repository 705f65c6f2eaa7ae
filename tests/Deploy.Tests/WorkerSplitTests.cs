using Deploy.Tests.Manifests;

namespace Deploy.Tests;

/// <summary>
/// Each service runs as N stateless api replicas plus exactly one worker (the Marten daemon in Solo
/// mode, the consumers, the Notifications workers): two daemons at once is what the split prevents.
/// </summary>
public sealed class WorkerSplitTests
{
    private static readonly string[] Services = ["shifts", "roster", "notifications"];

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Each_service_has_an_api_and_a_worker_deployment(string build)
    {
        var names = Builds.Get(build).Objects.OfKind("Deployment").Select(d => d.Name).ToHashSet();

        Assert.All(Services, s =>
        {
            Assert.Contains($"{s}-api", names);
            Assert.Contains($"{s}-worker", names);
        });
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_worker_is_one_replica_replaced_by_recreate_with_the_worker_enabled(string build)
    {
        var wrong = new List<string>();
        foreach (var (deployment, _, container) in Containers.OfDeployments(Builds.Get(build).Objects).Where(c => c.Deployment.Name!.EndsWith("-worker", StringComparison.Ordinal)))
        {
            if (deployment.Doc["spec"]?["replicas"].Text() != "1")
            {
                wrong.Add($"{deployment.Name}: replicas must be 1 (one daemon per service)");
            }

            // A rolling update starts the new pod before stopping the old: two daemons for a while.
            if (deployment.Doc["spec"]?["strategy"]?["type"].Text() != "Recreate")
            {
                wrong.Add($"{deployment.Name}: strategy must be Recreate");
            }

            var (found, value) = container.Env("Worker__Enabled");
            if (found && !string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            {
                wrong.Add($"{deployment.Name}: Worker__Enabled must be true or unset, is '{value}'");
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_api_deployment_turns_the_worker_off(string build)
    {
        // The default is true, so an api Deployment that forgets the variable runs a second daemon.
        var wrong = Containers.OfDeployments(Builds.Get(build).Objects)
            .Where(c => c.Deployment.Name!.EndsWith("-api", StringComparison.Ordinal))
            .Where(c => !string.Equals(c.Container.Env("Worker__Enabled").Value, "false", StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Deployment.Name);

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Disruption_budgets_cover_every_api_and_the_gateway_and_no_worker(string build)
    {
        var objects = Builds.Get(build).Objects;
        var budgets = objects.OfKind("PodDisruptionBudget").Select(p => p.Doc["spec"]?["selector"]?["matchLabels"].TextMap() ?? []).ToList();
        var deployments = objects.OfKind("Deployment").ToList();
        bool Covered(Manifest d) => budgets.Any(b => Containers.Selects(b, d.PodLabels()));

        var uncovered = deployments.Where(d => !d.Name!.EndsWith("-worker", StringComparison.Ordinal) && !Covered(d)).Select(d => d.Name);
        // A budget on a single replica either blocks every node drain or allows nothing it promises.
        var workersCovered = deployments.Where(d => d.Name!.EndsWith("-worker", StringComparison.Ordinal) && Covered(d)).Select(d => d.Name);

        Assert.Empty(uncovered);
        Assert.Empty(workersCovered);
    }

    [Fact]
    public void Demo_seeds_only_on_the_shifts_and_roster_workers()
    {
        var seeded = Containers.OfDeployments(Builds.Get("overlays/demo").Objects)
            .Where(c => string.Equals(c.Container.Env("Demo__Seed").Value, "true", StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Deployment.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["roster-worker", "shifts-worker"], seeded);
    }

    [Fact]
    public void Demo_runs_two_replicas_of_each_api_and_one_instance_of_each_data_store()
    {
        var objects = Builds.Get("overlays/demo").Objects;

        Assert.All(Services, s => Assert.Equal("2", objects.OfKind("Deployment").Single(d => d.Name == $"{s}-api").Doc["spec"]?["replicas"].Text()));
        Assert.Equal("1", objects.OfKind("Cluster").Single().Doc["spec"]?["instances"].Text());
        Assert.Equal("1", objects.OfKind("RabbitmqCluster").Single().Doc["spec"]?["replicas"].Text());
    }
}
