namespace VolunteerOps.Messaging.Consuming;

/// <summary>A message that can never be handled: it goes to the _error queue at once, without retries.</summary>
public sealed class PoisonMessageException(string reason) : Exception(reason);

/// <summary>An earlier message of the same stream has not been handled yet: retried with backoff until it has.</summary>
public sealed class MessageOutOfOrderException(Guid streamId, long expected, long got)
    : Exception($"Stream {streamId}: expected version {expected}, got {got}.");
