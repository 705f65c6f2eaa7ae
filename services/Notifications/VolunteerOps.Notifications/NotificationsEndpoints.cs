using VolunteerOps.Notifications.Deliveries.Listing;
using VolunteerOps.Notifications.Deliveries.Retrying;
using VolunteerOps.Notifications.Inbox.Listing;
using VolunteerOps.Notifications.Inbox.MarkingRead;
using VolunteerOps.Notifications.Inbox.Streaming;

namespace VolunteerOps.Notifications;

public static class NotificationsEndpoints
{
    public static WebApplication MapNotificationsEndpoints(this WebApplication app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Notifications");
        ListInbox.Map(notifications);
        MarkRead.Map(notifications);
        StreamInbox.Map(notifications);
        ListDeliveries.Map(notifications);
        RetryDelivery.Map(notifications);
        return app;
    }
}
