using System.Net;

namespace Roster.IntegrationTests.Volunteers;

/// <summary>PUT /api/volunteers/{id}/preferences.</summary>
public class PreferencesTests(RosterApi api) : IClassFixture<RosterApi>
{
    [Fact]
    public async Task Valid_preferences_are_200_and_the_profile_shows_them()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", new
        {
            channels = new[] { "inApp", "webhook" },
            webhookUrl = "https://hooks.example.org/volunteerops",
            reminderLeadMinutes = new[] { 30, 10080, 1 },
        });

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2, response.ETagVersion());
        var preferences = (await api.Profile(id)).GetProperty("preferences");
        Assert.Equal(["inApp", "webhook"], preferences.GetProperty("channels").Strings());
        Assert.Equal("https://hooks.example.org/volunteerops", preferences.GetProperty("webhookUrl").GetString());
        Assert.Equal([1, 30, 10080], preferences.GetProperty("reminderLeadMinutes").Ints().Order());
        Assert.Equal(
            (await response.Body()).GetProperty("preferences").GetRawText(),
            preferences.GetRawText());
    }

    [Fact]
    public async Task A_volunteer_sets_their_own_preferences()
    {
        var id = await api.NewVolunteer();
        using var self = api.Volunteer(id);

        var response = await self.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", new { channels = new[] { "email" }, reminderLeadMinutes = new[] { 120 } });

        await response.AssertStatus(HttpStatusCode.OK);
        var preferences = (await api.Profile(id)).GetProperty("preferences");
        Assert.Equal(["email"], preferences.GetProperty("channels").Strings());
        Assert.Equal([120], preferences.GetProperty("reminderLeadMinutes").Ints());
    }

    public static TheoryData<string> ValidBodies => new()
    {
        """{"channels":["inApp"],"reminderLeadMinutes":[60]}""",
        """{"channels":["email","inApp"],"reminderLeadMinutes":[1,10080]}""",
        """{"channels":["webhook"],"webhookUrl":"http://hooks.example.org/x","reminderLeadMinutes":[1440]}""",
        """{"channels":["inApp","email","webhook"],"webhookUrl":"https://hooks.example.org/x","reminderLeadMinutes":[5,15,60,1440,10080]}""",
        """{"channels":[],"reminderLeadMinutes":[60]}""",
    };

    [Theory]
    [MemberData(nameof(ValidBodies))]
    public async Task A_valid_combination_is_200(string json)
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", Http.JsonContent(json));

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2, await api.StreamVersion(id));
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"channels":["sms"]}""", "channels" },
        { """{"channels":["Email"]}""", "channels" },
        { """{"channels":["email","email"]}""", "channels" },
        { """{"channels":[null]}""", "channels" },
        { """{"channels":["webhook"]}""", "webhookUrl" },
        { """{"channels":["webhook"],"webhookUrl":"/hooks/relative"}""", "webhookUrl" },
        { """{"channels":["webhook"],"webhookUrl":"ftp://hooks.example.org/x"}""", "webhookUrl" },
        { """{"channels":["webhook"],"webhookUrl":"not a url"}""", "webhookUrl" },
        { """{"channels":["email"],"webhookUrl":"mailto:someone@example.org"}""", "webhookUrl" },
        { """{"channels":["webhook"],"webhookUrl":"https://hooks.example.org/""" + new string('x', 500) + "\"}", "webhookUrl" },
        { """{"channels":["email"],"reminderLeadMinutes":[0]}""", "reminderLeadMinutes" },
        { """{"channels":["email"],"reminderLeadMinutes":[-60]}""", "reminderLeadMinutes" },
        { """{"channels":["email"],"reminderLeadMinutes":[10081]}""", "reminderLeadMinutes" },
        { """{"channels":["email"],"reminderLeadMinutes":[60,60]}""", "reminderLeadMinutes" },
        { """{"channels":["email"],"reminderLeadMinutes":[1,2,3,4,5,6]}""", "reminderLeadMinutes" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_combination_is_400_naming_the_field(string json, string field)
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", Http.JsonContent(json));

        (await response.AssertProblem(HttpStatusCode.BadRequest, "validation")).AssertNamesField(field);
        Assert.Equal(1, await api.StreamVersion(id));
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_stale_version_and_changes_nothing()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();
        await (await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", new { channels = new[] { "email" } }, ifMatch: "\"1\""))
            .AssertStatus(HttpStatusCode.OK);

        var response = await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", new { channels = new[] { "inApp" } }, ifMatch: "\"1\"");

        await response.AssertProblem(HttpStatusCode.PreconditionFailed, "stale-version");
        Assert.Equal(2, await api.StreamVersion(id));
        Assert.Equal(["email"], (await api.Profile(id)).GetProperty("preferences").GetProperty("channels").Strings());
    }

    [Fact]
    public async Task The_current_If_Match_is_accepted()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", new { channels = new[] { "email" } }, ifMatch: "\"1\"");

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(2, response.ETagVersion());
    }

    [Fact]
    public async Task A_malformed_If_Match_is_400()
    {
        var id = await api.NewVolunteer();
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", new { channels = new[] { "email" } }, ifMatch: "\"abc\"");

        await response.AssertProblem(HttpStatusCode.BadRequest, "invalid-if-match");
        Assert.Equal(1, await api.StreamVersion(id));
    }

    [Fact]
    public async Task Another_volunteer_is_403()
    {
        var id = await api.NewVolunteer();
        using var other = api.Volunteer(await api.NewVolunteer());

        var response = await other.Send(HttpMethod.Put, $"/api/volunteers/{id}/preferences", new { channels = new[] { "email" } });

        await response.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(1, await api.StreamVersion(id));
    }

    [Fact]
    public async Task An_unknown_volunteer_is_404()
    {
        using var coordinator = api.Coordinator();

        var response = await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{Guid.CreateVersion7()}/preferences", new { channels = new[] { "email" } });

        await response.AssertProblem(HttpStatusCode.NotFound, "not-found");
    }
}
