using VolunteerOps.ServiceDefaults.Json;
using VolunteerOps.ServiceDefaults.Problems;

namespace VolunteerOps.Shifts.Coverage;

/// <summary>The query string of the coverage endpoints; times are strings so that one without an offset is refused, not guessed.</summary>
public sealed record CoverageQuery(Guid? ConferenceId, string? From, string? To, string? AsOf, int? Hours)
{
    /// <summary>Validates into a request, or throws a 400 problem naming every bad field.</summary>
    public CoverageRequest Parse(DateTimeOffset now)
    {
        var (from, to, asOf) = (QueryTimes.Parse(From, "from"), QueryTimes.Parse(To, "to"), QueryTimes.Parse(AsOf, "asOf"));
        new Validation()
            .Required(ConferenceId, "conferenceId")
            .Range(Hours, "hours", 1, CoverageRequest.MaxHours, required: false)
            .Check(from is null || to is null || from < to, "to", "Must be after from.")
            // The future has no events yet: a picture of it would only be a guess.
            .Check(asOf is null || asOf <= now, "asOf", "Must not be in the future.")
            .ThrowIfInvalid();
        return new CoverageRequest(ConferenceId!.Value, from, to, asOf, Hours ?? CoverageRequest.DefaultHours);
    }
}
