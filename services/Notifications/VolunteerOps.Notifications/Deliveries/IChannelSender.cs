using VolunteerOps.Notifications.Inbox;

namespace VolunteerOps.Notifications.Deliveries;

/// <summary>Sends one delivery attempt over one channel; an exception counts as a failed attempt.</summary>
public interface IChannelSender
{
    string Channel { get; }

    Task<SendOutcome> Send(Delivery delivery, Notification notification, CancellationToken ct);
}

public sealed record SendOutcome(bool Succeeded, string Detail);
