using Marten;
using VolunteerOps.ServiceDefaults.Json;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Volunteers;

namespace VolunteerOps.Shifts.Shifts.Listing;

public sealed record ShiftFilter(
    Guid? ConferenceId,
    string? Role,
    string? Location,
    string? From,
    string? To,
    string? Status,
    Guid? EligibleFor,
    int? Limit,
    int? Offset);

public static class ListShifts
{
    private static readonly string[] Statuses = ["open", "full", "cancelled", "all"];
    private const int MaxEligibilityCandidates = 5000;

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapGet("", async ([AsParameters] ShiftFilter filter, IQuerySession session, HttpContext http, TimeProvider clock) =>
            {
                var status = (filter.Status ?? (filter.EligibleFor is null ? "all" : "open")).ToLowerInvariant();
                var (from, to) = (QueryTimes.Parse(filter.From, "from"), QueryTimes.Parse(filter.To, "to"));
                new Validation()
                    .Check(Statuses.Contains(status), "status", "One of open, full, cancelled, all.")
                    .Text(filter.Role, "role", 1, 60, required: false)
                    .Text(filter.Location, "location", 1, 100, required: false)
                    .Range(filter.Limit, "limit", 1, 2000, required: false)
                    .Range(filter.Offset, "offset", 0, 1_000_000, required: false)
                    .Check(from is null || to is null || from < to, "to", "Must be after from.")
                    .ThrowIfInvalid();
                if (filter.EligibleFor is { } asked)
                {
                    http.Caller().ActingFor(asked);
                }

                var (offset, limit) = (filter.Offset ?? 0, filter.Limit ?? 500);
                if (filter.EligibleFor is not { } volunteer)
                {
                    var page = await Query(session, filter, status, from, to).Skip(offset).Take(limit).ToListAsync(http.RequestAborted);
                    return Results.Ok(page.Select(ShiftSummary.From));
                }

                // Eligibility is decided here, not in SQL, so the page is cut after it.
                var candidates = await Query(session, filter, status, from, to).Take(MaxEligibilityCandidates).ToListAsync(http.RequestAborted);
                var eligible = await EligibleOnly(session, candidates, volunteer, clock.GetUtcNow(), http.RequestAborted);
                return Results.Ok(eligible.Skip(offset).Take(limit).Select(ShiftSummary.From));
            })
            .RequireAuthorization(Policies.Reader);

    private static IQueryable<Shift> Query(IQuerySession session, ShiftFilter f, string status, DateTimeOffset? from, DateTimeOffset? to)
    {
        IQueryable<Shift> q = session.Query<Shift>();
        if (f.ConferenceId is { } conference)
        {
            q = q.Where(s => s.ConferenceId == conference);
        }

        if (f.Role is { } role)
        {
            q = q.Where(s => s.Role.Equals(role, StringComparison.OrdinalIgnoreCase));
        }

        if (f.Location is { } location)
        {
            q = q.Where(s => s.Location.Equals(location, StringComparison.OrdinalIgnoreCase));
        }

        if (from is { } after)
        {
            q = q.Where(s => s.EndsAt > after);
        }

        if (to is { } before)
        {
            q = q.Where(s => s.StartsAt < before);
        }

        q = status switch
        {
            "open" => q.Where(s => s.Status == ShiftStatus.Open),
            "full" => q.Where(s => s.Status == ShiftStatus.Full),
            "cancelled" => q.Where(s => s.Status == ShiftStatus.Cancelled),
            _ => q,
        };
        return q.OrderBy(s => s.StartsAt).ThenBy(s => s.Location);
    }

    /// <summary>Open shifts the volunteer could claim now: not started, qualified, not already theirs, not overlapping what they hold.</summary>
    private static async Task<List<Shift>> EligibleOnly(IQuerySession session, IReadOnlyList<Shift> shifts, Guid volunteer, DateTimeOffset now, CancellationToken ct)
    {
        var commitments = await session.LoadAsync<VolunteerCommitments>(VolunteerCommitments.StreamIdFor(volunteer), ct);
        var known = await session.LoadAsync<KnownVolunteer>(volunteer, ct);
        return shifts
            .Where(s => s.Status == ShiftStatus.Open && s.StartsAt > now && s.HolderOf(volunteer) is null && Eligibility.Allows(s, known))
            .Where(s => commitments?.FirstOverlap(s.StartsAt, s.EndsAt, s.Id) is null)
            .ToList();
    }
}
