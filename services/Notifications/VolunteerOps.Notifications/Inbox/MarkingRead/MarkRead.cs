using Marten;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Notifications.Inbox.MarkingRead;

public static class MarkRead
{
    /// <summary>Idempotent: marking again keeps the first time it was read.</summary>
    public static void Map(IEndpointRouteBuilder notifications) =>
        notifications.MapPost("{id}/read", async (Guid id, IDocumentSession session, HttpContext http, TimeProvider clock) =>
            {
                var notification = await session.LoadAsync<Notification>(id, http.RequestAborted);
                if (notification is null || !InboxAccess.CanMarkRead(http.Caller(), notification))
                {
                    throw ProblemException.NotFound($"No notification {id} in your inbox.");
                }

                if (notification.ReadAt is null)
                {
                    session.Store(notification with { ReadAt = clock.GetUtcNow() });
                    await session.SaveChangesAsync(http.RequestAborted);
                }

                return Results.NoContent();
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);
}
