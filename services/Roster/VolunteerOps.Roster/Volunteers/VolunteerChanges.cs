using Marten;
using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;

namespace VolunteerOps.Roster.Volunteers;

/// <summary>
/// Changes one volunteer's stream: fetch at its current version (a concurrent writer makes the save fail
/// and the CommandRunner retry), honour If-Match, decide, append, and answer with the new profile.
/// </summary>
public static class VolunteerChanges
{
    public static async Task<CommandResponse> Change(
        IDocumentSession session, Guid volunteerId, long? expectedVersion, Func<Volunteer, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        if (volunteerId == Guid.Empty)
        {
            // Marten refuses an empty stream id outright; no volunteer can have it.
            throw ProblemException.NotFound($"No volunteer {volunteerId}.");
        }

        var stream = await session.Events.FetchForWriting<Volunteer>(volunteerId, ct);
        var volunteer = stream.Aggregate ?? throw ProblemException.NotFound($"No volunteer {volunteerId}.");
        var version = stream.StartingVersion ?? 0;
        StreamVersions.EnsureVersion(expectedVersion, version);

        var events = decide(volunteer);
        stream.AppendMany(events);
        var after = events.Aggregate(volunteer, Fold);
        return CommandResponse.Ok(VolunteerView.From(after, version + events.Count), version + events.Count);
    }

    public static Volunteer Fold(Volunteer state, object e) => e switch
    {
        NotificationPreferencesSet p => state.Apply(p),
        QualificationGranted g => state.Apply(g),
        QualificationRevoked r => state.Apply(r),
        VolunteerDeactivated d => state.Apply(d),
        _ => state,
    };
}
