using System.Collections.Concurrent;
using Marten;

namespace Shifts.IntegrationTests.Endpoints;

/// <summary>
/// The Shifts service's local view of volunteers (a Marten document the Roster's events keep up to date over the
/// message bus, which these tests do not run), written directly. Found by name, because that part of the service is
/// being built while these tests are written: where the service has no such view, registering does nothing and every
/// volunteer may take shifts.
/// </summary>
public static class VolunteerRegistry
{
    public const string TypeName = "VolunteerOps.Shifts.Volunteers.KnownVolunteer";

    private static readonly Type? KnownVolunteer = typeof(Program).Assembly.GetType(TypeName);
    private static readonly ConcurrentDictionary<Guid, bool> Registered = new();

    /// <summary>Whether the service checks claims against volunteers it knows (422 unknown-volunteer, not-qualified).</summary>
    public static bool ServiceKnowsVolunteers => KnownVolunteer is not null;

    public static async Task Register(IDocumentStore store, Guid id, bool active = true, params string[] qualifications)
    {
        if (KnownVolunteer is null || !Registered.TryAdd(id, active))
        {
            return;
        }

        var document = Activator.CreateInstance(KnownVolunteer)!;
        KnownVolunteer.GetProperty("Id")!.SetValue(document, id);
        KnownVolunteer.GetProperty("Active")!.SetValue(document, active);
        KnownVolunteer.GetProperty("Qualifications")!.SetValue(document, qualifications.ToList());
        await using var session = store.LightweightSession();
        session.StoreObjects([document]);
        await session.SaveChangesAsync();
    }

    public static void SkipUnlessTheServiceKnowsVolunteers() =>
        Assert.SkipUnless(ServiceKnowsVolunteers,
            $"The Shifts service has no view of volunteers yet ({TypeName}): unknown-volunteer and not-qualified cannot be refused.");
}
