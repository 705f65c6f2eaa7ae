using Marten;
using VolunteerOps.Shifts.Shifts;

namespace VolunteerOps.Shifts.Coverage.Signals;

/// <summary>
/// The change signal: a PostgreSQL NOTIFY on "&lt;schema&gt;_coverage" whose payload is the conference id. Sent
/// inside the writing transaction, it is delivered when that commits and only then, so a listener never hears
/// of a change it cannot read yet, and never of one that rolled back. Named after the store's schema, so
/// services (and test classes) sharing a database never hear each other.
/// </summary>
public static class CoverageSignal
{
    public static string ChannelFor(string schema) => schema + "_coverage";

    /// <summary>The channel as a quoted SQL identifier, for LISTEN and NOTIFY.</summary>
    public static string Quoted(string channel) => "\"" + channel.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Check-ins and no-shows change who is there, not how many seats are taken: the board does not move.</summary>
    public static bool Changes(IShiftEvent e) => e is not (VolunteerCheckedIn or VolunteerMarkedNoShow);

    /// <summary>
    /// One more statement in the session's batch; PostgreSQL folds repeats within one transaction into one.
    /// NOTIFY rather than "select pg_notify(...)": a select returns a result set, and Marten's batch reads result
    /// sets by position, so the next operation (the shift's inline snapshot) would read ours as its own and fail.
    /// NOTIFY takes no parameters, but both parts are ours: the schema's name and a GUID.
    /// </summary>
    public static void NotifyOnCommit(IDocumentSession session, Guid conferenceId) =>
        session.QueueSqlCommand($"NOTIFY {Quoted(ChannelFor(session.DocumentStore.Options.DatabaseSchemaName))}, '{conferenceId:D}'");
}
