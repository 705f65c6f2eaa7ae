using Marten;

namespace VolunteerOps.Notifications.Storage;

/// <summary>Document rows locked for the caller's transaction (which must have begun).</summary>
public static class RowLocks
{
    /// <summary>
    /// Due rows nobody else holds: FOR UPDATE SKIP LOCKED hands each row to exactly one of the instances
    /// polling at once, and to another one only if this transaction rolls back.
    /// </summary>
    /// <param name="condition">SQL over the document table's duplicated columns, with ? for <paramref name="parameters"/>.</param>
    public static async Task<IReadOnlyList<T>> Due<T>(
        IDocumentSession session, string condition, string orderBy, int limit, CancellationToken ct, params object[] parameters)
        where T : notnull =>
        await session.QueryAsync<T>(
            $"select data from {Table<T>(session)} where {condition} order by {orderBy} limit {limit} for update skip locked", ct, parameters);

    /// <summary>One row, waiting for whoever holds it, so that what the caller decides from it stays true until commit.</summary>
    public static async Task<T?> ById<T>(IDocumentSession session, Guid id, CancellationToken ct)
        where T : notnull =>
        (await session.QueryAsync<T>($"select data from {Table<T>(session)} where id = ? for update", ct, id)).SingleOrDefault();

    private static string Table<T>(IDocumentSession session) where T : notnull =>
        session.DocumentStore.Options.Schema.For<T>();
}
