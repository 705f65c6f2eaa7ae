using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shifts.IntegrationTests.Endpoints;
using VolunteerOps.Testing;

namespace Shifts.IntegrationTests.BadInput;

/// <summary>
/// The Shifts service on a real Kestrel server (a loopback port) instead of the in-memory test server: what runs in
/// production, with Kestrel's own limits such as the request body size.
/// </summary>
public sealed class KestrelShiftsApi : ServiceFactory<Program>
{
    public KestrelShiftsApi(PostgresFixture postgres, RabbitMqFixture rabbit)
        : base(postgres, new Dictionary<string, string> { ["ConnectionStrings:RabbitMq"] = rabbit.ConnectionString }) => UseKestrel(0);

    /// <summary>The Shifts service's view of a registered, active volunteer (see EndpointHttp.RegisterVolunteer).</summary>
    public Task RegisterVolunteer(Guid id) => VolunteerRegistry.EnsureKnown(Services.GetRequiredService<IDocumentStore>(), id);

    public async Task<long> EventCount()
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
