using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Contracts.Roster;
using VolunteerOps.Contracts.Shifts;
using VolunteerOps.Notifications.Recipients;
using VolunteerOps.Testing;

namespace Notifications.IntegrationTests;

/// <summary>
/// The Notifications service on real PostgreSQL and RabbitMQ (a virtual host per test class), with a real
/// SMTP server and a real webhook receiver. Tests play the Shifts and Roster services by publishing their
/// contract messages onto the broker, exactly as those services do.
/// </summary>
public sealed class NotificationsHost(PostgresFixture postgres, RabbitMqFixture rabbit) : IAsyncLifetime
{
    public const string WebhookSecret = "test-webhook-secret-0123456789abcdef";
    public const string DeskEmail = "desk@conference.example";

    private readonly string schema = "n_" + Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<Guid, long> versions = new();
    private readonly List<ServiceFactory<Program>> instances = [];

    public string Broker { get; private set; } = "";

    public RabbitMqFixture Rabbit => rabbit;

    public SmtpSink Smtp { get; private set; } = null!;

    public WebhookReceiver Webhooks { get; private set; } = null!;

    /// <summary>The first instance, started on first use.</summary>
    public ServiceFactory<Program> Service => instances.Count > 0 ? instances[0] : StartInstance();

    public DateTimeOffset Now => Service.Clock.GetUtcNow();

    public int InstanceCount => instances.Count;

    public async ValueTask InitializeAsync()
    {
        Broker = await rabbit.CreateVirtualHost();
        Smtp = await SmtpSink.Start();
        Webhooks = await WebhookReceiver.Start();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        await Webhooks.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>Another instance on the same schema and queues: all consume, all run the workers.</summary>
    public ServiceFactory<Program> StartInstance()
    {
        var instance = new ServiceFactory<Program>(postgres, new Dictionary<string, string>
        {
            ["EventStore:Schema"] = schema,
            ["ConnectionStrings:RabbitMq"] = Broker,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Notifications:PollInterval"] = "00:00:00.2",
            ["Notifications:CoordinatorEmail"] = DeskEmail,
            ["Notifications:Delivery:FirstRetryAfter"] = "00:00:01",
            ["Notifications:Delivery:MaxAttempts"] = "4",
            ["Notifications:Webhooks:SigningSecret"] = WebhookSecret,
            ["Notifications:Webhooks:AllowPrivateNetworks"] = "true", // the receiver is on loopback
        });
        if (instances.Count > 0)
        {
            instance.Clock.SetUtcNow(Now); // one time for all instances
        }

        instances.Add(instance);
        _ = instance.Services; // start it
        return instance;
    }

    /// <summary>Moves every instance's clock: the alarm and delivery workers read it.</summary>
    public void Advance(TimeSpan by)
    {
        foreach (var instance in instances)
        {
            instance.Clock.Advance(by);
        }
    }

    public Task Publish<T>(T message, Guid? messageId = null) where T : class =>
        Service.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = messageId ?? Guid.NewGuid());

    // --- The Roster's side ---

    public async Task<Guid> Volunteer(string[]? channels = null, string? webhookUrl = null, int[]? leads = null)
    {
        var id = Guid.CreateVersion7();
        await Publish(new VolunteerRegisteredV1(id, Next(id), "Volunteer " + id.ToString()[..8], EmailOf(id), null, null, "test", Now));
        if (channels is not null || leads is not null)
        {
            await Publish(new NotificationPreferencesSetV1(id, Next(id), channels ?? ["inApp", "email"], webhookUrl, leads ?? [1440, 60], Now));
        }

        await Known(id);
        return id;
    }

    public async Task SetPreferences(Guid volunteer, string[] channels, string? webhookUrl, int[] leads)
    {
        await Publish(new NotificationPreferencesSetV1(volunteer, Next(volunteer), channels, webhookUrl, leads, Now));
        await Known(volunteer);
    }

    /// <summary>
    /// Waits until the service has applied everything published about the volunteer: Roster and Shifts events
    /// travel on separate queues, so a claim published next could otherwise be handled before the preferences.
    /// </summary>
    private async Task Known(Guid volunteer)
    {
        var version = versions[volunteer];
        await Eventually(async () =>
        {
            await using var session = Service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return (await session.LoadAsync<Recipient>(volunteer))?.AppliedVersion >= version;
        }, $"volunteer {volunteer} is known at version {version}");
    }

    public Task Deactivate(Guid volunteer, string reason) =>
        Publish(new VolunteerDeactivatedV1(volunteer, Next(volunteer), reason, "coordinator-1", Now));

    public static string EmailOf(Guid volunteer) => $"{volunteer:N}@example.org";

    // --- The Shifts service's side ---

    public async Task<Guid> Shift(DateTimeOffset startsAt, int capacity = 5, int minimum = 0, string title = "Registration desk")
    {
        var id = Guid.CreateVersion7();
        await Publish(new ShiftScheduledV1(
            id, Next(id), Guid.CreateVersion7(), "registration-desk", title, "Hall A", startsAt, startsAt.AddHours(1), capacity, minimum, null, "coordinator-1", Now));
        return id;
    }

    public Task Claim(Guid shift, Guid volunteer, Guid? messageId = null) =>
        Publish(new ShiftClaimedV1(shift, Next(shift), volunteer, volunteer.ToString(), Now, false), messageId);

    public Task Release(Guid shift, Guid volunteer, string? by = null) =>
        Publish(new ShiftReleasedV1(shift, Next(shift), volunteer, by ?? volunteer.ToString(), Now, false));

    public Task Reassign(Guid shift, Guid from, Guid to) =>
        Publish(new ShiftReassignedV1(shift, Next(shift), from, to, "swap", "coordinator-1", Now));

    public Task Reschedule(Guid shift, DateTimeOffset startsAt, string title = "Registration desk") =>
        Publish(new ShiftRescheduledV1(shift, Next(shift), startsAt, startsAt.AddHours(1), "Hall B", title, "coordinator-1", Now));

    public Task Cancel(Guid shift, params Guid[] holders) =>
        Publish(new ShiftCancelledV1(shift, Next(shift), "room flooded", holders, "coordinator-1", Now));

    public long Next(Guid stream) => versions.AddOrUpdate(stream, 1, (_, v) => v + 1);

    // --- What the clients see ---

    public async Task<JsonElement[]> Inbox(Guid volunteer, string query = "")
    {
        using var client = Service.AsVolunteer(volunteer);
        return await client.GetFromJsonAsync<JsonElement[]>("/api/notifications" + query, TestHttp.Json) ?? [];
    }

    public async Task<JsonElement[]> DeskInbox()
    {
        using var client = Service.AsCoordinator();
        return await client.GetFromJsonAsync<JsonElement[]>("/api/notifications", TestHttp.Json) ?? [];
    }

    public async Task<JsonElement[]> Deliveries(string query)
    {
        using var client = Service.AsCoordinator();
        return await client.GetFromJsonAsync<JsonElement[]>("/api/notifications/deliveries" + query, TestHttp.Json) ?? [];
    }

    /// <summary>Polls the volunteer's inbox until it holds a notification of the kind; returns them all.</summary>
    public async Task<JsonElement[]> WaitForKind(Guid volunteer, string kind, int count = 1)
    {
        JsonElement[] inbox = [];
        await Eventually(async () => (inbox = await Inbox(volunteer)).Count(n => Kind(n) == kind) >= count, $"{count} × {kind} for {volunteer}");
        return inbox;
    }

    public static string Kind(JsonElement notification) => notification.GetProperty("kind").GetString()!;

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

    /// <summary>Gives the service time to do what it must not do (a second notification), then lets the test check.</summary>
    public static Task Settle() => Task.Delay(TimeSpan.FromSeconds(1.5));
}
