using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using VolunteerOps.Notifications.Signals;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Notifications.Inbox.Streaming;

/// <summary>
/// Server-sent events: one "notification" event per new inbox entry, its id the notification id, so a
/// client reconnecting with Last-Event-ID gets what it missed. A comment every 15 s keeps proxies from
/// closing an idle stream.
/// </summary>
public static class StreamInbox
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    // Notifications commit in roughly, not exactly, the order of their times: look back this far each time.
    private static readonly TimeSpan CommitSkew = TimeSpan.FromSeconds(5);

    public static void Map(IEndpointRouteBuilder notifications) =>
        notifications.MapGet("stream", async (
                Guid? volunteerId, HttpContext http, IQuerySession session, PostgresSignals signals, TimeProvider clock, IOptions<JsonOptions> json) =>
            {
                var ct = http.RequestAborted;
                var recipients = InboxAccess.Readable(http.Caller(), volunteerId);
                using var subscription = signals.SubscribeInbox(recipients);

                var window = new SentWindow(clock.GetUtcNow() - CommitSkew);
                if (Guid.TryParse(http.Request.Headers["Last-Event-ID"], out var lastSeen)
                    && await session.LoadAsync<Notification>(lastSeen, ct) is { } last && recipients.Contains(last.Recipient))
                {
                    window = new SentWindow(last.CreatedAt - CommitSkew);
                    window.Add(last);
                }
                else
                {
                    // What exists already is history (GET /api/notifications), not news.
                    foreach (var n in await NewSince(session, recipients, window.Since, ct))
                    {
                        window.Add(n);
                    }
                }

                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["X-Accel-Buffering"] = "no";
                await http.Response.WriteAsync("retry: 2000\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                try
                {
                    while (!ct.IsCancellationRequested)
                    {
                        foreach (var n in (await NewSince(session, recipients, window.Since, ct)).Where(window.Add))
                        {
                            var data = JsonSerializer.Serialize(InboxItem.From(n), json.Value.SerializerOptions);
                            await http.Response.WriteAsync($"id: {n.Id}\nevent: notification\ndata: {data}\n\n", ct);
                        }

                        window.Slide(CommitSkew);
                        await http.Response.Body.FlushAsync(ct);
                        if (!await subscription.Changed.Wait(KeepAlive, ct))
                        {
                            await http.Response.WriteAsync(": keep-alive\n\n", ct);
                        }
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // The client went away.
                }
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);

    private static Task<IReadOnlyList<Notification>> NewSince(IQuerySession session, IReadOnlyList<string> recipients, DateTimeOffset since, CancellationToken ct) =>
        session.Query<Notification>()
            .Where(n => recipients.Contains(n.Recipient) && n.CreatedAt >= since)
            .OrderBy(n => n.CreatedAt)
            .Take(500)
            .ToListAsync(ct);

    /// <summary>The notifications already sent that a query from Since can still return; it moves forward as news arrives.</summary>
    private sealed class SentWindow(DateTimeOffset since)
    {
        private readonly Dictionary<Guid, DateTimeOffset> sent = [];

        public DateTimeOffset Since { get; private set; } = since;

        /// <summary>False when it was sent already.</summary>
        public bool Add(Notification n) => sent.TryAdd(n.Id, n.CreatedAt);

        public void Slide(TimeSpan skew)
        {
            if (sent.Count > 0 && sent.Values.Max() - skew > Since)
            {
                Since = sent.Values.Max() - skew;
                foreach (var old in sent.Where(s => s.Value < Since).Select(s => s.Key).ToList())
                {
                    sent.Remove(old);
                }
            }
        }
    }
}
