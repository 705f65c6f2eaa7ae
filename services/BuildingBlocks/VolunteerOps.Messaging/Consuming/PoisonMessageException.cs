namespace VolunteerOps.Messaging.Consuming;

/// <summary>A message that can never be handled: it goes to the _error queue at once, without retries.</summary>
public sealed class PoisonMessageException(string reason) : Exception(reason);

/// <summary>
/// Something this message depends on has not arrived yet (an earlier message of its stream, or of another
/// stream it refers to): retried patiently until it has, rather than sent to _error after the short budget.
/// </summary>
public class MessageNotYetApplicableException(string reason) : Exception(reason);

/// <summary>An earlier message of the same stream has not been handled yet.</summary>
public sealed class MessageOutOfOrderException(Guid streamId, long expected, long got)
    : MessageNotYetApplicableException($"Stream {streamId}: expected version {expected}, got {got}.");
