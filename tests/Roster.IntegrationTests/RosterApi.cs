using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using VolunteerOps.Messaging;
using VolunteerOps.Roster.Schedules;
using VolunteerOps.Roster.Volunteers;
using VolunteerOps.ServiceDefaults.Json;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Testing;

namespace Roster.IntegrationTests;

/// <summary>
/// The Roster service in memory on real PostgreSQL (a schema per test class) and a real RabbitMQ (a virtual
/// host per test class). Shifts integration events are published straight onto the bus, as the Shifts
/// service would, to feed the schedule, roster and reliability views.
/// </summary>
public sealed class RosterApi(PostgresFixture postgres, RabbitMqFixture rabbit) : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>The first day of the conference the tests' shifts belong to (the fake clock starts on 2027-05-01).</summary>
    public static readonly DateTimeOffset Day1 = new(2027, 5, 14, 0, 0, 0, TimeSpan.Zero);

    private ServiceFactory<Program>? factory;

    public string Broker { get; private set; } = "";

    public RabbitMqFixture Rabbit => rabbit;

    public ServiceFactory<Program> Factory => factory ?? throw new InvalidOperationException("The fixture is not initialised.");

    public IDocumentStore Store => Factory.Services.GetRequiredService<IDocumentStore>();

    public async ValueTask InitializeAsync()
    {
        Broker = await rabbit.CreateVirtualHost();
        factory = new ServiceFactory<Program>(postgres, new Dictionary<string, string> { ["ConnectionStrings:RabbitMq"] = Broker });
        // Starting the host declares the topology (queues bound before anything is published) and starts the consumers.
        var bus = factory.Services.GetRequiredService<IBusControl>();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    public HttpClient Coordinator() => Factory.AsCoordinator();

    public HttpClient Volunteer(Guid id) => Factory.AsVolunteer(id);

    public HttpClient Viewer() => Factory.AsViewer();

    public HttpClient Anonymous() => Factory.Anonymous();

    public static string UniqueEmail(string prefix = "v") => $"{prefix}-{Guid.NewGuid():N}@example.org";

    /// <summary>Registers a volunteer as a coordinator (under the given id, or one the service picks) and returns the profile.</summary>
    public async Task<JsonElement> Register(Guid? id = null, string? name = null, string? email = null)
    {
        using var coordinator = Coordinator();
        var response = await coordinator.PostAsJsonAsync("/api/volunteers", new { id, name = name ?? "Volunteer " + Guid.NewGuid().ToString()[..8], email = email ?? UniqueEmail() }, Json);
        await response.AssertStatus(HttpStatusCode.Created);
        return await response.Body();
    }

    /// <summary>A registered volunteer's id.</summary>
    public async Task<Guid> NewVolunteer(string? name = null)
    {
        var id = Guid.CreateVersion7();
        await Register(id, name);
        return id;
    }

    public Task<JsonElement> Profile(Guid id) => GetAsCoordinator($"/api/volunteers/{id}");

    public Task<JsonElement> Schedule(Guid id) => GetAsCoordinator($"/api/volunteers/{id}/schedule");

    public Task<JsonElement> Reliability(Guid id) => GetAsCoordinator($"/api/volunteers/{id}/reliability");

    public Task<JsonElement> RosterOf(Guid conferenceId, string? role = null) =>
        GetAsCoordinator($"/api/roster?conferenceId={conferenceId}" + (role is null ? "" : "&role=" + Uri.EscapeDataString(role)));

    /// <summary>The shifts in a volunteer's schedule, by id.</summary>
    public async Task<IReadOnlyList<Guid>> ScheduledShiftIds(Guid volunteerId) =>
        [.. (await Schedule(volunteerId)).GetProperty("shifts").EnumerateArray().Select(s => s.GetProperty("shiftId").GetGuid())];

    /// <summary>Publishes as the Shifts service would: onto the bus, with a fresh message id.</summary>
    public Task Publish<T>(T message) where T : class =>
        Factory.Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = Guid.NewGuid());

    /// <summary>Publishes the messages one after another, in the order given.</summary>
    public async Task Publish(params object[] messages)
    {
        var bus = Factory.Services.GetRequiredService<IBus>();
        foreach (var message in messages)
        {
            await bus.Publish(message, message.GetType(), ctx => ctx.MessageId = Guid.NewGuid());
        }
    }

    /// <summary>Messages parked in the Roster's error queue of this class's virtual host.</summary>
    public Task<int> ErrorQueueCount() => rabbit.MessageCount(Broker, Topology.RosterShiftEvents + "_error");

    /// <summary>The number of events in a volunteer's stream.</summary>
    public async Task<long> StreamVersion(Guid volunteerId)
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(volunteerId))?.Version ?? 0;
    }

    /// <summary>True once the Roster has applied the shift stream up to the given version.</summary>
    public async Task<bool> ShiftApplied(Guid shiftId, long version)
    {
        await using var session = Store.QuerySession();
        return (await session.LoadAsync<ShiftInfo>(shiftId))?.AppliedVersion >= version;
    }

    /// <summary>Volunteers stored with this email (emails are stored lower-case).</summary>
    public async Task<int> VolunteersWithEmail(string email)
    {
        await using var session = Store.QuerySession();
        var lower = email.ToLowerInvariant();
        return await session.Query<Volunteer>().CountAsync(v => v.Email == lower);
    }

    /// <summary>Polls until the condition holds; messaging is asynchronous by design.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting until {what}.");
            await Task.Delay(100);
        }
    }

    private async Task<JsonElement> GetAsCoordinator(string path)
    {
        using var coordinator = Coordinator();
        var response = await coordinator.GetAsync(path);
        await response.AssertStatus(HttpStatusCode.OK);
        return await response.Body();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        return options;
    }
}

/// <summary>Small HTTP helpers the tests share.</summary>
public static class Http
{
    public const string ProblemPrefix = "https://volunteerops.dev/problems/";

    public static HttpClient CoordinatorNamed(this RosterApi api, string subject) => api.Factory.As(subject, Roles.Coordinator);

    public static StringContent JsonContent(object body) => TestHttp.JsonContent(body);


    public static async Task<JsonElement> Body(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task AssertStatus(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Asserts an RFC 9457 answer with our stable type slug and a traceId, and returns the document.</summary>
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, HttpStatusCode status, string? slug = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Expected application/problem+json, got '{response.Content.Headers.ContentType}': {body}");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith(ProblemPrefix, problem.GetProperty("type").GetString());
        Assert.True(problem.TryGetProperty("traceId", out var traceId) && traceId.GetString() is { Length: > 0 }, $"problem details carry a traceId: {body}");
        if (slug is not null)
        {
            Assert.Equal(ProblemPrefix + slug, problem.GetProperty("type").GetString());
        }

        return problem;
    }

    /// <summary>The errors member of a validation problem names the field.</summary>
    public static void AssertNamesField(this JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"a validation problem has errors: {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors name '{field}': {errors}");
        Assert.True(messages.GetArrayLength() > 0);
    }

    /// <summary>The version in the ETag header ("3" → 3).</summary>
    public static long ETagVersion(this HttpResponseMessage response)
    {
        var tag = response.Headers.ETag;
        Assert.NotNull(tag);
        Assert.False(tag.IsWeak);
        return long.Parse(tag.Tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<string> Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public static IReadOnlyList<int> Ints(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
