using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shifts.IntegrationTests.Endpoints;
using VolunteerOps.Shifts.Commitments;

namespace Shifts.IntegrationTests.BadInput;

public enum Sender
{
    Coordinator,
    Volunteer,
    Anonymous,
}

/// <summary>One generated request that the service must refuse with a 4xx problem and no effect.</summary>
public sealed record BadRequest(
    string Category,
    string Endpoint,
    string Description,
    Sender Sender,
    HttpMethod Method,
    string Path,
    Func<HttpContent?> Content,
    int[] Expected,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public override string ToString() => $"[{Category}] {Sender} {Method} {Endpoint}: {Description}";
}

/// <summary>
/// What the generated requests aim at: an existing conference and shift with one holder, and a registered volunteer
/// with no seat (so the bodies the cases start from are valid ones: each case breaks exactly what it says).
/// </summary>
public sealed record BadInputScene(EndpointScene Conference, Guid ShiftId, Guid Holder, Guid Spare, long ShiftVersion);

/// <summary>
/// Builds the bad requests from a fixed seed: every write endpoint crossed with malformed JSON, wrong JSON types,
/// missing fields, impossible values, unknown ids, invalid GUIDs, times without an offset, deep nesting, wrong
/// content types, empty bodies, bad headers, the wrong caller, and (last) 1 MB bodies.
/// </summary>
public sealed class BadRequestCatalogue
{
    public const int Seed = 20270514;
    public const int OneMegabyte = 1024 * 1024;

    private const int BadRequestStatus = 400;
    private static readonly int[] Status400 = [BadRequestStatus];

    private readonly Random random = new(Seed);
    private readonly BadInputScene scene;
    private readonly List<BadRequest> requests = [];

    private BadRequestCatalogue(BadInputScene scene) => this.scene = scene;

    private enum Kind
    {
        Text,
        Int,
        Guid,
        Time,
        Date,
        Roles,
    }

    /// <summary>A write endpoint: where it is, who may call it, a body it would accept, and its fields.</summary>
    private sealed record Endpoint(
        string Name,
        HttpMethod Method,
        string Path,
        bool CoordinatorOnly,
        JsonObject? ValidBody,
        string[] Required,
        (string Field, Kind Kind)[] Fields)
    {
        public string PathFor(string shiftId) => Path.Replace("{id}", shiftId, StringComparison.Ordinal);
    }

    public static IReadOnlyList<BadRequest> Build(BadInputScene scene)
    {
        var catalogue = new BadRequestCatalogue(scene);
        catalogue.Generate();
        return catalogue.requests;
    }

    private Guid Fresh() => new(Bytes(16));

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private string Shift => scene.ShiftId.ToString();

    private IEnumerable<Endpoint> Endpoints()
    {
        var c = scene.Conference;
        yield return new Endpoint("POST /api/conferences", HttpMethod.Post, "/api/conferences", true,
            Node(EndpointScene.ConferenceBody(c.Day1.AddDays(20), 60)),
            ["name", "timeZone", "startsOn", "endsOn", "roles"],
            [("name", Kind.Text), ("timeZone", Kind.Text), ("startsOn", Kind.Date), ("endsOn", Kind.Date), ("releaseCutoffMinutes", Kind.Int), ("roles", Kind.Roles)]);
        yield return new Endpoint("POST /api/shifts", HttpMethod.Post, "/api/shifts", true,
            Node(new
            {
                conferenceId = c.ConferenceId,
                role = "session-runner",
                title = "Generated",
                location = "Room 9",
                startsAt = c.At(2, 9),
                endsAt = c.At(2, 10),
                capacity = 2,
                minimum = 1,
                sessionRef = "G-1",
                notes = "generated",
            }),
            ["conferenceId", "role", "title", "location", "startsAt", "endsAt", "capacity"],
            [("conferenceId", Kind.Guid), ("role", Kind.Text), ("title", Kind.Text), ("location", Kind.Text), ("startsAt", Kind.Time),
             ("endsAt", Kind.Time), ("capacity", Kind.Int), ("minimum", Kind.Int), ("sessionRef", Kind.Text), ("notes", Kind.Text)]);
        yield return new Endpoint("PATCH /api/shifts/{id}", HttpMethod.Patch, "/api/shifts/{id}", true,
            Node(new { title = "Renamed", location = "Hall Q", startsAt = c.At(1, 13), endsAt = c.At(1, 14), capacity = 4, minimum = 2 }),
            [],
            [("title", Kind.Text), ("location", Kind.Text), ("startsAt", Kind.Time), ("endsAt", Kind.Time), ("capacity", Kind.Int), ("minimum", Kind.Int)]);
        yield return new Endpoint("POST /api/shifts/{id}/cancel", HttpMethod.Post, "/api/shifts/{id}/cancel", true,
            Node(new { reason = "Generated cancellation" }), ["reason"], [("reason", Kind.Text)]);
        yield return new Endpoint("POST /api/shifts/{id}/claims", HttpMethod.Post, "/api/shifts/{id}/claims", false,
            Node(new { volunteerId = scene.Spare }), ["volunteerId"], [("volunteerId", Kind.Guid)]);
        yield return new Endpoint("DELETE /api/shifts/{id}/claims/{volunteerId}", HttpMethod.Delete, "/api/shifts/{id}/claims/" + scene.Holder, false,
            null, [], []);
        yield return new Endpoint("POST /api/shifts/{id}/reassign", HttpMethod.Post, "/api/shifts/{id}/reassign", true,
            Node(new { fromVolunteerId = scene.Holder, toVolunteerId = scene.Spare, reason = "Generated" }),
            ["fromVolunteerId", "toVolunteerId"],
            [("fromVolunteerId", Kind.Guid), ("toVolunteerId", Kind.Guid), ("reason", Kind.Text)]);
        yield return new Endpoint("POST /api/shifts/{id}/check-ins", HttpMethod.Post, "/api/shifts/{id}/check-ins", false,
            Node(new { volunteerId = scene.Holder }), ["volunteerId"], [("volunteerId", Kind.Guid)]);
        yield return new Endpoint("POST /api/shifts/{id}/no-shows", HttpMethod.Post, "/api/shifts/{id}/no-shows", true,
            Node(new { volunteerId = scene.Holder }), ["volunteerId"], [("volunteerId", Kind.Guid)]);
    }

    private void Generate()
    {
        var endpoints = Endpoints().ToList();
        foreach (var e in endpoints)
        {
            if (e.ValidBody is { } body)
            {
                MalformedJson(e, body);
                WrongTypes(e, body);
                NotAnObject(e, body);
                MissingFields(e, body);
                DeepNesting(e, body);
                WrongContentType(e, body);
                EmptyBody(e);
            }

            InvalidGuidsInThePath(e);
            UnknownIds(e);
            BadHeaders(e);
            Anonymous(e);
        }

        ImpossibleValues(endpoints);
        TheWrongVolunteer(endpoints);
        SomeAsAVolunteer(endpoints);

        // Last: if a server read them anyway, they must still not have spoiled the cases above.
        foreach (var e in endpoints)
        {
            OneMegabyteBodies(e);
        }
    }

    private void Add(string category, Endpoint e, string description, Func<HttpContent?> content, int[] expected,
        Sender sender = Sender.Coordinator, string? path = null, params KeyValuePair<string, string>[] headers) =>
        requests.Add(new BadRequest(category, e.Name, description, sender, e.Method, path ?? e.PathFor(Shift), content, expected, headers));

    private void AddJson(string category, Endpoint e, string description, string json, int[] expected, Sender sender = Sender.Coordinator) =>
        Add(category, e, description, () => Json(json), expected, sender);

    private void MalformedJson(Endpoint e, JsonObject body)
    {
        var valid = body.ToJsonString();
        string[] fixedCases =
        [
            "{", "}", "{\"a\":}", "not json", "{'reason':'single quotes'}", valid[..^1] + ",}", valid + "}", valid + " trailing",
            "\"", "{\"a\" 1}", "{\"a\":01}", "{\"a\":NaN}", "/* comment */ " + valid, "{\"unterminated",
        ];
        foreach (var json in fixedCases)
        {
            AddJson("malformed-json", e, Shorten(json), json, Status400);
        }

        for (var i = 0; i < 3; i++)
        {
            var cut = random.Next(1, valid.Length - 1);
            AddJson("malformed-json", e, $"cut at {cut}: {Shorten(valid[..cut])}", valid[..cut], Status400);
        }

        // Invalid UTF-8 inside the value of a member the endpoint reads: {"<field>":"\xff\xfe"}.
        var field = Encoding.UTF8.GetBytes($"{{\"{e.Fields[0].Field}\":\"");
        Add("malformed-json", e, $"invalid UTF-8 bytes in {e.Fields[0].Field}", () => Bytes("application/json", [.. field, 0xff, 0xfe, 0x22, 0x7d]), Status400);
    }

    private static readonly Dictionary<Kind, string[]> WrongValues = new()
    {
        [Kind.Text] = ["42", "true", "[]", "{}", "1.5", "[\"a\"]", "{\"text\":\"x\"}"],
        [Kind.Int] = ["\"ten\"", "\"\"", "true", "[]", "{}", "1.5", "1e3", "99999999999", "-99999999999", "\"5.5\"", "\"0x10\"", "[3]"],
        [Kind.Guid] = ["42", "\"not-a-guid\"", "\"\"", "true", "[]", "{}", "\"01234567-89ab-cdef-0123-456789abcdeg\"", "\"0\"", "\"' OR 1=1 --\""],
        [Kind.Time] =
        [
            "\"2027-05-14T10:00:00\"", "\"2027-05-14\"", "\"tomorrow\"", "\"\"", "1810368000", "\"2027-02-30T10:00:00Z\"",
            "\"2027-05-14T25:00:00Z\"", "\"2027-05-14T10:00:00+25:00\"", "\"2027-05-14 10:00:00Z\"", "\"10:00\"", "true", "[]", "{}",
            "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"",
        ],
        [Kind.Date] = ["\"2027-05-14T10:00:00\"", "\"14/05/2027\"", "\"2027-13-01\"", "\"\"", "20270514", "\"tomorrow\"", "true", "[]", "{}", "\"2027-02-30\""],
        [Kind.Roles] = ["\"desk\"", "42", "{}", "[\"desk\"]", "[42]", "[[]]", "true", "{\"name\":\"desk\"}"],
    };

    private void WrongTypes(Endpoint e, JsonObject body)
    {
        foreach (var (field, kind) in e.Fields)
        {
            var values = WrongValues[kind];
            var picks = new HashSet<string>(StringComparer.Ordinal);
            while (picks.Count < Math.Min(kind is Kind.Time or Kind.Guid ? 5 : 3, values.Length))
            {
                picks.Add(values[random.Next(values.Length)]);
            }

            foreach (var value in picks)
            {
                var json = With(body, field, JsonNode.Parse(value));
                AddJson(kind is Kind.Time or Kind.Date ? "bad-time" : kind == Kind.Guid ? "invalid-guid-body" : "wrong-type",
                    e, $"{field} = {Shorten(value)}", json, Status400);
            }
        }
    }

    private void NotAnObject(Endpoint e, JsonObject body)
    {
        foreach (var json in new[] { "[]", "[" + body.ToJsonString() + "]", "\"a string\"", "42", "true", "null" })
        {
            AddJson("array-for-object", e, $"the body is {Shorten(json)}", json, Status400);
        }
    }

    private void MissingFields(Endpoint e, JsonObject body)
    {
        foreach (var field in e.Required)
        {
            var copy = (JsonObject)body.DeepClone();
            copy.Remove(field);
            AddJson("missing-field", e, $"without {field}", copy.ToJsonString(), Status400);
            AddJson("missing-field", e, $"{field} = null", With(body, field, null), Status400);
        }
    }

    private void DeepNesting(Endpoint e, JsonObject body)
    {
        var deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        var deepArray = new string('[', 100) + new string(']', 100);
        AddJson("deep-json", e, "an object nested 100 deep", deepObject, Status400);
        AddJson("deep-json", e, "an array nested 100 deep", deepArray, Status400);
        var (field, _) = e.Fields[random.Next(e.Fields.Length)];
        var inField = body.ToJsonString();
        inField = inField[..^1] + $",\"{field}\":" + deepObject + "}";
        AddJson("deep-json", e, $"{field} nested 100 deep", inField, Status400);
    }

    private void WrongContentType(Endpoint e, JsonObject body)
    {
        var json = body.ToJsonString();
        foreach (var mediaType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data" })
        {
            Add("content-type", e, $"a valid body sent as {mediaType}", () => Text(json, mediaType), [415]);
        }
    }

    private void EmptyBody(Endpoint e)
    {
        Add("empty-body", e, "an empty application/json body", () => Json(""), Status400);
        Add("empty-body", e, "no body at all", () => null, Status400);
        Add("empty-body", e, "whitespace only", () => Json("   \n "), Status400);
    }

    private string InvalidGuid()
    {
        var text = Fresh().ToString();
        var at = random.Next(text.Length);
        return random.Next(4) switch
        {
            0 => text[..at] + (char)('g' + random.Next(20)) + text[(at + 1)..],
            1 => text.Remove(at, 1),
            2 => text + (char)('0' + random.Next(10)),
            _ => text.Replace('-', (char)('g' + random.Next(20))),
        };
    }

    private void InvalidGuidsInThePath(Endpoint e)
    {
        if (!e.Path.Contains("{id}", StringComparison.Ordinal))
        {
            return;
        }

        var body = e.ValidBody;
        foreach (var id in new[] { InvalidGuid(), InvalidGuid(), "null", "0", Uri.EscapeDataString("' OR 1=1 --") })
        {
            Add("invalid-guid-path", e, $"shift id '{id}'", () => body is null ? null : Json(body.ToJsonString()), Status400, path: e.PathFor(id));
        }

        if (e.Method == HttpMethod.Delete)
        {
            foreach (var id in new[] { InvalidGuid(), InvalidGuid(), "me" })
            {
                Add("invalid-guid-path", e, $"volunteer id '{id}'", () => null, Status400, path: $"/api/shifts/{Shift}/claims/{id}");
            }
        }
    }

    private void UnknownIds(Endpoint e)
    {
        var body = e.ValidBody;
        Func<HttpContent?> content = () => body is null ? null : Json(body.ToJsonString());
        if (!e.Path.Contains("{id}", StringComparison.Ordinal))
        {
            if (e.Name == "POST /api/shifts")
            {
                AddJson("unknown-id", e, "an unknown conference", With(body!, "conferenceId", JsonValue.Create(Fresh())), [422]);
                AddJson("unknown-id", e, "the shift's id as the conference", With(body!, "conferenceId", JsonValue.Create(scene.ShiftId)), [422]);
                AddJson("unknown-id", e, "the nil GUID as the conference", With(body!, "conferenceId", JsonValue.Create(Guid.Empty)), [422]);
                AddJson("unknown-id", e, "an unknown role", With(body!, "role", JsonValue.Create("juggler")), [422]);
            }

            return;
        }

        Add("unknown-id", e, "an unknown shift", content, [404], path: e.PathFor(Fresh().ToString()));
        Add("unknown-id", e, "the conference's id as the shift", content, [404], path: e.PathFor(scene.Conference.ConferenceId.ToString()));
        Add("unknown-id", e, "the nil GUID as the shift", content, [404], path: e.PathFor(Guid.Empty.ToString()));
        Add("unknown-id", e, "a commitments stream id as the shift", content, [404],
            path: e.PathFor(VolunteerCommitments.StreamIdFor(scene.Holder).ToString()));
        if (e.Method == HttpMethod.Delete)
        {
            Add("unknown-id", e, "a volunteer who holds no seat", () => null, [404], path: $"/api/shifts/{Shift}/claims/{Fresh()}");
        }
    }

    private void BadHeaders(Endpoint e)
    {
        var body = e.ValidBody;
        Func<HttpContent?> content = () => body is null ? null : Json(body.ToJsonString());
        Add("bad-header", e, "Idempotency-Key of 201 characters", content, Status400, headers: Header("Idempotency-Key", new string('k', 201)));
        Add("bad-header", e, "Idempotency-Key with a space", content, Status400, headers: Header("Idempotency-Key", "two words"));
        if (e.Path.Contains("{id}", StringComparison.Ordinal))
        {
            Add("bad-header", e, "If-Match not an ETag", content, Status400, headers: Header("If-Match", "version-" + random.Next(1000)));
            Add("bad-header", e, "a stale If-Match", content, [412], headers: Header("If-Match", "\"1\""));
            Add("bad-header", e, "an If-Match from the future", content, [412], headers: Header("If-Match", $"\"{scene.ShiftVersion + 7}\""));
        }
    }

    private void Anonymous(Endpoint e)
    {
        var body = e.ValidBody;
        Add("anonymous", e, "no token", () => body is null ? null : Json(body.ToJsonString()), [401], Sender.Anonymous);
    }

    private void ImpossibleValues(List<Endpoint> endpoints)
    {
        var c = scene.Conference;
        var e = endpoints.Single(x => x.Name == "POST /api/conferences");
        var b = e.ValidBody!;
        Impossible(e, b, "endsOn before startsOn", ("startsOn", "2027-06-10"), ("endsOn", "2027-06-09"));
        Impossible(e, b, "longer than 31 days", ("startsOn", "2027-06-01"), ("endsOn", "2027-07-15"));
        Impossible(e, b, "no roles", ("roles", new JsonArray()));
        Impossible(e, b, "51 roles", ("roles", new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode)new JsonObject { ["name"] = $"role-{i}" })])));
        Impossible(e, b, "duplicate roles", ("roles", new JsonArray(new JsonObject { ["name"] = "desk" }, new JsonObject { ["name"] = "Desk " })));
        Impossible(e, b, "an unnamed role", ("roles", new JsonArray(new JsonObject { ["requiredQualification"] = "x" })));
        Impossible(e, b, "an unknown time zone", ("timeZone", "Mars/Olympus_Mons"));
        Impossible(e, b, "a path as the time zone", ("timeZone", "../../../../etc/passwd"));
        Impossible(e, b, "a blank name", ("name", "   "));
        Impossible(e, b, "a 201-character name", ("name", new string('n', 201)));
        Impossible(e, b, "a negative release cut-off", ("releaseCutoffMinutes", -1));
        Impossible(e, b, "a release cut-off of 100000 minutes", ("releaseCutoffMinutes", 100_000));

        e = endpoints.Single(x => x.Name == "POST /api/shifts");
        b = e.ValidBody!;
        Impossible(e, b, "endsAt before startsAt", ("startsAt", c.At(2, 10)), ("endsAt", c.At(2, 9)));
        Impossible(e, b, "endsAt equal to startsAt", ("startsAt", c.At(2, 10)), ("endsAt", c.At(2, 10)));
        Impossible(e, b, "longer than 24 hours", ("startsAt", c.At(1, 0)), ("endsAt", c.At(2, 1)));
        Impossible(e, b, "capacity 0", ("capacity", 0));
        Impossible(e, b, "capacity 100000", ("capacity", 100_000));
        Impossible(e, b, "capacity -3", ("capacity", -3));
        Impossible(e, b, "minimum above the capacity", ("capacity", 2), ("minimum", 5));
        Impossible(e, b, "a negative minimum", ("minimum", -1));
        Impossible(e, b, "an empty title", ("title", ""));
        Impossible(e, b, "a 201-character title", ("title", new string('t', 201)));
        Impossible(e, b, "a 101-character location", ("location", new string('l', 101)));
        Impossible(e, b, "notes of 2001 characters", ("notes", new string('n', 2001)));
        Impossible(e, b, "an empty sessionRef", ("sessionRef", ""));
        Impossible(e, b, "outside the conference's dates", [422], ("startsAt", c.At(5, 9)), ("endsAt", c.At(5, 10)));
        Impossible(e, b, "before the conference", [422], ("startsAt", c.At(0, 9)), ("endsAt", c.At(0, 10)));

        e = endpoints.Single(x => x.Name == "PATCH /api/shifts/{id}");
        b = e.ValidBody!;
        Impossible(e, b, "endsAt before startsAt", ("startsAt", c.At(1, 14)), ("endsAt", c.At(1, 13)));
        Impossible(e, b, "only endsAt, before the current start", ("endsAt", c.At(1, 8)), ("startsAt", null));
        Impossible(e, b, "capacity 0", ("capacity", 0));
        Impossible(e, b, "capacity 100000", ("capacity", 100_000));
        Impossible(e, b, "minimum above the capacity", ("minimum", 10));
        Impossible(e, b, "a negative minimum", ("minimum", -1));
        Impossible(e, b, "an empty title", ("title", ""));
        Impossible(e, b, "a blank location", ("location", "  "));
        Impossible(e, b, "a 101-character location", ("location", new string('l', 101)));
        Impossible(e, b, "longer than 24 hours", ("startsAt", c.At(1, 0)), ("endsAt", c.At(2, 1)));
        Impossible(e, b, "outside the conference's dates", [422], ("startsAt", c.At(4, 9)), ("endsAt", c.At(4, 10)));

        e = endpoints.Single(x => x.Name == "POST /api/shifts/{id}/cancel");
        b = e.ValidBody!;
        Impossible(e, b, "an empty reason", ("reason", ""));
        Impossible(e, b, "a blank reason", ("reason", "    "));
        Impossible(e, b, "a 501-character reason", ("reason", new string('r', 501)));

        e = endpoints.Single(x => x.Name == "POST /api/shifts/{id}/reassign");
        b = e.ValidBody!;
        Impossible(e, b, "from and to the same volunteer", ("fromVolunteerId", scene.Holder), ("toVolunteerId", scene.Holder));
        Impossible(e, b, "from a volunteer who holds no seat", [409], ("fromVolunteerId", Fresh()));
        Impossible(e, b, "to the current holder from someone else", [409], ("fromVolunteerId", Fresh()), ("toVolunteerId", scene.Holder));
        Impossible(e, b, "a 501-character reason", ("reason", new string('r', 501)));

        e = endpoints.Single(x => x.Name == "POST /api/shifts/{id}/claims");
        Add("impossible-value", e, "a coordinator naming nobody", () => Json("{}"), Status400);

        e = endpoints.Single(x => x.Name == "POST /api/shifts/{id}/check-ins");
        b = e.ValidBody!;
        Impossible(e, b, "a volunteer who holds no seat", [409], ("volunteerId", Fresh()));
        Add("impossible-value", e, "a coordinator naming nobody", () => Json("{}"), Status400);

        e = endpoints.Single(x => x.Name == "POST /api/shifts/{id}/no-shows");
        b = e.ValidBody!;
        Impossible(e, b, "before the shift started", [409], ("volunteerId", scene.Holder));
        Impossible(e, b, "a volunteer who holds no seat", [409], ("volunteerId", Fresh()));
    }

    private void Impossible(Endpoint e, JsonObject body, string description, params (string Field, object? Value)[] changes) =>
        Impossible(e, body, description, Status400, changes);

    private void Impossible(Endpoint e, JsonObject body, string description, int[] expected, params (string Field, object? Value)[] changes)
    {
        var copy = (JsonObject)body.DeepClone();
        foreach (var (field, value) in changes)
        {
            if (value is null)
            {
                copy.Remove(field);
            }
            else
            {
                copy[field] = value as JsonNode ?? JsonSerializer.SerializeToNode(value, ShiftsApi.Json);
            }
        }

        AddJson("impossible-value", e, description, copy.ToJsonString(), expected);
    }

    /// <summary>Volunteers acting for someone else, or sending bad input to the endpoints they may call.</summary>
    private void TheWrongVolunteer(List<Endpoint> endpoints)
    {
        var claims = endpoints.Single(x => x.Name == "POST /api/shifts/{id}/claims");
        AddJson("volunteer", claims, "claiming for the holder", $$"""{"volunteerId":"{{scene.Holder}}"}""", [403], Sender.Volunteer);
        AddJson("volunteer", claims, "claiming for someone new", $$"""{"volunteerId":"{{Fresh()}}"}""", [403], Sender.Volunteer);
        AddJson("volunteer", claims, "malformed JSON", "{\"volunteerId\":", Status400, Sender.Volunteer);
        AddJson("volunteer", claims, "volunteerId = 42", "{\"volunteerId\":42}", Status400, Sender.Volunteer);
        AddJson("volunteer", claims, "an array", "[]", Status400, Sender.Volunteer);
        Add("volunteer", claims, "text/plain", () => Text("{}", "text/plain"), [415], Sender.Volunteer);
        Add("volunteer", claims, "for themself on an unknown shift", () => null, [404], Sender.Volunteer, path: $"/api/shifts/{Fresh()}/claims");
        Add("volunteer", claims, "an invalid shift id", () => null, Status400, Sender.Volunteer, path: $"/api/shifts/{InvalidGuid()}/claims");

        var release = endpoints.Single(x => x.Name.StartsWith("DELETE", StringComparison.Ordinal));
        Add("volunteer", release, "releasing the holder", () => null, [403], Sender.Volunteer);
        Add("volunteer", release, "an invalid volunteer id", () => null, Status400, Sender.Volunteer, path: $"/api/shifts/{Shift}/claims/{InvalidGuid()}");

        var checkIn = endpoints.Single(x => x.Name == "POST /api/shifts/{id}/check-ins");
        AddJson("volunteer", checkIn, "checking in the holder", $$"""{"volunteerId":"{{scene.Holder}}"}""", [403], Sender.Volunteer);
        Add("volunteer", checkIn, "checking in themself without a seat", () => null, [409], Sender.Volunteer);
        AddJson("volunteer", checkIn, "malformed JSON", "{\"volunteerId\"", Status400, Sender.Volunteer);
        AddJson("volunteer", checkIn, "volunteerId = true", "{\"volunteerId\":true}", Status400, Sender.Volunteer);

        foreach (var e in endpoints.Where(x => x.CoordinatorOnly))
        {
            Add("volunteer", e, "a valid body from a volunteer", () => Json(e.ValidBody!.ToJsonString()), [403], Sender.Volunteer);
        }
    }

    /// <summary>Some of the coordinator's bad requests to coordinator-only endpoints, sent by a volunteer instead: 403 first.</summary>
    private void SomeAsAVolunteer(List<Endpoint> endpoints)
    {
        var coordinatorOnly = endpoints.Where(e => e.CoordinatorOnly).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            if (r.Sender == Sender.Coordinator && coordinatorOnly.Contains(r.Endpoint) && random.Next(8) == 0)
            {
                // Routing refuses a body of the wrong media type (415) before authorization runs, so either answer is fine there.
                int[] expected = r.Category == "content-type" ? [403, 415] : [403];
                requests[i] = r with { Sender = Sender.Volunteer, Expected = expected, Description = r.Description + " (as a volunteer)" };
            }
        }
    }

    private void OneMegabyteBodies(Endpoint e)
    {
        var big = new string('x', OneMegabyte);
        switch (e.Name)
        {
            case "POST /api/conferences":
                Big(e, "a 1 MB name", With(e.ValidBody!, "name", JsonValue.Create(big)));
                Big(e, "a 1 MB role name", With(e.ValidBody!, "roles", new JsonArray(new JsonObject { ["name"] = big })));
                break;
            case "POST /api/shifts":
                Big(e, "a 1 MB title", With(e.ValidBody!, "title", JsonValue.Create(big)));
                Big(e, "a 1 MB startsAt", With(e.ValidBody!, "startsAt", JsonValue.Create(big)));
                break;
            case "PATCH /api/shifts/{id}":
                Big(e, "a 1 MB location", With(e.ValidBody!, "location", JsonValue.Create(big)));
                break;
            case "POST /api/shifts/{id}/cancel":
                Big(e, "a 1 MB reason", With(e.ValidBody!, "reason", JsonValue.Create(big)));
                break;
            case "POST /api/shifts/{id}/claims":
                Big(e, "a 1 MB volunteerId", With(e.ValidBody!, "volunteerId", JsonValue.Create(big)));
                // Nothing else is wrong with this one: only the size limit stands between it and a new claim.
                Big(e, "an otherwise valid claim padded with a 1 MB unknown member", With(e.ValidBody!, "padding", JsonValue.Create(big)));
                break;
            case "POST /api/shifts/{id}/reassign":
                Big(e, "a 1 MB reason", With(e.ValidBody!, "reason", JsonValue.Create(big)));
                break;
            case "POST /api/shifts/{id}/check-ins":
                Big(e, "a non-holder padded with a 1 MB unknown member",
                    new JsonObject { ["volunteerId"] = Fresh().ToString(), ["padding"] = big }.ToJsonString());
                break;
            case "POST /api/shifts/{id}/no-shows":
                Big(e, "a 1 MB array of volunteer ids", $$"""{"volunteerId":[{{string.Join(',', Enumerable.Repeat("\"" + scene.Holder + "\"", OneMegabyte / 40))}}]}""");
                break;
            default:
                // DELETE has no body: the same megabyte sent along must not be read, and must not hurt.
                break;
        }
    }

    private void Big(Endpoint e, string description, string json) => AddJson("one-megabyte", e, description, json, [413]);

    private static JsonObject Node(object value) => JsonSerializer.SerializeToNode(value, ShiftsApi.Json)!.AsObject();

    private static string With(JsonObject body, string field, JsonNode? value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[field] = value;
        return copy.ToJsonString();
    }

    private static KeyValuePair<string, string>[] Header(string name, string value) => [new(name, value)];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(string mediaType, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static ByteArrayContent Text(string text, string mediaType) => Bytes(mediaType, Encoding.UTF8.GetBytes(text));

    private static string Shorten(string text) =>
        text.Length <= 60 ? text : text[..57] + "...";
}
