using System.Net;

namespace Roster.IntegrationTests.Volunteers;

/// <summary>POST /api/volunteers.</summary>
public class RegisterTests(RosterApi api) : IClassFixture<RosterApi>
{
    [Fact]
    public async Task A_coordinator_registers_anyone_with_201_a_location_and_the_default_preferences()
    {
        var email = RosterApi.UniqueEmail("ada");
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "Ada Lovelace", email, phone = "+14155550123", tshirtSize = "M" });

        await response.AssertStatus(HttpStatusCode.Created);
        var body = await response.Body();
        var id = body.GetProperty("id").GetGuid();
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal($"/api/volunteers/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Ada Lovelace", body.GetProperty("name").GetString());
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal("+14155550123", body.GetProperty("phone").GetString());
        Assert.Equal("M", body.GetProperty("tshirtSize").GetString());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Empty(body.GetProperty("qualifications").EnumerateArray());
        var feed = body.GetProperty("calendarFeedUrl").GetString()!;
        Assert.StartsWith($"/api/volunteers/{id}/schedule.ics?key=", feed);
        Assert.True(feed.Length > $"/api/volunteers/{id}/schedule.ics?key=".Length, "the feed URL carries a key");
        var preferences = body.GetProperty("preferences");
        Assert.Equal(["inApp", "email"], preferences.GetProperty("channels").Strings());
        Assert.Equal([1440, 60], preferences.GetProperty("reminderLeadMinutes").Ints());

        var stored = await api.Profile(id);
        Assert.Equal("Ada Lovelace", stored.GetProperty("name").GetString());
        Assert.Equal(feed, stored.GetProperty("calendarFeedUrl").GetString());
    }

    [Fact]
    public async Task A_coordinator_may_choose_the_id()
    {
        var id = Guid.CreateVersion7();

        var body = await api.Register(id);

        Assert.Equal(id, body.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_volunteer_registers_themself_under_their_token_subject()
    {
        var self = Guid.CreateVersion7();
        using var client = api.Volunteer(self);

        var response = await client.Send(HttpMethod.Post, "/api/volunteers", new { name = "Grace Hopper", email = RosterApi.UniqueEmail("grace") });

        await response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(self, (await response.Body()).GetProperty("id").GetGuid());
        Assert.Equal($"/api/volunteers/{self}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_volunteer_naming_their_own_id_registers_themself()
    {
        var self = Guid.CreateVersion7();
        using var client = api.Volunteer(self);

        var response = await client.Send(HttpMethod.Post, "/api/volunteers", new { id = self, name = "Grace Hopper", email = RosterApi.UniqueEmail("grace") });

        await response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(self, (await response.Body()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_volunteer_registering_another_id_is_403()
    {
        var other = Guid.CreateVersion7();
        using var client = api.Volunteer(Guid.CreateVersion7());

        var response = await client.Send(HttpMethod.Post, "/api/volunteers", new { id = other, name = "Someone Else", email = RosterApi.UniqueEmail() });

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, await api.StreamVersion(other));
    }

    public static TheoryData<string, string?> InvalidFields => new()
    {
        { "name", "" },
        { "name", "   " },
        { "name", new string('n', 201) },
        { "name", null },
        { "email", "not-an-email" },
        { "email", "ada@localhost" },
        { "email", "ada lovelace@example.org" },
        { "email", "" },
        { "email", null },
        { "phone", "4155550123" },
        { "phone", "+04155550123" },
        { "phone", "+1 415 555 0123" },
        { "phone", "+1234567890123456" },
        { "phone", "" },
        { "tshirtSize", "XXXL" },
        { "tshirtSize", "4XL" },
        { "tshirtSize", "medium" },
        { "tshirtSize", "" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_is_400_naming_the_field(string field, string? value)
    {
        var id = Guid.CreateVersion7();
        var body = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["name"] = "Katie Bouman",
            ["email"] = RosterApi.UniqueEmail("katie"),
            ["phone"] = "+14155550123",
            ["tshirtSize"] = "L",
        };
        body[field] = value;
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, "/api/volunteers", body);

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField(field);
        Assert.Equal(0, await api.StreamVersion(id));
    }

    [Theory]
    [InlineData("XS")]
    [InlineData("S")]
    [InlineData("M")]
    [InlineData("L")]
    [InlineData("XL")]
    [InlineData("XXL")]
    [InlineData("3XL")]
    public async Task Every_tshirt_size_from_XS_to_3XL_is_accepted(string size)
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "Sized", email = RosterApi.UniqueEmail(), tshirtSize = size });

        await response.AssertStatus(HttpStatusCode.Created);
        Assert.Equal(size, (await response.Body()).GetProperty("tshirtSize").GetString());
    }

    [Fact]
    public async Task A_name_of_200_characters_is_accepted()
    {
        var name = new string('n', 200);

        var body = await api.Register(name: name);

        Assert.Equal(name, body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_same_email_in_another_case_is_409_duplicate_email()
    {
        var local = "dup-" + Guid.NewGuid().ToString("N");
        await api.Register(email: $"{local}@example.org");
        var second = Guid.CreateVersion7();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { id = second, name = "Copy", email = $"{local.ToUpperInvariant()}@Example.ORG" });

        await response.AssertProblem(HttpStatusCode.Conflict, "duplicate-email");
        Assert.Equal(0, await api.StreamVersion(second));
        Assert.Equal(1, await api.VolunteersWithEmail($"{local}@example.org"));
    }

    [Fact]
    public async Task The_same_id_twice_is_409_already_registered()
    {
        var id = Guid.CreateVersion7();
        await api.Register(id, email: RosterApi.UniqueEmail("first"));
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { id, name = "Again", email = RosterApi.UniqueEmail("second") });

        await response.AssertProblem(HttpStatusCode.Conflict, "already-registered");
        Assert.Equal(1, await api.StreamVersion(id));
    }

    [Fact]
    public async Task Registering_the_same_volunteer_twice_with_the_same_details_is_409_already_registered()
    {
        var self = Guid.CreateVersion7();
        var body = new { name = "Twice Over", email = RosterApi.UniqueEmail("twice") };
        using var client = api.Volunteer(self);
        await (await client.Send(HttpMethod.Post, "/api/volunteers", body)).AssertStatus(HttpStatusCode.Created);

        var response = await client.Send(HttpMethod.Post, "/api/volunteers", body);

        // The id is the identity: a repeated registration of the same person is "already registered",
        // not "someone else has this email".
        await response.AssertProblem(HttpStatusCode.Conflict, "already-registered");
    }

    [Fact]
    public async Task Anonymous_is_401()
    {
        using var anonymous = api.Anonymous();
        var email = RosterApi.UniqueEmail();

        var response = await anonymous.Send(HttpMethod.Post, "/api/volunteers", new { name = "Nobody", email });

        await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await api.VolunteersWithEmail(email));
    }

    [Fact]
    public async Task A_viewer_is_403()
    {
        using var viewer = api.Viewer();
        var email = RosterApi.UniqueEmail();

        var response = await viewer.Send(HttpMethod.Post, "/api/volunteers", new { name = "Looker", email });

        await response.AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(0, await api.VolunteersWithEmail(email));
    }

    [Fact]
    public async Task A_missing_body_is_400_not_5xx()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, "/api/volunteers", Http.JsonContent("null"));

        await response.AssertProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_malformed_request()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Post, "/api/volunteers", Http.JsonContent("{\"name\": "));

        await response.AssertProblem(HttpStatusCode.BadRequest, "malformed-request");
    }
}
