using System.Globalization;
using System.Text.RegularExpressions;
using Deploy.Tests.Manifests;

namespace Deploy.Tests;

/// <summary>Every process keeps its own Npgsql pool; together they must fit in PostgreSQL's max_connections.</summary>
public sealed partial class ConnectionBudgetTests
{
    /// <summary>superuser_reserved_connections (3) plus the operator's and a person's psql.</summary>
    private const int Reserved = 10;

    [Theory]
    [MemberData(nameof(Builds.All), MemberType = typeof(Builds))]
    public void Every_pool_fits_in_max_connections_even_with_a_surge_pod(string build)
    {
        var objects = Builds.Get(build).Objects;
        var maxConnections = int.Parse(
            objects.OfKind("Cluster").Single().Doc["spec"]?["postgresql"]?["parameters"]?["max_connections"].Text() ?? "100",
            CultureInfo.InvariantCulture);
        var pools = new List<(string Deployment, int Replicas, int Pool)>();
        foreach (var (deployment, _, container) in Containers.OfDeployments(objects))
        {
            var (found, connectionString) = container.Env("ConnectionStrings__Postgres");
            if (!found)
            {
                continue; // the gateway has no database
            }

            // Without the keyword Npgsql's default of 100 per process applies.
            var size = MaximumPoolSize().Match(connectionString ?? "");
            Assert.True(size.Success, $"{deployment.Name}: ConnectionStrings__Postgres sets no Maximum Pool Size");
            pools.Add((deployment.Name!, int.Parse(deployment.Doc["spec"]?["replicas"].Text() ?? "1", CultureInfo.InvariantCulture),
                int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture)));
        }

        // A rolling update adds one pod (maxSurge 1) of one Deployment at a time: the largest pool.
        var needed = pools.Sum(p => p.Replicas * p.Pool) + pools.Max(p => p.Pool);

        Assert.True(needed <= maxConnections - Reserved,
            $"pools need {needed} of max_connections {maxConnections} (minus {Reserved} reserved): {string.Join(", ", pools)}");
    }

    [GeneratedRegex(@"Maximum Pool Size=(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaximumPoolSize();
}
