using System.Net.Http.Headers;
using System.Text.Json;
using VolunteerOps.Notifications.Inbox;

namespace Notifications.IntegrationTests;

/// <summary>GET /api/notifications/stream: new notifications arrive as server-sent events, old ones do not.</summary>
public class InboxStreamTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task A_new_notification_arrives_on_the_open_stream()
    {
        var volunteer = await host.Volunteer(channels: ["inApp"]);
        var earlier = await host.Shift(host.Now.AddDays(2), title: "Before the stream opened");
        await host.Claim(earlier, volunteer);
        await host.WaitForKind(volunteer, NotificationKinds.ClaimConfirmed);

        using var client = host.Service.AsVolunteer(volunteer);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/notifications/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var shift = await host.Shift(host.Now.AddDays(2), title: "After the stream opened");
        await host.Claim(shift, volunteer);

        var (id, data) = await NextEvent(reader, timeout.Token);
        var notification = JsonDocument.Parse(data).RootElement;
        Assert.Equal("You're on: After the stream opened", notification.GetProperty("title").GetString());
        Assert.Equal(notification.GetProperty("id").GetString(), id);
    }

    /// <summary>Reads up to the next "notification" event; keep-alive comments and the retry hint are skipped.</summary>
    private static async Task<(string Id, string Data)> NextEvent(StreamReader reader, CancellationToken ct)
    {
        var (id, data, name) = ("", "", "");
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (name == "notification")
                {
                    return (id, data);
                }

                (id, data, name) = ("", "", "");
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        throw new InvalidOperationException("The stream ended without a notification.");
    }
}
