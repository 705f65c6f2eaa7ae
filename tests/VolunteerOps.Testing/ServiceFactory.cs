using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Testing;

/// <summary>
/// A service host in memory, on a real PostgreSQL with a schema of its own, a controllable clock, and
/// clients that carry real signed tokens through the real authentication pipeline.
/// </summary>
public class ServiceFactory<TProgram>(PostgresFixture postgres, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<TProgram>
    where TProgram : class
{
    /// <summary>Starts at a fixed moment; tests move it with Advance or SetUtcNow.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 5, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>A schema of this factory's own, unless the settings name one (a restarted host reuses its predecessor's).</summary>
    public string Schema { get; } = settings?.GetValueOrDefault("EventStore:Schema") ?? "t_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString => postgres.ConnectionString;


    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", postgres.ConnectionString);
        builder.UseSetting("EventStore:Schema", Schema);
        builder.UseSetting("Auth:SigningKey", TestTokens.SigningKey);
        // No broker unless the test names one: the default (127.0.0.1:5672) would reach a demo RabbitMQ running on
        // the developer's machine and pass there, and fail in CI, where nothing listens.
        builder.UseSetting("ConnectionStrings:RabbitMq", "amqp://unset:unset@127.0.0.1:1/");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>
    /// Serves on a real loopback port (Kestrel, not the in-memory test server), for callers that need a
    /// real address: the gateway's proxy, clients testing HTTP limits. Call before anything else.
    /// </summary>
    public Uri ServeOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public HttpClient Anonymous() => CreateClient();

    public HttpClient As(string subject, params string[] roles) => WithToken(TestTokens.Mint(subject, roles));

    public HttpClient AsVolunteer(Guid volunteerId) => As(volunteerId.ToString(), Roles.Volunteer);

    public HttpClient AsCoordinator() => As("coordinator-" + Guid.NewGuid().ToString("N")[..8], Roles.Coordinator);

    public HttpClient AsViewer() => As("viewer-1", Roles.Viewer);

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
