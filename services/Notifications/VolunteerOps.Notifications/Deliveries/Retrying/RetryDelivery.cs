using Marten;
using VolunteerOps.EventSourcing;
using VolunteerOps.Notifications.Signals;
using VolunteerOps.Notifications.Storage;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Notifications.Deliveries.Retrying;

public static class RetryDelivery
{
    /// <summary>A failed delivery gets a fresh round of attempts, the first one now, under the same idempotency key.</summary>
    public static void Map(IEndpointRouteBuilder notifications) =>
        notifications.MapPost("deliveries/{id}/retry", async (Guid id, IDocumentSession session, SignalChannels signals, HttpContext http, TimeProvider clock) =>
            {
                // Locked: a concurrent retry (or the worker sending it) finishes first, and this one sees its outcome.
                await session.BeginTransactionAsync(http.RequestAborted);
                var delivery = await RowLocks.ById<Delivery>(session, id, http.RequestAborted)
                    ?? throw ProblemException.NotFound($"No delivery {id}.");
                if (delivery.Status != DeliveryStatus.Failed)
                {
                    throw new DomainRefusal("delivery-not-failed", "Only a failed delivery can be retried.", $"Delivery {id} is {delivery.Status.ToString().ToLowerInvariant()}.");
                }

                var retried = delivery.Retried(clock.GetUtcNow());
                session.Store(retried);
                signals.NotifyOnCommit(session, signals.Deliveries);
                await session.SaveChangesAsync(http.RequestAborted);
                return Results.Accepted($"/api/notifications/deliveries?volunteerId={delivery.Recipient}", DeliveryView.From(retried));
            })
            .RequireAuthorization(Policies.Coordinator);
}
