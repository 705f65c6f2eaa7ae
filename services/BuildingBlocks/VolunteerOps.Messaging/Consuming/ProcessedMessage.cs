namespace VolunteerOps.Messaging.Consuming;

/// <summary>"This consumer has handled this message", stored in the same transaction as the handling.</summary>
public sealed record ProcessedMessage(string Id, DateTimeOffset ProcessedAt);
