using MassTransit;

namespace VolunteerOps.Contracts;

/// <summary>
/// Every integration event comes from one event stream and carries that stream's version, so a consumer
/// can apply a stream's messages in order and recognise a redelivered one.
/// </summary>
[ExcludeFromTopology]
public interface IStreamMessage
{
    Guid StreamId { get; }

    long Version { get; }
}
