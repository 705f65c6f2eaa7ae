using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Gateway.Health;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Roster;
using VolunteerOps.Shifts;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests;

/// <summary>
/// The whole system over real sockets: the three services on loopback ports (real PostgreSQL, a RabbitMQ
/// virtual host of their own) and the gateway in front of them, configured the way an operator would
/// (cluster destinations from settings). Clients talk to the gateway over HTTP, like any client.
/// </summary>
public class GatewaySystem(PostgresFixture postgres, RabbitMqFixture rabbit) : IAsyncLifetime
{
    public static readonly DateTimeOffset Day1 = new(2027, 5, 14, 0, 0, 0, TimeSpan.Zero);

    public ServiceFactory<ShiftsIntegrationEvents> Shifts { get; private set; } = null!;

    public ServiceFactory<RosterIntegrationEvents> Roster { get; private set; } = null!;

    public ServiceFactory<Notifier> Notifications { get; private set; } = null!;

    public ServiceFactory<ServicesHealthCheck> Gateway { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    public Uri ShiftsUrl { get; private set; } = null!;

    /// <summary>Gateway settings a test class changes (e.g. tight rate limits); by default limits are out of the way.</summary>
    protected virtual IReadOnlyDictionary<string, string> GatewaySettings => new Dictionary<string, string>
    {
        ["Gateway:RateLimits:Writes:TokenLimit"] = "100000",
        ["Gateway:RateLimits:Claims:TokenLimit"] = "100000",
    };

    public async ValueTask InitializeAsync()
    {
        var broker = await rabbit.CreateVirtualHost();
        Dictionary<string, string> Service(string prefix) => new()
        {
            ["EventStore:Schema"] = prefix + Guid.NewGuid().ToString("N")[..12],
            ["ConnectionStrings:RabbitMq"] = broker,
            ["Smtp:Port"] = "1",
            ["Smtp:Security"] = "None",
            ["Notifications:Webhooks:AllowPrivateNetworks"] = "true", // test receivers listen on loopback
        };

        Shifts = new ServiceFactory<ShiftsIntegrationEvents>(postgres, Service("s_"));
        Roster = new ServiceFactory<RosterIntegrationEvents>(postgres, Service("r_"));
        Notifications = new ServiceFactory<Notifier>(postgres, Service("n_"));
        ShiftsUrl = Shifts.ServeOnLoopback();
        var roster = Roster.ServeOnLoopback();
        var notifications = Notifications.ServeOnLoopback();

        var gateway = new Dictionary<string, string>(GatewaySettings)
        {
            ["ReverseProxy:Clusters:shifts:Destinations:primary:Address"] = ShiftsUrl.ToString(),
            ["ReverseProxy:Clusters:roster:Destinations:primary:Address"] = roster.ToString(),
            ["ReverseProxy:Clusters:notifications:Destinations:primary:Address"] = notifications.ToString(),
        };
        Gateway = new ServiceFactory<ServicesHealthCheck>(postgres, gateway);
        GatewayUrl = Gateway.ServeOnLoopback();
        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Notifications.DisposeAsync();
        await Roster.DisposeAsync();
        await Shifts.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A real HTTP client of the gateway, with the given token (or none).</summary>
    public HttpClient Client(string? token = null)
    {
        // No trace headers of the test process's own: a test that sends traceparent must find it unchanged.
        var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = GatewayUrl };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient AsCoordinator() => Client(TestTokens.Mint("coordinator-" + Guid.NewGuid().ToString("N")[..8], ["coordinator"]));

    public HttpClient AsVolunteer(Guid id) => Client(TestTokens.Mint(id.ToString(), ["volunteer"]));

    // --- Scenery, made through the gateway as a coordinator would ---

    public static async Task<Guid> CreateConference(HttpClient coordinator)
    {
        var response = await coordinator.PostAsJsonAsync("/api/conferences", new
        {
            name = "Gateway Conf",
            timeZone = "Etc/UTC",
            startsOn = "2027-05-14",
            endsOn = "2027-05-16",
            roles = new object[] { new { name = "registration-desk" }, new { name = "swag-bags" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> ScheduleShift(
        HttpClient coordinator, Guid conference, int capacity = 5, int hour = 9, int? minimum = null, string role = "registration-desk",
        string? location = null, string title = "Desk")
    {
        var startsAt = Day1.AddHours(hour);
        var response = await coordinator.PostAsJsonAsync("/api/shifts", new
        {
            conferenceId = conference, role, title, location = location ?? "Hall " + Guid.NewGuid().ToString()[..4],
            startsAt, endsAt = startsAt.AddHours(1), capacity, minimum,
        }, TestHttp.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Registers a volunteer and waits until the Shifts service knows them (so they can claim).</summary>
    public async Task<Guid> RegisterVolunteer(HttpClient coordinator)
    {
        var id = Guid.CreateVersion7();
        var response = await coordinator.PostAsJsonAsync("/api/volunteers", new { id, name = "Volunteer " + id.ToString()[..8], email = $"{id:N}@example.org" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await WaitUntilClaimable(id);
        return id;
    }

    /// <summary>Registration reaches the Shifts service through the broker: claims work once it has.</summary>
    public async Task WaitUntilClaimable(Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var session = Shifts.Services.GetRequiredService<IDocumentStore>().QuerySession();
            if (await session.LoadAsync<VolunteerOps.Shifts.Volunteers.KnownVolunteer>(id) is not null)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "The Shifts service did not learn of the volunteer in time.");
            await Task.Delay(100);
        }
    }

    /// <summary>Events stored by the Shifts and Roster services: "writes nothing" means this does not change.</summary>
    public async Task<long> StoredEvents()
    {
        long total = 0;
        foreach (var store in new[] { Shifts.Services.GetRequiredService<IDocumentStore>(), Roster.Services.GetRequiredService<IDocumentStore>() })
        {
            var stats = await store.Advanced.FetchEventStoreStatistics();
            total += stats.EventCount;
        }

        return total;
    }
}
