using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Testing;
using static Notifications.IntegrationTests.NotificationsHost;

namespace Notifications.IntegrationTests;

/// <summary>The inbox endpoints: who sees what, reading, filtering, and refusals as problem details.</summary>
public class InboxApiTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task Marking_read_is_idempotent_and_unreadOnly_hides_what_was_read()
    {
        var (volunteer, shift) = (await host.Volunteer(channels: ["inApp"]), await host.Shift(host.Now.AddDays(2)));
        await host.Claim(shift, volunteer);
        var id = (await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed))[0].GetProperty("id").GetGuid();
        using var client = host.Service.AsVolunteer(volunteer);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        var readAt = (await host.Inbox(volunteer))[0].GetProperty("readAt").GetDateTimeOffset();
        host.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);

        Assert.Equal(readAt, (await host.Inbox(volunteer))[0].GetProperty("readAt").GetDateTimeOffset());
        Assert.Empty(await host.Inbox(volunteer, "?unreadOnly=true"));
    }

    [Fact]
    public async Task The_inbox_is_newest_first_and_pages_with_limit_and_before()
    {
        var volunteer = await host.Volunteer(channels: ["inApp"]);
        for (var claims = 1; claims <= 3; claims++)
        {
            var shift = await host.Shift(host.Now.AddDays(2));
            await host.Claim(shift, volunteer);
            await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed, claims);
            host.Advance(TimeSpan.FromMinutes(1));
        }

        var all = await host.Inbox(volunteer);
        var times = all.Select(n => n.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        var firstPage = await host.Inbox(volunteer, "?limit=2");
        Assert.Equal(2, firstPage.Length);
        var before = Uri.EscapeDataString(firstPage[1].GetProperty("createdAt").GetString()!);
        var rest = await host.Inbox(volunteer, $"?before={before}");
        Assert.Equal(all[2].GetProperty("id").GetGuid(), Assert.Single(rest).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Nobody_reads_or_marks_another_volunteers_notifications_but_coordinators_may_look()
    {
        var (owner, stranger) = (await host.Volunteer(channels: ["inApp"]), await host.Volunteer());
        await host.Claim(await host.Shift(host.Now.AddDays(2)), owner);
        var id = (await host.WaitForKind(owner, NotificationKinds.ClaimConfirmed))[0].GetProperty("id").GetGuid();
        using var strangerClient = host.Service.AsVolunteer(stranger);
        using var coordinator = host.Service.AsCoordinator();

        await AssertProblem(await strangerClient.GetAsync($"/api/notifications?volunteerId={owner}"), HttpStatusCode.Forbidden);
        await AssertProblem(await strangerClient.PostAsync($"/api/notifications/{id}/read", null), HttpStatusCode.NotFound);
        await AssertProblem(await coordinator.PostAsync($"/api/notifications/{id}/read", null), HttpStatusCode.NotFound);
        var seen = await coordinator.GetFromJsonAsync<JsonElement[]>($"/api/notifications?volunteerId={owner}", TestHttp.Json);
        Assert.Equal(id, Assert.Single(seen!).GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("/api/notifications?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/notifications?limit=201", HttpStatusCode.BadRequest)]
    [InlineData("/api/notifications?before=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/api/notifications?unreadOnly=maybe", HttpStatusCode.BadRequest)]
    [InlineData("/api/notifications?volunteerId=not-a-guid", HttpStatusCode.BadRequest)]
    [InlineData("/api/notifications/not-a-guid/read", HttpStatusCode.BadRequest)]
    [InlineData("/api/notifications/deliveries", HttpStatusCode.Forbidden)]
    public async Task Bad_requests_get_problem_details(string path, HttpStatusCode expected)
    {
        using var client = host.Service.AsVolunteer(Guid.CreateVersion7());
        var response = path.EndsWith("/read", StringComparison.Ordinal) ? await client.PostAsync(path, null) : await client.GetAsync(path);
        await AssertProblem(response, expected);
    }

    [Fact]
    public async Task Anonymous_callers_and_viewers_are_refused()
    {
        using var anonymous = host.Service.Anonymous();
        using var viewer = host.Service.AsViewer();

        await AssertProblem(await anonymous.GetAsync("/api/notifications"), HttpStatusCode.Unauthorized);
        await AssertProblem(await viewer.GetAsync("/api/notifications"), HttpStatusCode.Forbidden);
        await AssertProblem(await viewer.GetAsync("/api/notifications/stream"), HttpStatusCode.Forbidden);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("https://volunteerops.dev/problems/", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }
}
