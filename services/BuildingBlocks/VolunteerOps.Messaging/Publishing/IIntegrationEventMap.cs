using JasperFx.Events;

namespace VolunteerOps.Messaging.Publishing;

/// <summary>A service's mapping from its stored domain events to the integration events it publishes.</summary>
public interface IIntegrationEventMap
{
    /// <summary>The domain event types that are published; the subscription reads only these.</summary>
    IReadOnlyCollection<Type> PublishedEventTypes { get; }

    /// <summary>The contract message for a stored event, or null when it is not published.</summary>
    object? ToMessage(IEvent stored);
}
