using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Notifications.Deliveries;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests;

/// <summary>
/// Scenery for tests that make many requests against one system: a conference wide enough for hundreds of
/// non-overlapping shifts, shifts that have started or not, a pool of registered volunteers. Made through the
/// gateway as a coordinator would; only inbox entries and failed deliveries (which come from the broker and
/// from hours of failing attempts) are written straight into the Notifications service's store.
/// Also probes of stored state, to show that a refused request wrote nothing.
/// </summary>
public sealed class Scenery
{
    public const string Role = "desk";
    public const string Qualification = "first-aid";

    private readonly GatewaySystem system;
    private readonly Queue<Guid> pool = new();
    private int slots;

    private Scenery(GatewaySystem system, HttpClient coordinator)
    {
        this.system = system;
        Coordinator = coordinator;
    }

    public HttpClient Coordinator { get; }

    /// <summary>The services' clock: fake and still, so "started" and "future" stay what they were made as.</summary>
    public DateTimeOffset Now => system.Shifts.Clock.GetUtcNow();

    public Guid Conference { get; private set; }

    /// <summary>A shift in the future, held by <see cref="Volunteer"/>.</summary>
    public Guid Shift { get; private set; }

    /// <summary>A registered volunteer the Shifts service knows, holding <see cref="Shift"/> and the qualification.</summary>
    public Guid Volunteer { get; private set; }

    /// <summary>Another registered volunteer: the one who tries to act on <see cref="Volunteer"/>'s things.</summary>
    public Guid Outsider { get; private set; }

    /// <summary>The key of <see cref="Volunteer"/>'s calendar feed.</summary>
    public string FeedKey { get; private set; } = "";

    public static async Task<Scenery> Create(GatewaySystem system)
    {
        var scene = new Scenery(system, system.AsCoordinator());
        scene.Conference = await scene.CreateConference();
        scene.Shift = await scene.FutureShift();
        var people = await scene.RegisterVolunteers(2);
        (scene.Volunteer, scene.Outsider) = (people[0], people[1]);
        await scene.Claim(scene.Shift, scene.Volunteer);
        await scene.Grant(scene.Volunteer, Qualification);
        var profile = await scene.Coordinator.GetFromJsonAsync<JsonElement>($"/api/volunteers/{scene.Volunteer}");
        scene.FeedKey = profile.GetProperty("calendarFeedUrl").GetString()!.Split("key=")[1];
        return scene;
    }

    /// <summary>Thirty-one days around the services' "now", so shifts can start in the past or weeks ahead.</summary>
    private async Task<Guid> CreateConference()
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var response = await Coordinator.PostAsJsonAsync("/api/conferences", new
        {
            name = "Matrix Conf",
            timeZone = "Etc/UTC",
            startsOn = today.AddDays(-1),
            endsOn = today.AddDays(30),
            roles = new object[] { new { name = Role } },
        }, TestHttp.Json);
        return await IdOf(response);
    }

    /// <summary>A shift an hour long in an hour of its own from tomorrow on, so one volunteer may hold any number of them.</summary>
    public Task<Guid> FutureShift()
    {
        var tomorrow = new DateTimeOffset(Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        return ScheduleShift(tomorrow.AddHours(Interlocked.Increment(ref slots)), TimeSpan.FromHours(1));
    }

    /// <summary>Started half an hour ago: check-ins are open and no-shows can be marked.</summary>
    public Task<Guid> StartedShift() => ScheduleShift(Now.AddMinutes(-30), TimeSpan.FromHours(2));

    private async Task<Guid> ScheduleShift(DateTimeOffset startsAt, TimeSpan length)
    {
        var response = await Coordinator.PostAsJsonAsync("/api/shifts", new
        {
            conferenceId = Conference, role = Role, title = "Desk", location = "Hall " + Guid.NewGuid().ToString()[..4],
            startsAt, endsAt = startsAt + length, capacity = 5,
        }, TestHttp.Json);
        return await IdOf(response);
    }

    /// <summary>A coordinator's claim: it also seats volunteers on shifts whose signup has closed.</summary>
    public async Task Claim(Guid shift, Guid volunteer)
    {
        var response = await Coordinator.PostAsJsonAsync($"/api/shifts/{shift}/claims", new { volunteerId = volunteer });
        await Expect(HttpStatusCode.Created, response);
    }

    public async Task Grant(Guid volunteer, string qualification)
    {
        var response = await Coordinator.PostAsJsonAsync($"/api/volunteers/{volunteer}/qualifications", new { qualification });
        await Expect(HttpStatusCode.OK, response);
    }

    /// <summary>A registered volunteer nobody has used yet (registered in batches: the broker's round trip is the slow part).</summary>
    public async Task<Guid> NextVolunteer()
    {
        if (pool.Count == 0)
        {
            foreach (var id in await RegisterVolunteers(24))
            {
                pool.Enqueue(id);
            }
        }

        return pool.Dequeue();
    }

    private async Task<Guid[]> RegisterVolunteers(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        await Task.WhenAll(ids.Select(async id =>
        {
            var response = await Coordinator.PostAsJsonAsync("/api/volunteers", new { id, name = "Volunteer " + id.ToString()[..8], email = $"{id:N}@example.org" });
            await Expect(HttpStatusCode.Created, response);
            await system.WaitUntilClaimable(id);
        }));
        return ids;
    }

    /// <summary>An unread inbox entry (a volunteer id, or "coordinators" for the desk).</summary>
    public async Task<Guid> InsertNotification(string recipient)
    {
        var notification = NewNotification(recipient);
        await using var session = NotificationsStore.LightweightSession();
        session.Insert(notification);
        await session.SaveChangesAsync();
        return notification.Id;
    }

    /// <summary>An email that failed every attempt: what a coordinator may retry.</summary>
    public async Task<Guid> InsertFailedDelivery(string recipient)
    {
        var notification = NewNotification(recipient);
        var delivery = new Delivery
        {
            Id = Guid.CreateVersion7(),
            NotificationId = notification.Id,
            Recipient = recipient,
            Channel = "email",
            Target = "nobody@example.org",
            Status = DeliveryStatus.Failed,
            CreatedAt = Now,
            NextAttemptAt = Now,
            AttemptsInRound = 6,
            Attempts = [new DeliveryAttempt(1, Now, false, "connection refused")],
        };
        await using var session = NotificationsStore.LightweightSession();
        session.Insert(notification);
        session.Insert(delivery);
        await session.SaveChangesAsync();
        return delivery.Id;
    }

    private Notification NewNotification(string recipient) => new()
    {
        Id = Guid.CreateVersion7(),
        Recipient = recipient,
        Kind = NotificationKinds.ClaimConfirmed,
        Title = "You have a shift",
        Body = "Desk, Hall 1.",
        Cause = new NotificationCause("ShiftClaimed", Guid.CreateVersion7(), 2),
        CreatedAt = Now,
    };

    // --- Probes: what a refused request must leave as it was ---

    public Task<string> ShiftVersion(Guid shift) => StreamVersion(system.Shifts.Services, shift);

    public Task<string> VolunteerVersion(Guid volunteer) => StreamVersion(system.Roster.Services, volunteer);

    public async Task<string> ShiftsDocuments<T>() where T : notnull
    {
        await using var session = system.Shifts.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Query<T>().CountAsync()).ToString(CultureInfo.InvariantCulture);
    }

    public async Task<string> NotificationReadAt(Guid notification)
    {
        await using var session = NotificationsStore.QuerySession();
        return (await session.LoadAsync<Notification>(notification))?.ReadAt?.ToString("O") ?? "unread";
    }

    public async Task<string> DeliveryStatusOf(Guid delivery)
    {
        await using var session = NotificationsStore.QuerySession();
        return (await session.LoadAsync<Delivery>(delivery))?.Status.ToString() ?? "missing";
    }

    private static async Task<string> StreamVersion(IServiceProvider services, Guid stream)
    {
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamStateAsync(stream))?.Version.ToString(CultureInfo.InvariantCulture) ?? "no stream";
    }

    private IDocumentStore NotificationsStore => system.Notifications.Services.GetRequiredService<IDocumentStore>();

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        await Expect(HttpStatusCode.Created, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task Expect(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Scenery: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered " +
                $"{(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
