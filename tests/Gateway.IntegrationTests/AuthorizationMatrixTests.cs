using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using VolunteerOps.Shifts.Conferences;
using VolunteerOps.Testing;
using static System.Net.HttpStatusCode;

namespace Gateway.IntegrationTests;

/// <summary>
/// Every route the gateway exposes, called by every kind of caller, through the gateway: the exact status
/// each one gets. Anonymous callers and forged, expired or foreign tokens get 401 wherever a token is needed;
/// viewers read coverage and nothing else; volunteers act only for themselves (the owning service checks
/// whose resource it is); coordinator-only routes refuse volunteers. Writes get fresh resources, so each row
/// stands alone; a refused write must leave what it aimed at unchanged.
/// </summary>
public class AuthorizationMatrixTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    private static readonly ConditionalWeakTable<GatewaySystem, Lazy<Task<Scenery>>> Scenes = [];

    public static TheoryData<string, Identity, HttpStatusCode> Matrix()
    {
        var rows = new TheoryData<string, Identity, HttpStatusCode>();
        foreach (var route in Routes)
        {
            foreach (var identity in Enum.GetValues<Identity>())
            {
                rows.Add(route.Name, identity, route.Expect.For(identity));
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_gets_exactly_the_status_the_contract_gives(string route, Identity identity, HttpStatusCode expected)
    {
        var scene = await Scenes.GetValue(system, s => new Lazy<Task<Scenery>>(() => Scenery.Create(s))).Value;
        var definition = Routes.Single(r => r.Name == route);
        var target = definition.Target switch
        {
            Target.Fresh => await scene.NextVolunteer(),
            Target.Unregistered => Guid.CreateVersion7(),
            _ => scene.Volunteer,
        };
        var arranged = await definition.Arrange(scene, target);
        var before = arranged.State is null ? null : await arranged.State();

        using var client = system.Client(TokenFor(identity, target, scene));
        using var request = arranged.Request;
        // Headers only: the notification stream answers 200 and then stays open.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        var success = response.IsSuccessStatusCode;
        var body = success ? "" : await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{route} as {identity}: expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode}. {body}");
        if (!success)
        {
            Assert.Null(ProblemDetailsCheck.Fault(response, body));
            if (arranged.State is not null)
            {
                Assert.True(before == await arranged.State(), $"{route} as {identity} was refused, yet it changed what it aimed at.");
            }
        }
    }

    [Fact]
    public async Task The_matrix_covers_every_operation_in_the_services_openapi_documents()
    {
        var covered = Routes.Select(r => r.Operation).ToHashSet(StringComparer.Ordinal);

        var missing = (await OpenApiOperations.Of(system)).Where(operation => !covered.Contains(operation)).ToList();
        Assert.True(missing.Count == 0, "No rows for: " + string.Join(", ", missing));
    }

    private static string? TokenFor(Identity identity, Guid target, Scenery scene) => identity switch
    {
        Identity.Anonymous => null,
        Identity.VolunteerSelf => TestTokens.Mint(target.ToString(), "volunteer"),
        // Another registered volunteer, naming the target wherever the route names a volunteer.
        Identity.VolunteerOther => TestTokens.Mint(scene.Outsider.ToString(), "volunteer"),
        Identity.Coordinator => TestTokens.Mint("coordinator-matrix", "coordinator"),
        Identity.Viewer => TestTokens.Mint("viewer-matrix", "viewer"),
        Identity.ExpiredToken => BadTokens.Expired(target.ToString()),
        Identity.ForeignKeyToken => BadTokens.SignedWithForeignKey(target.ToString()),
        Identity.AlgNoneToken => BadTokens.AlgNone(target.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(identity)),
    };

    // --- The routes ---

    /// <summary>Whose resource a row acts on: the shared volunteer (reads), a fresh one (writes), or an id nobody registered yet.</summary>
    private enum Target
    {
        Shared,
        Fresh,
        Unregistered,
    }

    /// <summary>The request to send, and optionally a probe of what it would change (equal before and after when refused).</summary>
    private sealed record Arranged(HttpRequestMessage Request, Func<Task<string>>? State = null);

    /// <summary>Expected statuses; "nobody" is the anonymous caller and every bad token alike.</summary>
    private sealed record Expect(HttpStatusCode Nobody, HttpStatusCode Self, HttpStatusCode Other, HttpStatusCode Coordinator, HttpStatusCode Viewer)
    {
        public HttpStatusCode For(Identity identity) => identity switch
        {
            Identity.VolunteerSelf => Self,
            Identity.VolunteerOther => Other,
            Identity.Coordinator => Coordinator,
            Identity.Viewer => Viewer,
            _ => Nobody,
        };

        public static Expect Public(HttpStatusCode status) => new(status, status, status, status, status);

        public static Expect CoordinatorOnly(HttpStatusCode ok) => new(Unauthorized, Forbidden, Forbidden, ok, Forbidden);

        public static Expect Volunteers(HttpStatusCode self, HttpStatusCode other, HttpStatusCode coordinator) =>
            new(Unauthorized, self, other, coordinator, Forbidden);

        public static Expect Readers(HttpStatusCode status) => new(Unauthorized, status, status, status, status);
    }

    /// <param name="Template">As in the services' OpenAPI documents; Variant (a query, or a note) tells rows of one operation apart.</param>
    private sealed record Route(string Method, string Template, Expect Expect, Func<Scenery, Guid, Task<Arranged>> Arrange,
        Target Target = Target.Shared, string Variant = "")
    {
        public string Operation => $"{Method} {Template}";

        public string Name => Operation + Variant;
    }

    private static Task<Arranged> Get(string path) => Task.FromResult(new Arranged(new HttpRequestMessage(HttpMethod.Get, path)));

    private static HttpRequestMessage Send(string method, string path, object? body = null) =>
        new(new HttpMethod(method), path) { Content = body is null ? null : TestHttp.JsonContent(body) };

    private static readonly Route[] Routes =
    [
        // Shifts service: conferences.
        new("POST", "/api/conferences", Expect.CoordinatorOnly(Created), (s, _) => Task.FromResult(new Arranged(
            Send("POST", "/api/conferences", new { name = "Another Conf", timeZone = "Etc/UTC", startsOn = "2027-06-01", endsOn = "2027-06-02", roles = new[] { new { name = "desk" } } }),
            s.ShiftsDocuments<Conference>))),
        new("GET", "/api/conferences/{id}", Expect.Volunteers(OK, OK, OK), (s, _) => Get($"/api/conferences/{s.Conference}")),

        // Shifts service: shifts.
        new("POST", "/api/shifts", Expect.CoordinatorOnly(Created), (s, _) => Task.FromResult(new Arranged(
            Send("POST", "/api/shifts", new { conferenceId = s.Conference, role = Scenery.Role, title = "Desk", location = "Hall M", startsAt = s.Now.AddDays(2), endsAt = s.Now.AddDays(2).AddHours(1), capacity = 3 }),
            s.ShiftsDocuments<VolunteerOps.Shifts.Shifts.Shift>))),
        new("GET", "/api/shifts", Expect.Volunteers(OK, OK, OK), (s, _) => Get($"/api/shifts?conferenceId={s.Conference}")),
        new("GET", "/api/shifts", Expect.Volunteers(OK, Forbidden, OK), (s, v) => Get($"/api/shifts?eligibleFor={v}"), Variant: "?eligibleFor={volunteer}"),
        new("GET", "/api/shifts/{id}", Expect.Volunteers(OK, OK, OK), (s, _) => Get($"/api/shifts/{s.Shift}")),
        new("PATCH", "/api/shifts/{id}", Expect.CoordinatorOnly(OK), async (s, _) =>
        {
            var shift = await s.FutureShift();
            return new Arranged(Send("PATCH", $"/api/shifts/{shift}", new { capacity = 7, title = "Bigger desk" }), () => s.ShiftVersion(shift));
        }),
        new("POST", "/api/shifts/{id}/cancel", Expect.CoordinatorOnly(OK), async (s, _) =>
        {
            var shift = await s.FutureShift();
            return new Arranged(Send("POST", $"/api/shifts/{shift}/cancel", new { reason = "Room closed" }), () => s.ShiftVersion(shift));
        }),
        new("POST", "/api/shifts/{id}/claims", Expect.Volunteers(Created, Forbidden, Created), async (s, v) =>
        {
            var shift = await s.FutureShift();
            return new Arranged(Send("POST", $"/api/shifts/{shift}/claims", new { volunteerId = v }), () => s.ShiftVersion(shift));
        }, Target.Fresh),
        new("DELETE", "/api/shifts/{id}/claims/{volunteerId}", Expect.Volunteers(NoContent, Forbidden, NoContent), async (s, v) =>
        {
            var shift = await s.FutureShift(); // days ahead: well before the release cut-off
            await s.Claim(shift, v);
            return new Arranged(Send("DELETE", $"/api/shifts/{shift}/claims/{v}"), () => s.ShiftVersion(shift));
        }, Target.Fresh),
        new("POST", "/api/shifts/{id}/reassign", Expect.CoordinatorOnly(OK), async (s, v) =>
        {
            var shift = await s.FutureShift();
            await s.Claim(shift, v);
            return new Arranged(Send("POST", $"/api/shifts/{shift}/reassign", new { fromVolunteerId = v, toVolunteerId = s.Outsider, reason = "Swap" }),
                () => s.ShiftVersion(shift));
        }, Target.Fresh),
        new("POST", "/api/shifts/{id}/check-ins", Expect.Volunteers(Created, Forbidden, Created), async (s, v) =>
        {
            var shift = await s.StartedShift(); // inside the check-in window
            await s.Claim(shift, v);
            return new Arranged(Send("POST", $"/api/shifts/{shift}/check-ins", new { volunteerId = v }), () => s.ShiftVersion(shift));
        }, Target.Fresh),
        new("POST", "/api/shifts/{id}/no-shows", Expect.CoordinatorOnly(Created), async (s, v) =>
        {
            var shift = await s.StartedShift(); // no-shows only after the start
            await s.Claim(shift, v);
            return new Arranged(Send("POST", $"/api/shifts/{shift}/no-shows", new { volunteerId = v }), () => s.ShiftVersion(shift));
        }, Target.Fresh),
        new("GET", "/api/shifts/{id}/history", Expect.CoordinatorOnly(OK), (s, _) => Get($"/api/shifts/{s.Shift}/history")),
        new("GET", "/api/shifts/{id}/holders", Expect.CoordinatorOnly(OK), (s, _) => Get($"/api/shifts/{s.Shift}/holders?asOf={Uri.EscapeDataString(s.Now.ToString("O", CultureInfo.InvariantCulture))}")),

        // Coverage is the one thing viewers may read.
        new("GET", "/api/coverage", Expect.Readers(OK), (s, _) => Get($"/api/coverage?conferenceId={s.Conference}")),
        new("GET", "/api/coverage/stream", Expect.Readers(OK), (s, _) => Get($"/api/coverage/stream?conferenceId={s.Conference}")),

        // Roster service.
        new("POST", "/api/volunteers", Expect.Volunteers(Created, Forbidden, Created), (s, v) => Task.FromResult(new Arranged(
            Send("POST", "/api/volunteers", new { id = v, name = "New Volunteer", email = $"{v:N}@example.org" }),
            () => s.VolunteerVersion(v))), Target.Unregistered),
        // "Me" has no one else to name: another volunteer simply gets their own profile. A coordinator has no profile
        // of their own and must name the volunteer (400, as Caller.ActingFor answers).
        new("GET", "/api/volunteers/me", Expect.Volunteers(OK, OK, BadRequest), (_, _) => Get("/api/volunteers/me")),
        new("GET", "/api/volunteers/{id}", Expect.Volunteers(OK, Forbidden, OK), (_, v) => Get($"/api/volunteers/{v}")),
        new("PUT", "/api/volunteers/{id}/preferences", Expect.Volunteers(OK, Forbidden, OK), (s, v) => Task.FromResult(new Arranged(
            Send("PUT", $"/api/volunteers/{v}/preferences", new { channels = new[] { "inApp" }, reminderLeadMinutes = new[] { 60 } }),
            () => s.VolunteerVersion(v))), Target.Fresh),
        new("POST", "/api/volunteers/{id}/qualifications", Expect.CoordinatorOnly(OK), (s, v) => Task.FromResult(new Arranged(
            Send("POST", $"/api/volunteers/{v}/qualifications", new { qualification = Scenery.Qualification }),
            () => s.VolunteerVersion(v))), Target.Fresh),
        new("DELETE", "/api/volunteers/{id}/qualifications/{qualification}", Expect.CoordinatorOnly(NoContent), async (s, v) =>
        {
            await s.Grant(v, Scenery.Qualification);
            return new Arranged(Send("DELETE", $"/api/volunteers/{v}/qualifications/{Scenery.Qualification}"), () => s.VolunteerVersion(v));
        }, Target.Fresh),
        new("POST", "/api/volunteers/{id}/deactivate", Expect.CoordinatorOnly(OK), (s, v) => Task.FromResult(new Arranged(
            Send("POST", $"/api/volunteers/{v}/deactivate", new { reason = "Left the team" }),
            () => s.VolunteerVersion(v))), Target.Fresh),
        new("GET", "/api/volunteers/{id}/schedule", Expect.Volunteers(OK, Forbidden, OK), (_, v) => Get($"/api/volunteers/{v}/schedule")),
        // The calendar feed is anonymous at the gateway (calendar apps send no token); the Roster service wants
        // the feed key or a token of someone who may act for the volunteer. A viewer may not (403).
        new("GET", "/api/volunteers/{id}/schedule.ics", new Expect(Unauthorized, OK, Forbidden, OK, Forbidden),
            (_, v) => Get($"/api/volunteers/{v}/schedule.ics")),
        // With the right key the token does not matter, not even a forged one: the key alone is the credential.
        new("GET", "/api/volunteers/{id}/schedule.ics", Expect.Public(OK),
            (s, v) => Get($"/api/volunteers/{v}/schedule.ics?key={Uri.EscapeDataString(s.FeedKey)}"), Variant: "?key={feedKey}"),
        new("GET", "/api/volunteers/{id}/reliability", Expect.Volunteers(OK, Forbidden, OK), (_, v) => Get($"/api/volunteers/{v}/reliability")),
        new("GET", "/api/roster", Expect.CoordinatorOnly(OK), (s, _) => Get($"/api/roster?conferenceId={s.Conference}")),

        // Notifications service. Without volunteerId everyone reads their own inbox (another volunteer: theirs).
        new("GET", "/api/notifications", Expect.Volunteers(OK, OK, OK), (_, _) => Get("/api/notifications?unreadOnly=true")),
        new("GET", "/api/notifications", Expect.Volunteers(OK, Forbidden, OK), (_, v) => Get($"/api/notifications?volunteerId={v}"),
            Variant: "?volunteerId={volunteer}"),
        new("GET", "/api/notifications/stream", Expect.Volunteers(OK, Forbidden, OK), (_, v) => Get($"/api/notifications/stream?volunteerId={v}")),
        // Someone else's notification is answered as if it did not exist (404), for other volunteers and coordinators
        // alike: marking read is for the inbox's owner, and notification ids are derived from guessable inputs, so a
        // 403 would confirm that someone else got a notification.
        new("POST", "/api/notifications/{id}/read", Expect.Volunteers(NoContent, NotFound, NotFound), async (s, v) =>
        {
            var notification = await s.InsertNotification(v.ToString());
            return new Arranged(Send("POST", $"/api/notifications/{notification}/read"), () => s.NotificationReadAt(notification));
        }, Variant: " (own)"),
        new("POST", "/api/notifications/{id}/read", Expect.Volunteers(NotFound, NotFound, NoContent), async (s, _) =>
        {
            var notification = await s.InsertNotification("coordinators");
            return new Arranged(Send("POST", $"/api/notifications/{notification}/read"), () => s.NotificationReadAt(notification));
        }, Variant: " (desk)"),
        new("GET", "/api/notifications/deliveries", Expect.CoordinatorOnly(OK), (_, _) => Get("/api/notifications/deliveries?status=failed")),
        // 202: the retry is queued for the delivery worker (the contract names no status for it).
        new("POST", "/api/notifications/deliveries/{id}/retry", Expect.CoordinatorOnly(Accepted), async (s, v) =>
        {
            var delivery = await s.InsertFailedDelivery(v.ToString());
            return new Arranged(Send("POST", $"/api/notifications/deliveries/{delivery}/retry"), () => s.DeliveryStatusOf(delivery));
        }),

        // The gateway's own pages and the services' documents are public; a bad token does not make them refuse.
        new("GET", "/health", Expect.Public(OK), (_, _) => Get("/health")),
        new("GET", "/docs", Expect.Public(OK), (_, _) => Get("/docs")),
        new("GET", "/dashboard", Expect.Public(OK), (_, _) => Get("/dashboard")),
        new("GET", "/openapi/shifts.json", Expect.Public(OK), (_, _) => Get("/openapi/shifts.json")),
        new("GET", "/openapi/roster.json", Expect.Public(OK), (_, _) => Get("/openapi/roster.json")),
        new("GET", "/openapi/notifications.json", Expect.Public(OK), (_, _) => Get("/openapi/notifications.json")),
    ];
}
