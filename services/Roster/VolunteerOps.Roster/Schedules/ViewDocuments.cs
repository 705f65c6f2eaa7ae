using Marten;

namespace VolunteerOps.Roster.Schedules;

/// <summary>
/// Loads, changes and stores the per-volunteer views touched by one message, inside the consumer's
/// transaction. Optimistic concurrency on these documents (see RosterEventStore) turns two messages
/// changing the same volunteer at once into a retry instead of a lost update.
/// </summary>
public sealed class ViewDocuments(IDocumentSession session, CancellationToken ct)
{
    private readonly Changes<VolunteerSchedule> schedules = new(session, id => new VolunteerSchedule { Id = id });
    private readonly Changes<ReliabilityProfile> reliability = new(session, id => new ReliabilityProfile { Id = id });

    public Task Schedule(Guid volunteerId, Func<VolunteerSchedule, VolunteerSchedule> change) => schedules.Change(volunteerId, change, ct);

    public Task Reliability(Guid volunteerId, Func<ReliabilityProfile, ReliabilityProfile> change) => reliability.Change(volunteerId, change, ct);

    public void Save()
    {
        schedules.Save();
        reliability.Save();
    }

    /// <summary>Typed on purpose: Marten picks the storage (and insert or update) from the static type.</summary>
    private sealed class Changes<T>(IDocumentSession session, Func<Guid, T> create) where T : notnull
    {
        private readonly Dictionary<Guid, (T Doc, bool IsNew)> loaded = [];

        public async Task Change(Guid id, Func<T, T> change, CancellationToken ct)
        {
            if (!loaded.TryGetValue(id, out var entry))
            {
                var existing = await session.LoadAsync<T>(id, ct);
                entry = existing is null ? (create(id), true) : (existing, false);
            }

            loaded[id] = (change(entry.Doc), entry.IsNew);
        }

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
    }
}
