using Marten;
using VolunteerOps.Shifts.Volunteers;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>
/// Writes the Shifts service's local view of a volunteer directly, as if the Roster had announced them.
/// These tests run no Roster; the path Roster → RabbitMQ → Shifts is covered in Backbone.IntegrationTests.
/// </summary>
public static class VolunteerRegistry
{
    public static async Task Register(IDocumentStore store, Guid id, bool active = true, params string[] qualifications)
    {
        // Loaded first: the document uses optimistic concurrency, and a test may register someone twice.
        await using var session = store.LightweightSession();
        var known = await session.LoadAsync<KnownVolunteer>(id) ?? new KnownVolunteer { Id = id };
        session.Store(known with { Active = active, Qualifications = qualifications, AppliedVersion = 1 });
        await session.SaveChangesAsync();
    }

    /// <summary>Registers those not known yet; a volunteer already known keeps their qualifications.</summary>
    public static async Task EnsureKnown(IDocumentStore store, params IEnumerable<Guid> ids)
    {
        await using var session = store.LightweightSession();
        foreach (var id in ids)
        {
            if (await session.LoadAsync<KnownVolunteer>(id) is null)
            {
                session.Insert(new KnownVolunteer { Id = id, AppliedVersion = 1 });
            }
        }

        await session.SaveChangesAsync();
    }
}
