using Testcontainers.PostgreSql;
using Xunit;

namespace VolunteerOps.Testing;

/// <summary>
/// One real PostgreSQL container per test assembly; test classes isolate themselves with a schema each.
/// Durability is switched off (fsync) because tests check correctness, not crash safety of the disk.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly PostgreSqlContainer container;

    public PostgresFixture()
    {
        DockerEnvironment.Configure();
        container = new PostgreSqlBuilder(DockerEnvironment.Image("VOLUNTEEROPS_POSTGRES_IMAGE", "postgres:15-bookworm"))
            .WithCommand("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "max_connections=500")
            .Build();
    }

    /// <summary>A connection string with a pool small enough that many test hosts fit in max_connections.</summary>
    public string ConnectionString => container.GetConnectionString() + ";Maximum Pool Size=40";

    public async ValueTask InitializeAsync() => await container.StartAsync();

    public async ValueTask DisposeAsync() => await container.DisposeAsync();
}
