using Marten;

namespace VolunteerOps.Roster.Schedules;

/// <summary>
/// Loads, changes and stores the per-volunteer views touched by one message, inside the consumer's
/// transaction. Optimistic concurrency on these documents (see RosterEventStore) turns two messages
/// changing the same volunteer at once into a retry instead of a lost update.
/// </summary>
public sealed class ViewDocuments(IDocumentSession session, CancellationToken ct)
{
    private readonly Dictionary<(Type, Guid), (object Doc, bool IsNew)> loaded = [];

    public Task Schedule(Guid volunteerId, Func<VolunteerSchedule, VolunteerSchedule> change) =>
        Change(volunteerId, () => new VolunteerSchedule { Id = volunteerId }, change);

    public Task Reliability(Guid volunteerId, Func<ReliabilityProfile, ReliabilityProfile> change) =>
        Change(volunteerId, () => new ReliabilityProfile { Id = volunteerId }, change);

    public void Save()
    {
        foreach (var (doc, isNew) in loaded.Values)
        {
            if (isNew)
            {
                session.Insert(doc);
            }
            else
            {
                session.Update(doc);
            }
        }
    }

    private async Task Change<T>(Guid id, Func<T> create, Func<T, T> change) where T : notnull
    {
        if (!loaded.TryGetValue((typeof(T), id), out var entry))
        {
            var existing = await session.LoadAsync<T>(id, ct);
            entry = existing is null ? (create(), true) : (existing, false);
        }

        loaded[(typeof(T), id)] = (change((T)entry.Doc), entry.IsNew);
    }
}
