using Marten;

namespace VolunteerOps.Notifications.Signals;

/// <summary>
/// PostgreSQL NOTIFY channels, named after the store's schema so services sharing a database never hear
/// each other. A NOTIFY sent in a transaction is delivered when it commits, and only then: a listener
/// never hears of a notification it cannot read yet.
/// </summary>
public sealed class SignalChannels(IDocumentStore store)
{
    /// <summary>Payload: the recipient whose inbox has something new.</summary>
    public string Inbox { get; } = store.Options.DatabaseSchemaName + "_inbox";

    /// <summary>No payload: a delivery became due now.</summary>
    public string Deliveries { get; } = store.Options.DatabaseSchemaName + "_deliveries";

    /// <summary>
    /// NOTIFY rather than "select pg_notify(...)": a select's result set inside Marten's batch would be read by
    /// the next operation's callback. NOTIFY takes no parameters, so the payload is limited to id characters.
    /// </summary>
    public void NotifyOnCommit(IDocumentSession session, string channel, string payload = "")
    {
        if (!payload.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException("A signal payload is an id: letters, digits and dashes only.", nameof(payload));
        }

        session.QueueSqlCommand($"NOTIFY \"{channel}\", '{payload}'");
    }
}
