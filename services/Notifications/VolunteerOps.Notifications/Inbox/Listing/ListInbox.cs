using Marten;
using VolunteerOps.ServiceDefaults.Json;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Notifications.Inbox.Listing;

public sealed record InboxQuery(bool? UnreadOnly, Guid? VolunteerId, string? Before, int? Limit);

public static class ListInbox
{
    public static void Map(IEndpointRouteBuilder notifications) =>
        notifications.MapGet("", async ([AsParameters] InboxQuery query, IQuerySession session, HttpContext http) =>
            {
                var before = QueryTimes.Parse(query.Before, "before");
                new Validation().Range(query.Limit, "limit", 1, 200, required: false).ThrowIfInvalid();
                var recipients = InboxAccess.Readable(http.Caller(), query.VolunteerId);

                var q = session.Query<Notification>().Where(n => recipients.Contains(n.Recipient));
                if (query.UnreadOnly == true)
                {
                    q = q.Where(n => n.ReadAt == null);
                }

                if (before is { } cursor)
                {
                    q = q.Where(n => n.CreatedAt < cursor);
                }

                var page = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                    .Take(query.Limit ?? 50).ToListAsync(http.RequestAborted);
                return Results.Ok(page.Select(InboxItem.From));
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);
}
