using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VolunteerOps.Testing;

namespace Gateway.IntegrationTests;

/// <summary>
/// Generated bad requests for every route, through the gateway: wrong methods, malformed or mis-shaped JSON,
/// JSON nested 10,000 deep, bodies over 64 KiB, wrong content types, invalid ids, times and numbers,
/// injection strings where they make a value invalid, huge headers and URLs, bad If-Match and Idempotency-Key.
/// Each must get a 4xx problem-details answer of ours, never a 5xx, and store no event. Every case is a request
/// the contract says must be refused: one the services accept is a mistake in this generator. Callers are a
/// coordinator (so authorization cannot hide a validation gap) and, for what volunteers may call, a volunteer.
/// </summary>
public partial class GatewayFuzzTests(GatewaySystem system) : IClassFixture<GatewaySystem>
{
    private static readonly ConditionalWeakTable<GatewaySystem, Lazy<Task<FuzzScene>>> Scenes = [];

    // Lazy: the generator reads the route table below, which static initialisation reaches later.
    private static readonly Lazy<FuzzCase[]> Cases = new(() =>
    {
        var cases = Generate().ToArray();
        var repeated = cases.GroupBy(c => c.Description).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return repeated.Count == 0 ? cases : throw new InvalidOperationException("Cases described twice: " + string.Join(", ", repeated));
    });

    /// <summary>One row per case, named by its description (in full: xunit would cut a long string argument short).</summary>
    public static IEnumerable<TheoryDataRow<int>> Numbered() =>
        Cases.Value.Select((c, i) => new TheoryDataRow<int>(i) { TestDisplayName = c.Description });

    [Theory]
    [MemberData(nameof(Numbered))]
    public async Task A_request_that_must_be_refused_gets_4xx_problem_details_and_stores_nothing(int index)
    {
        var scene = await Scenes.GetValue(system, s => new Lazy<Task<FuzzScene>>(() => FuzzScene.Create(s))).Value;
        var fuzz = Cases.Value[index];
        var description = fuzz.Description;
        using var client = system.Client(fuzz.Caller switch
        {
            Caller.Coordinator => TestTokens.Mint("coordinator-fuzz", "coordinator"),
            Caller.Volunteer => TestTokens.Mint(scene.Scene.Volunteer.ToString(), "volunteer"),
            _ => null,
        });

        var before = await Stored(scene);
        using var request = fuzz.Build(scene);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var after = await Stored(scene);

        var status = (int)response.StatusCode;
        var faults = new List<string>();
        if (status is < 400 or >= 500)
        {
            faults.Add($"expected a 4xx refusal, got {status}");
        }

        if (ProblemDetailsCheck.Fault(response, body) is { } fault)
        {
            faults.Add(fault);
        }

        if (after != before)
        {
            faults.Add($"it stored something: before {before}; after {after}");
        }

        Assert.True(faults.Count == 0, $"{description}: {string.Join("; ", faults)}. The answer: {status} {body}");
    }

    /// <summary>What a refused request must leave as it was: the event stores, and the two Notifications documents a write could touch.</summary>
    private async Task<string> Stored(FuzzScene scene) =>
        $"{await system.StoredEvents()} events, notification {await scene.Scene.NotificationReadAt(scene.Notification)}, " +
        $"delivery {await scene.Scene.DeliveryStatusOf(scene.Delivery)}";

    [Fact]
    public async Task The_generator_covers_every_operation_in_the_services_openapi_documents()
    {
        var covered = Endpoints.Select(e => $"{e.Method} {e.Template}").ToHashSet(StringComparer.Ordinal);

        var missing = (await OpenApiOperations.Of(system)).Where(operation => !covered.Contains(operation)).ToList();
        Assert.True(missing.Count == 0, "No cases for: " + string.Join(", ", missing));
    }

    private enum Caller
    {
        Coordinator,
        Volunteer,
        Anonymous,
    }

    private sealed record FuzzCase(string Description, Caller Caller, Func<FuzzScene, HttpRequestMessage> Build);

    /// <summary>The scenery, plus an inbox entry and a failed delivery of the volunteer's, for the routes that name them.</summary>
    private sealed record FuzzScene(Scenery Scene, Guid Notification, Guid Delivery)
    {
        public static async Task<FuzzScene> Create(GatewaySystem system)
        {
            var scene = await Scenery.Create(system);
            var volunteer = scene.Volunteer.ToString();
            return new FuzzScene(scene, await scene.InsertNotification(volunteer), await scene.InsertFailedDelivery(volunteer));
        }

        /// <summary>Fills a path or body template's placeholders.</summary>
        public string Resolve(string template) => template
            .Replace("{conference}", Scene.Conference.ToString(), StringComparison.Ordinal)
            .Replace("{shift}", Scene.Shift.ToString(), StringComparison.Ordinal)
            .Replace("{volunteer}", Scene.Volunteer.ToString(), StringComparison.Ordinal)
            .Replace("{other}", Scene.Outsider.ToString(), StringComparison.Ordinal)
            .Replace("{notification}", Notification.ToString(), StringComparison.Ordinal)
            .Replace("{delivery}", Delivery.ToString(), StringComparison.Ordinal)
            .Replace("{qualification}", Scenery.Qualification, StringComparison.Ordinal)
            .Replace("{now}", Uri.EscapeDataString(Scene.Now.ToString("O", CultureInfo.InvariantCulture)), StringComparison.Ordinal)
            .Replace("{future}", Scene.Now.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // --- The routes: a valid request of each, and what makes its input invalid ---

    /// <param name="Template">As in the services' OpenAPI documents.</param>
    /// <param name="Path">The request's path and query, with scene placeholders.</param>
    /// <param name="Body">A valid body (with placeholders); null when the route reads none.</param>
    /// <param name="BodyOptional">The route also accepts no body (then a volunteer acts for themself).</param>
    /// <param name="Versioned">The route honours If-Match.</param>
    /// <param name="Idempotent">The route honours Idempotency-Key.</param>
    /// <param name="ForVolunteers">A volunteer may call it for themself: the volunteer's subset runs on it too.</param>
    /// <param name="Fields">Per body field, JSON values that make the request invalid.</param>
    /// <param name="Queries">Paths with a query that makes the request invalid, by what is wrong with them.</param>
    private sealed record Endpoint(
        string Method,
        string Template,
        string Path,
        string? Body = null,
        bool BodyOptional = false,
        bool Versioned = false,
        bool Idempotent = false,
        bool ForVolunteers = false,
        (string Field, string[] Values)[]? Fields = null,
        (string What, string PathAndQuery)[]? Queries = null)
    {
        public bool IsWrite => Method is not "GET";
    }

    // Values that a field of that type cannot take. Free text takes any string (SQL and markup included, stored
    // as text), so only other JSON types make it invalid there.
    private static readonly string[] NotGuids = ["42", "\"' OR '1'='1\""];
    private static readonly string[] NotTimes = ["\"2027-05-14T10:00:00\"", "\"garbage\"", "\"99999-05-14T10:00:00Z\""];
    private static readonly string[] NotDates = ["\"2027-13-45\"", "\"garbage\"", "\"99999-01-01\""];
    private static readonly string[] NotInts = ["\"five\"", "1e12", "2147483648"];
    private static readonly string[] NotText = ["42"];
    private const string NilGuid = "00000000-0000-0000-0000-000000000000";
    private static readonly string[] Methods = ["PUT", "DELETE", "POST", "GET", "PATCH"];

    private static string Q(string name, string value) => $"{name}={Uri.EscapeDataString(value)}";

    private static readonly Endpoint[] Endpoints =
    [
        new("POST", "/api/conferences", "/api/conferences", Idempotent: true,
            Body: """{"name":"Fuzz Conf","timeZone":"Etc/UTC","startsOn":"2027-06-01","endsOn":"2027-06-03","roles":[{"name":"desk"}]}""",
            Fields:
            [
                ("name", [.. NotText, "[\"a\"]", "\"\"", "\"   \""]),
                ("timeZone", ["\"Mars/Olympus_Mons\"", "\"Etc/UTC'; DROP TABLE mt_events; --\"", "\"<script>alert(1)</script>\"", "42"]),
                ("startsOn", [.. NotDates, "\"2027-06-01'; DROP TABLE mt_events; --\"", "\"1999-12-31\"", "\"2027-06-01T00:00:00Z\""]),
                ("endsOn", ["\"2027-05-31\"", "\"2027-08-01\"", "\"garbage\""]),
                ("roles", ["{}", "[]", "\"desk\"", "[{\"name\":42}]", "[null]", "[{\"name\":\"desk\"},{\"name\":\"DESK\"}]"]),
                ("releaseCutoffMinutes", [.. NotInts, "1.5", "-1", "10081"]),
            ]),
        new("GET", "/api/conferences/{id}", "/api/conferences/{conference}", ForVolunteers: true),
        new("POST", "/api/shifts", "/api/shifts", Idempotent: true,
            Body: """{"conferenceId":"{conference}","role":"desk","title":"Desk","location":"Hall F","startsAt":"{future}T09:00:00Z","endsAt":"{future}T10:00:00Z","capacity":5}""",
            Fields:
            [
                // An unknown conference or role is refused (422) whatever the string looks like.
                ("conferenceId", [.. NotGuids, "\"<script>alert(1)</script>\"", $"\"{NilGuid}\"", "\"0f8fad5b-d9cb-469f-a165-70867728950e\""]),
                ("role", ["42", "\"'; DROP TABLE mt_events; --\"", "\"<script>alert(1)</script>\""]),
                ("title", [.. NotText, "\"\""]),
                ("location", NotText),
                ("startsAt", [.. NotTimes, "\"{future}T09:00:00Z'; DROP TABLE mt_events; --\""]),
                ("endsAt", [.. NotTimes, "\"{future}T08:00:00Z\""]),
                ("capacity", [.. NotInts, "-2147483649", "-1", "0", "1001"]),
                ("minimum", ["\"five\"", "-1", "6"]),
                ("sessionRef", NotText),
                ("notes", NotText),
            ]),
        new("GET", "/api/shifts", "/api/shifts?conferenceId={conference}", ForVolunteers: true,
            Queries:
            [
                ("conferenceId not a GUID", "/api/shifts?" + Q("conferenceId", "not-a-guid")),
                ("conferenceId SQL", "/api/shifts?" + Q("conferenceId", "' OR '1'='1")),
                ("from without offset", "/api/shifts?" + Q("from", "2027-05-14T10:00:00")),
                ("from garbage", "/api/shifts?" + Q("from", "garbage")),
                ("from in year 99999", "/api/shifts?" + Q("from", "99999-05-14T10:00:00Z")),
                ("to with script", "/api/shifts?" + Q("to", "<script>alert(1)</script>")),
                ("to before from", "/api/shifts?" + Q("from", "2027-05-14T10:00:00Z") + "&" + Q("to", "2027-05-13T10:00:00Z")),
                ("status SQL", "/api/shifts?" + Q("status", "open' OR '1'='1")),
                ("status unknown", "/api/shifts?" + Q("status", "opened")),
                ("eligibleFor not a GUID", "/api/shifts?" + Q("eligibleFor", "<script>alert(1)</script>")),
                ("limit 0", "/api/shifts?limit=0"),
                ("limit -1", "/api/shifts?limit=-1"),
                ("limit 2001", "/api/shifts?limit=2001"),
                ("limit overflowing int", "/api/shifts?limit=99999999999"),
                ("limit 1e12", "/api/shifts?limit=1e12"),
                ("offset -1", "/api/shifts?offset=-1"),
                ("offset not a number", "/api/shifts?offset=ten"),
            ]),
        new("GET", "/api/shifts/{id}", "/api/shifts/{shift}", ForVolunteers: true),
        new("PATCH", "/api/shifts/{id}", "/api/shifts/{shift}", Versioned: true, Idempotent: true,
            Body: """{"capacity":6,"title":"Desk"}""",
            Fields:
            [
                ("startsAt", NotTimes),
                ("endsAt", ["\"garbage\"", "\"2027-04-01T00:00:00Z\""]),
                ("capacity", [.. NotInts, "-1", "0", "1001"]),
                ("minimum", ["\"five\"", "-1", "7"]),
                ("location", [.. NotText, "\"\""]),
                ("title", [.. NotText, "\"   \""]),
            ]),
        new("POST", "/api/shifts/{id}/cancel", "/api/shifts/{shift}/cancel", Versioned: true, Idempotent: true,
            Body: """{"reason":"Room closed"}""",
            Fields: [("reason", [.. NotText, "\"\"", "null"])]),
        // The volunteer already holds the shift: the valid claim would be answered 200 without storing anything.
        new("POST", "/api/shifts/{id}/claims", "/api/shifts/{shift}/claims", BodyOptional: true, Versioned: true, Idempotent: true, ForVolunteers: true,
            Body: """{"volunteerId":"{volunteer}"}""",
            Fields: [("volunteerId", [.. NotGuids, "{}", "\"\""])]),
        new("DELETE", "/api/shifts/{id}/claims/{volunteerId}", "/api/shifts/{shift}/claims/{volunteer}", Versioned: true, Idempotent: true, ForVolunteers: true),
        new("POST", "/api/shifts/{id}/reassign", "/api/shifts/{shift}/reassign", Versioned: true, Idempotent: true,
            Body: """{"fromVolunteerId":"{volunteer}","toVolunteerId":"{other}","reason":"Swap"}""",
            Fields:
            [
                ("fromVolunteerId", NotGuids),
                ("toVolunteerId", [.. NotGuids, "\"{volunteer}\""]),
                ("reason", NotText),
            ]),
        new("POST", "/api/shifts/{id}/check-ins", "/api/shifts/{shift}/check-ins", BodyOptional: true, Versioned: true, Idempotent: true, ForVolunteers: true,
            Body: """{"volunteerId":"{volunteer}"}""",
            Fields: [("volunteerId", NotGuids)]),
        new("POST", "/api/shifts/{id}/no-shows", "/api/shifts/{shift}/no-shows", Versioned: true, Idempotent: true,
            Body: """{"volunteerId":"{volunteer}"}""",
            Fields: [("volunteerId", [.. NotGuids, "null"])]),
        new("GET", "/api/shifts/{id}/history", "/api/shifts/{shift}/history"),
        new("GET", "/api/shifts/{id}/holders", "/api/shifts/{shift}/holders?asOf={now}",
            Queries:
            [
                ("asOf without offset", "/api/shifts/{shift}/holders?" + Q("asOf", "2027-05-14T10:00:00")),
                ("asOf garbage", "/api/shifts/{shift}/holders?" + Q("asOf", "garbage")),
                ("asOf in year 99999", "/api/shifts/{shift}/holders?" + Q("asOf", "99999-05-14T10:00:00Z")),
                ("asOf SQL", "/api/shifts/{shift}/holders?" + Q("asOf", "2027-05-14T10:00:00Z' OR '1'='1")),
            ]),
        // Routed, not implemented yet: any request is refused (404); only the method and the size limits are worth trying.
        new("GET", "/api/coverage", "/api/coverage?conferenceId={conference}"),
        new("GET", "/api/coverage/stream", "/api/coverage/stream?conferenceId={conference}"),

        new("POST", "/api/volunteers", "/api/volunteers", Idempotent: true, ForVolunteers: true,
            Body: """{"name":"Fuzz Volunteer","email":"fuzz@example.org"}""",
            Fields:
            [
                ("name", [.. NotText, "\"\""]),
                ("email", ["\"not-an-email\"", "\"' OR 1=1 --@example.org\"", "\"<script>alert(1)</script>@example.org\"",
                    "\"admin@example.org'; DROP TABLE volunteers; --\"", "42"]),
                ("phone", ["\"12345\"", "\"+1' OR '1'='1\"", "\"<script>alert(1)</script>\"", "14155550123"]),
                ("tshirtSize", ["\"XXXL\"", "\"M'; DROP TABLE volunteers; --\"", "\"<script>alert(1)</script>\"", "3"]),
                ("id", [.. NotGuids, $"\"{NilGuid}\""]),
            ]),
        new("GET", "/api/volunteers/me", "/api/volunteers/me", ForVolunteers: true),
        new("GET", "/api/volunteers/{id}", "/api/volunteers/{volunteer}", ForVolunteers: true),
        new("PUT", "/api/volunteers/{id}/preferences", "/api/volunteers/{volunteer}/preferences", Versioned: true, Idempotent: true, ForVolunteers: true,
            Body: """{"channels":["inApp","email"],"reminderLeadMinutes":[1440,60]}""",
            Fields:
            [
                ("channels", ["\"email\"", "[\"sms\"]", "[\"<script>alert(1)</script>\"]", "[\"email' OR '1'='1\"]", "[\"email\",\"email\"]", "[42]", "[null]"]),
                ("webhookUrl", ["\"javascript:alert(1)\"", "\"not a url\"", "\"ftp://example.org/hook\"", "42"]),
                ("reminderLeadMinutes", ["[0]", "[-1]", "[10081]", "[1,2,3,4,5,6]", "[60,60]", "[\"five\"]", "[1e12]", "60"]),
            ]),
        new("POST", "/api/volunteers/{id}/qualifications", "/api/volunteers/{volunteer}/qualifications", Versioned: true, Idempotent: true,
            Body: """{"qualification":"first-aid"}""",
            Fields: [("qualification", [.. NotText, "\"\"", "\"   \""])]),
        new("DELETE", "/api/volunteers/{id}/qualifications/{qualification}", "/api/volunteers/{volunteer}/qualifications/{qualification}",
            Versioned: true, Idempotent: true),
        new("POST", "/api/volunteers/{id}/deactivate", "/api/volunteers/{volunteer}/deactivate", Versioned: true, Idempotent: true,
            Body: """{"reason":"Left the team"}""",
            Fields: [("reason", [.. NotText, "\"\""])]),
        new("GET", "/api/volunteers/{id}/schedule", "/api/volunteers/{volunteer}/schedule", ForVolunteers: true),
        new("GET", "/api/volunteers/{id}/schedule.ics", "/api/volunteers/{volunteer}/schedule.ics", ForVolunteers: true),
        new("GET", "/api/volunteers/{id}/reliability", "/api/volunteers/{volunteer}/reliability", ForVolunteers: true),
        new("GET", "/api/roster", "/api/roster?conferenceId={conference}",
            Queries:
            [
                ("conferenceId missing", "/api/roster"),
                ("conferenceId not a GUID", "/api/roster?" + Q("conferenceId", "not-a-guid")),
                ("conferenceId SQL", "/api/roster?" + Q("conferenceId", "' OR '1'='1")),
            ]),

        new("GET", "/api/notifications", "/api/notifications", ForVolunteers: true,
            Queries:
            [
                ("unreadOnly not a boolean", "/api/notifications?unreadOnly=maybe"),
                ("unreadOnly SQL", "/api/notifications?" + Q("unreadOnly", "true' OR '1'='1")),
                ("volunteerId not a GUID", "/api/notifications?" + Q("volunteerId", "<script>alert(1)</script>")),
                ("before without offset", "/api/notifications?" + Q("before", "2027-05-14T10:00:00")),
                ("before garbage", "/api/notifications?" + Q("before", "garbage")),
                ("limit 0", "/api/notifications?limit=0"),
                ("limit 201", "/api/notifications?limit=201"),
                ("limit not a number", "/api/notifications?limit=fifty"),
            ]),
        // A valid request would stream for ever: only refusals are generated for it.
        new("GET", "/api/notifications/stream", "/api/notifications/stream",
            Queries: [("volunteerId SQL", "/api/notifications/stream?" + Q("volunteerId", "' OR '1'='1"))]),
        new("POST", "/api/notifications/{id}/read", "/api/notifications/{notification}/read"),
        new("GET", "/api/notifications/deliveries", "/api/notifications/deliveries",
            Queries:
            [
                ("status SQL", "/api/notifications/deliveries?" + Q("status", "failed' OR '1'='1")),
                ("status script", "/api/notifications/deliveries?" + Q("status", "<script>alert(1)</script>")),
                ("status as a number", "/api/notifications/deliveries?status=1"),
                ("channel unknown", "/api/notifications/deliveries?channel=sms"),
                ("channel SQL", "/api/notifications/deliveries?" + Q("channel", "email' OR '1'='1")),
                ("volunteerId not a GUID", "/api/notifications/deliveries?volunteerId=42"),
                ("limit 0", "/api/notifications/deliveries?limit=0"),
                ("limit 501", "/api/notifications/deliveries?limit=501"),
            ]),
        new("POST", "/api/notifications/deliveries/{id}/retry", "/api/notifications/deliveries/{delivery}/retry"),

        new("GET", "/health", "/health"),
        new("GET", "/docs", "/docs"),
        new("GET", "/dashboard", "/dashboard"),
        new("GET", "/openapi/shifts.json", "/openapi/shifts.json"),
        new("GET", "/openapi/roster.json", "/openapi/roster.json"),
        new("GET", "/openapi/notifications.json", "/openapi/notifications.json"),
    ];

    // --- The generator ---

    private static IEnumerable<FuzzCase> Generate()
    {
        foreach (var e in Endpoints)
        {
            foreach (var c in WrongMethods(e).Concat(OversizedHeadersAndUrls(e)))
            {
                yield return c;
            }

            foreach (var caller in e.ForVolunteers ? new[] { Caller.Coordinator, Caller.Volunteer } : [Caller.Coordinator])
            {
                var subset = caller == Caller.Volunteer;
                var cases = InvalidPathIds(caller, e, subset)
                    .Concat(InvalidQueries(caller, e, subset))
                    .Concat(InvalidFields(caller, e, subset));
                if (e.Body is not null)
                {
                    cases = cases.Concat(BadBodies(caller, e, subset));
                }

                if (e.IsWrite && !subset)
                {
                    cases = cases.Concat(OversizedBodies(caller, e)).Concat(BadVersionsAndKeys(caller, e));
                }

                foreach (var c in cases)
                {
                    yield return c;
                }
            }
        }

        // Calendar apps call the feed without a token: a wrong key (SQL here) must not open it.
        yield return new FuzzCase("anonymous: GET /api/volunteers/{id}/schedule.ics: key SQL", Caller.Anonymous,
            s => Request("GET", s.Resolve("/api/volunteers/{volunteer}/schedule.ics?") + Q("key", "' OR '1'='1")));
    }

    private static FuzzCase Case(Caller caller, Endpoint e, string what, Func<FuzzScene, HttpRequestMessage> build) =>
        new($"{caller.ToString().ToLowerInvariant()}: {e.Method} {e.Template}: {what}", caller, build);

    private static HttpRequestMessage Request(string method, string path, HttpContent? content = null) =>
        new(new HttpMethod(method), path) { Content = content };

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>
    /// Two methods the path does not take (405 from the service, 404 where the gateway routes no such method).
    /// /health is left out: health checks answer any method, by design.
    /// </summary>
    private static IEnumerable<FuzzCase> WrongMethods(Endpoint e)
    {
        if (e.Template == "/health" || Endpoints.First(x => x.Template == e.Template) != e)
        {
            yield break; // one set per path
        }

        var taken = Endpoints.Where(x => x.Template == e.Template).Select(x => x.Method).ToHashSet();
        foreach (var method in Methods.Where(m => !taken.Contains(m)).Take(2))
        {
            yield return Case(Caller.Coordinator, e with { Method = method }, "method not allowed", s => Request(method, s.Resolve(e.Path)));
        }
    }

    /// <summary>Refused by the gateway before routing: 20 KB of headers (431), 5 KB of query (414). Once per path.</summary>
    private static IEnumerable<FuzzCase> OversizedHeadersAndUrls(Endpoint e)
    {
        if (Endpoints.First(x => x.Template == e.Template) != e)
        {
            yield break;
        }

        yield return Case(Caller.Coordinator, e, "20 KB header", s =>
        {
            var request = Request(e.Method, s.Resolve(e.Path), e.Body is null ? null : Json(s.Resolve(e.Body)));
            request.Headers.TryAddWithoutValidation("X-Padding", new string('h', 20_000));
            return request;
        });
        yield return Case(Caller.Coordinator, e, "5 KB query", s =>
        {
            var path = s.Resolve(e.Path);
            return Request(e.Method, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "pad=" + new string('q', 5_000),
                e.Body is null ? null : Json(s.Resolve(e.Body)));
        });
    }

    /// <summary>Each id in the path replaced by something that is no id; a volunteer gets the SQL one only.</summary>
    private static IEnumerable<FuzzCase> InvalidPathIds(Caller caller, Endpoint e, bool subset)
    {
        var path = e.Path.Split('?')[0];
        foreach (var placeholder in Placeholder().Matches(path).Select(m => m.Value))
        {
            var values = subset ? ["' OR '1'='1"] : new[] { "' OR '1'='1", "<script>alert(1)</script>" };
            // The nil GUID parses, but names nothing: refused (404) by every writer, never handed to the store.
            if (e.IsWrite && !subset && placeholder != "{qualification}")
            {
                values = [.. values, NilGuid];
            }

            foreach (var value in values)
            {
                yield return Case(caller, e, $"{placeholder} = {value}", s =>
                    Request(e.Method, s.Resolve(e.Path.Replace(placeholder, Uri.EscapeDataString(value), StringComparison.Ordinal)),
                        e.Body is null ? null : Json(s.Resolve(e.Body))));
            }
        }
    }

    private static IEnumerable<FuzzCase> InvalidQueries(Caller caller, Endpoint e, bool subset) =>
        (e.Queries ?? []).Take(subset ? 3 : int.MaxValue).Select(q => Case(caller, e, q.What, s => Request(e.Method, s.Resolve(q.PathAndQuery))));

    /// <summary>One field at a time set to a value it cannot take, the rest of the body valid (for a volunteer, one value per field).</summary>
    private static IEnumerable<FuzzCase> InvalidFields(Caller caller, Endpoint e, bool subset) =>
        from field in e.Fields ?? []
        from value in field.Values.Take(subset ? 1 : int.MaxValue)
        select Case(caller, e, $"{field.Field} = {value}", s =>
        {
            var body = JsonNode.Parse(s.Resolve(e.Body!))!.AsObject();
            body[field.Field] = JsonNode.Parse(s.Resolve(value));
            return Request(e.Method, s.Resolve(e.Path), Json(body.ToJsonString()));
        });

    /// <summary>Bodies that are not JSON, not this JSON, too deep, or not declared as JSON.</summary>
    private static IEnumerable<FuzzCase> BadBodies(Caller caller, Endpoint e, bool subset)
    {
        HttpRequestMessage With(FuzzScene s, HttpContent content) => Request(e.Method, s.Resolve(e.Path), content);

        yield return Case(caller, e, "truncated JSON", s => With(s, Json(s.Resolve(e.Body!)[..^2])));
        yield return Case(caller, e, "JSON array instead of an object", s => With(s, Json($"[{s.Resolve(e.Body!)}]")));
        if (subset)
        {
            yield break;
        }

        yield return Case(caller, e, "not JSON at all", s => With(s, Json("volunteer please")));
        yield return Case(caller, e, "invalid UTF-8 inside a string", s => With(s, InvalidUtf8(s.Resolve(e.Body!))));
        yield return Case(caller, e, "JSON string instead of an object", s => With(s, Json("\"" + s.Resolve(e.Body!).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")));
        yield return Case(caller, e, "nested 10,000 levels deep", s => With(s, Json("{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}")));
        yield return Case(caller, e, "as text/plain", s => With(s, new StringContent(s.Resolve(e.Body!), Encoding.UTF8, "text/plain")));
        yield return Case(caller, e, "as application/xml", s => With(s, new StringContent("<request><id>1</id></request>", Encoding.UTF8, "application/xml")));
        yield return Case(caller, e, "as multipart/form-data", s => With(s, new MultipartFormDataContent { { Json(s.Resolve(e.Body!)), "body" } }));
        if (!e.BodyOptional)
        {
            // Where the body may be left out, "no body" and null are valid (a volunteer then acts for themself).
            yield return Case(caller, e, "empty body", s => With(s, Json("")));
            yield return Case(caller, e, "JSON null", s => With(s, Json("null")));
        }
    }

    /// <summary>Over the 64 KiB limit: 413 whether the length is declared or the body comes in chunks.</summary>
    private static IEnumerable<FuzzCase> OversizedBodies(Caller caller, Endpoint e)
    {
        static byte[] Big(FuzzScene s, Endpoint e)
        {
            var body = JsonNode.Parse(e.Body is null ? "{}" : s.Resolve(e.Body))!.AsObject();
            body["padding"] = new string('x', 70_000);
            return Encoding.UTF8.GetBytes(body.ToJsonString());
        }

        yield return Case(caller, e, "70 KB body with Content-Length", s =>
            Request(e.Method, s.Resolve(e.Path), new ByteArrayContent(Big(s, e)) { Headers = { ContentType = new("application/json") } }));
        // Without a declared length the limit can only be found by reading: the gateway must refuse before it
        // forwards anything, or a route that reads no body (DELETE .../claims/{volunteerId}) would already
        // have acted while the client is told it failed (this once answered 503 and released the claim).
        yield return Case(caller, e, "70 KB body in chunks", s =>
        {
            var request = Request(e.Method, s.Resolve(e.Path), new StreamContent(new MemoryStream(Big(s, e))) { Headers = { ContentType = new("application/json") } });
            request.Headers.TransferEncodingChunked = true;
            return request;
        });
    }

    /// <summary>A valid request spoiled by its headers alone: If-Match not an ETag (400) or stale (412), an Idempotency-Key over 200 characters (400).</summary>
    private static IEnumerable<FuzzCase> BadVersionsAndKeys(Caller caller, Endpoint e)
    {
        HttpRequestMessage Valid(FuzzScene s, string header, string value)
        {
            var request = Request(e.Method, s.Resolve(e.Path), e.Body is null ? null : Json(s.Resolve(e.Body)));
            request.Headers.TryAddWithoutValidation(header, value);
            return request;
        }

        if (e.Versioned)
        {
            yield return Case(caller, e, "If-Match not an ETag", s => Valid(s, "If-Match", "' OR '1'='1"));
            yield return Case(caller, e, "If-Match stale", s => Valid(s, "If-Match", "\"999\""));
        }

        if (e.Idempotent)
        {
            yield return Case(caller, e, "Idempotency-Key of 201 characters", s => Valid(s, "Idempotency-Key", new string('k', 201)));
        }
    }

    /// <summary>The body with bytes that are not UTF-8 (0xC3 0x28) at the start of its first string value (of a field or in an array).</summary>
    private static ByteArrayContent InvalidUtf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var (field, item) = (json.IndexOf("\":\"", StringComparison.Ordinal), json.IndexOf(":[\"", StringComparison.Ordinal));
        var at = (field < 0 || (item >= 0 && item < field) ? item : field) + 3;
        bytes.InsertRange(Encoding.UTF8.GetByteCount(json[..at]), new byte[] { 0xC3, 0x28 });
        return new ByteArrayContent([.. bytes]) { Headers = { ContentType = new("application/json") } };
    }

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();
}
