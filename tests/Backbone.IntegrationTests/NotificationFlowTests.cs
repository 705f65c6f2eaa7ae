using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VolunteerOps.Notifications.Inbox;
using VolunteerOps.Testing;

namespace Backbone.IntegrationTests;

/// <summary>
/// Every kind of notification, caused by a real HTTP request to the Shifts or Roster service and read from
/// the Notifications service's inbox, through RabbitMQ and all three services' stores.
/// </summary>
public class NotificationFlowTests(SystemUnderTest system) : IClassFixture<SystemUnderTest>
{
    private static readonly object InAppAnHourAhead = new { channels = new[] { "inApp" }, reminderLeadMinutes = new[] { 60 } };

    [Fact]
    public async Task Every_notification_kind_reaches_the_inbox_from_an_http_action()
    {
        _ = system.Notifications.Services;
        var conference = await system.CreateConference();
        var (ada, grace) = (await system.RegisterVolunteer(), await system.RegisterVolunteer());
        using var coordinator = system.Shifts.AsCoordinator();
        using var adaClient = system.Shifts.AsVolunteer(ada);
        // Early on the conference's first day, on both services' clocks (each host has its own fake one).
        var now = SystemUnderTest.Day1.AddHours(6);
        system.Shifts.Clock.SetUtcNow(now);
        system.Notifications.Clock.SetUtcNow(now);

        // Ada wants a reminder 60 minutes ahead; her shift starts in three hours and needs two people.
        using var roster = system.Roster.AsCoordinator();
        Assert.Equal(HttpStatusCode.OK, (await roster.PutAsJsonAsync($"/api/volunteers/{ada}/preferences", InAppAnHourAhead)).StatusCode);
        var soon = await Schedule(coordinator, conference, now.AddHours(3), capacity: 2);
        var later = await system.Schedule(conference, now.AddDays(1));
        var other = await system.Schedule(conference, now.AddDays(2));

        Assert.Equal(HttpStatusCode.Created, (await adaClient.PostAsync($"/api/shifts/{soon}/claims", null)).StatusCode);
        await WaitFor(ada, NotificationKinds.ClaimConfirmed);

        system.Notifications.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        await WaitFor(ada, NotificationKinds.ShiftReminder);
        await WaitForDesk(soon, NotificationKinds.ShiftUnderstaffed);

        Assert.Equal(HttpStatusCode.Created, (await adaClient.PostAsync($"/api/shifts/{later}/claims", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PatchAsJsonAsync($"/api/shifts/{later}", new { startsAt = now.AddDays(1).AddHours(2), endsAt = now.AddDays(1).AddHours(3) }, TestHttp.Json)).StatusCode);
        await WaitFor(ada, NotificationKinds.ShiftRescheduled);

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/shifts/{later}/reassign", new { fromVolunteerId = ada, toVolunteerId = grace, reason = "swap" })).StatusCode);
        await WaitFor(ada, NotificationKinds.ReassignedAway);
        await WaitFor(grace, NotificationKinds.ReassignedTo);

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/shifts/{later}/claims/{grace}")).StatusCode);
        await WaitFor(grace, NotificationKinds.ClaimReleased);

        Assert.Equal(HttpStatusCode.Created, (await adaClient.PostAsync($"/api/shifts/{other}/claims", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/shifts/{other}/cancel", new { reason = "room closed" })).StatusCode);
        await WaitFor(ada, NotificationKinds.ShiftCancelled);

        Assert.Equal(HttpStatusCode.OK, (await roster.PostAsJsonAsync($"/api/volunteers/{grace}/deactivate", new { reason = "moved away" })).StatusCode);
        await WaitFor(grace, NotificationKinds.VolunteerDeactivated);
    }

    private static async Task<Guid> Schedule(HttpClient coordinator, Guid conference, DateTimeOffset startsAt, int capacity)
    {
        var response = await coordinator.PostAsJsonAsync("/api/shifts", new
        {
            conferenceId = conference, role = "registration-desk", title = "Desk soon", location = "Hall S", startsAt, endsAt = startsAt.AddHours(1), capacity,
        }, TestHttp.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestHttp.Json)).GetProperty("id").GetGuid();
    }

    private async Task WaitFor(Guid volunteer, string kind)
    {
        using var client = system.Notifications.AsVolunteer(volunteer);
        await SystemUnderTest.Eventually(
            async () => (await client.GetFromJsonAsync<JsonElement[]>("/api/notifications", TestHttp.Json))!.Any(n => n.GetProperty("kind").GetString() == kind),
            $"{kind} reaches {volunteer}'s inbox");
    }

    private async Task WaitForDesk(Guid shift, string kind)
    {
        using var client = system.Notifications.AsCoordinator();
        await SystemUnderTest.Eventually(
            async () => (await client.GetFromJsonAsync<JsonElement[]>("/api/notifications", TestHttp.Json))!
                .Any(n => n.GetProperty("kind").GetString() == kind && n.GetProperty("cause").GetProperty("streamId").GetGuid() == shift),
            $"{kind} reaches the coordinators' inbox");
    }
}
