using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Roster;
using VolunteerOps.ServiceDefaults;
using VolunteerOps.ServiceDefaults.Json;
using VolunteerOps.Shifts;
using VolunteerOps.Testing;

namespace Backbone.IntegrationTests;

/// <summary>
/// Roster, Shifts and Notifications hosts talking through a real RabbitMQ (a virtual host per test class) and storing in
/// real PostgreSQL (a schema per host). Either host can be stopped and started again on the same schema.
/// </summary>
public sealed class SystemUnderTest(PostgresFixture postgres, RabbitMqFixture rabbit) : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = CreateJson();
    public static readonly DateTimeOffset Day1 = new(2027, 5, 14, 0, 0, 0, TimeSpan.Zero);

    private readonly string shiftsSchema = "s_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string rosterSchema = "r_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string notificationsSchema = "n_" + Guid.NewGuid().ToString("N")[..12];
    private ServiceFactory<ShiftsIntegrationEvents>? shifts;
    private ServiceFactory<RosterIntegrationEvents>? roster;
    private ServiceFactory<Notifier>? notifications;

    public string Broker { get; private set; } = "";

    public RabbitMqFixture Rabbit => rabbit;

    public ServiceFactory<ShiftsIntegrationEvents> Shifts => shifts ??= StartShifts();

    public ServiceFactory<RosterIntegrationEvents> Roster => roster ??= StartRoster();

    /// <summary>Started on first use. SMTP points at a closed port: email deliveries fail and are logged (EmailTests cover mail).</summary>
    public ServiceFactory<Notifier> Notifications => notifications ??= new ServiceFactory<Notifier>(
        postgres, new Dictionary<string, string>(Settings(notificationsSchema)) { ["Smtp:Port"] = "1", ["Smtp:Security"] = "None" });

    public async ValueTask InitializeAsync() => Broker = await rabbit.CreateVirtualHost();

    public ServiceFactory<ShiftsIntegrationEvents> StartShifts() =>
        shifts = new ServiceFactory<ShiftsIntegrationEvents>(postgres, Settings(shiftsSchema));

    public ServiceFactory<RosterIntegrationEvents> StartRoster() =>
        roster = new ServiceFactory<RosterIntegrationEvents>(postgres, Settings(rosterSchema));

    /// <summary>An HTTP replica of the Shifts service on the same event store: no daemon, no consumers, no bus. The caller disposes it.</summary>
    public ServiceFactory<ShiftsIntegrationEvents> StartShiftsReplica() =>
        new(postgres, new Dictionary<string, string>(Settings(shiftsSchema)) { [WorkerRole.Setting] = "false" });

    public async Task StopShifts()
    {
        if (shifts is not null)
        {
            await shifts.DisposeAsync();
            shifts = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopShifts();
        if (roster is not null)
        {
            await roster.DisposeAsync();
        }

        if (notifications is not null)
        {
            await notifications.DisposeAsync();
        }
    }

    /// <summary>Registers a volunteer in the Roster and waits until the Shifts service knows them.</summary>
    public async Task<Guid> RegisterVolunteer(params string[] qualifications)
    {
        var id = Guid.CreateVersion7();
        using var coordinator = Roster.AsCoordinator();
        var response = await coordinator.PostAsJsonAsync("/api/volunteers", new { id, name = "Volunteer " + id.ToString()[..8], email = $"{id:N}@example.org" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        foreach (var q in qualifications)
        {
            Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/volunteers/{id}/qualifications", new { qualification = q })).StatusCode);
        }

        await Eventually(async () =>
        {
            await using var session = Shifts.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var known = await session.LoadAsync<VolunteerOps.Shifts.Volunteers.KnownVolunteer>(id);
            return known is not null && qualifications.All(known.Has);
        }, "the Shifts service learns of the volunteer");
        return id;
    }

    public async Task<Guid> CreateConference()
    {
        using var coordinator = Shifts.AsCoordinator();
        var response = await coordinator.PostAsJsonAsync("/api/conferences", new
        {
            name = "Backbone Conf",
            timeZone = "Etc/UTC",
            startsOn = "2027-05-14",
            endsOn = "2027-05-16",
            roles = new object[] { new { name = "registration-desk" }, new { name = "session-chair", requiredQualification = "chair-briefing" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
    }

    public async Task<Guid> Schedule(Guid conferenceId, DateTimeOffset startsAt, int capacity = 5, string role = "registration-desk", int hours = 1)
    {
        using var coordinator = Shifts.AsCoordinator();
        var response = await coordinator.PostAsJsonAsync("/api/shifts", new
        {
            conferenceId, role, title = role + " shift", location = "Hall " + Guid.NewGuid().ToString()[..4], startsAt, endsAt = startsAt.AddHours(hours), capacity,
        }, Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> Schedule(Guid volunteerId)
    {
        using var coordinator = Roster.AsCoordinator();
        return await coordinator.GetFromJsonAsync<JsonElement>($"/api/volunteers/{volunteerId}/schedule", Json);
    }

    /// <summary>Publishes straight onto the bus as the Shifts service would, e.g. to send a message twice.</summary>
    public Task Publish<T>(T message, Guid messageId) where T : class =>
        Shifts.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = messageId);

    /// <summary>Polls until the condition holds; messaging is asynchronous by design.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting until {what}.");
            await Task.Delay(100);
        }
    }

    private Dictionary<string, string> Settings(string schema) => new()
    {
        ["EventStore:Schema"] = schema,
        ["ConnectionStrings:RabbitMq"] = Broker,
    };

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        return options;
    }
}
