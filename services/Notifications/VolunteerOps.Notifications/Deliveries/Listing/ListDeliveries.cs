using Marten;
using VolunteerOps.Notifications.Recipients;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Notifications.Deliveries.Listing;

public sealed record DeliveryQuery(string? Status, string? Channel, Guid? VolunteerId, int? Limit);

public static class ListDeliveries
{
    public static void Map(IEndpointRouteBuilder notifications) =>
        notifications.MapGet("deliveries", async ([AsParameters] DeliveryQuery query, IQuerySession session, HttpContext http) =>
            {
                var status = query.Status is null ? (DeliveryStatus?)null
                    : Enum.TryParse<DeliveryStatus>(query.Status, ignoreCase: true, out var s) && !int.TryParse(query.Status, out _) ? s : null;
                new Validation()
                    .Check(query.Status is null || status is not null, "status", "One of pending, delivered, failed.")
                    .Check(query.Channel is null or ChannelNames.Email or ChannelNames.Webhook, "channel", "One of email, webhook.")
                    .Range(query.Limit, "limit", 1, 500, required: false)
                    .ThrowIfInvalid();

                var q = session.Query<Delivery>().AsQueryable();
                if (status is { } wanted)
                {
                    q = q.Where(d => d.Status == wanted);
                }

                if (query.Channel is { } channel)
                {
                    q = q.Where(d => d.Channel == channel);
                }

                if (query.VolunteerId is { } volunteer)
                {
                    var recipient = volunteer.ToString();
                    q = q.Where(d => d.Recipient == recipient);
                }

                var page = await q.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(query.Limit ?? 100).ToListAsync(http.RequestAborted);
                return Results.Ok(page.Select(DeliveryView.From));
            })
            .RequireAuthorization(Policies.Coordinator);
}
