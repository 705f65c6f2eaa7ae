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

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapGet("", async ([AsParameters] ShiftFilter filter, IQuerySession session, HttpContext http) =>
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

                var found = (await Query(session, filter, status, from, to).ToListAsync(http.RequestAborted)).ToList();
                if (filter.EligibleFor is { } volunteer)
                {
                    found = await EligibleOnly(session, found, volunteer, http.RequestAborted);
                }

                return Results.Ok(found.Select(ShiftSummary.From));
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
        return q.OrderBy(s => s.StartsAt).ThenBy(s => s.Location).Skip(f.Offset ?? 0).Take(f.Limit ?? 500);
    }

    /// <summary>Open shifts the volunteer could claim now: qualified, not already theirs, not overlapping what they hold.</summary>
    private static async Task<List<Shift>> EligibleOnly(IQuerySession session, List<Shift> shifts, Guid volunteer, CancellationToken ct)
    {
        var commitments = await session.LoadAsync<VolunteerCommitments>(VolunteerCommitments.StreamIdFor(volunteer), ct);
        var known = await session.LoadAsync<KnownVolunteer>(volunteer, ct);
        return shifts
            .Where(s => s.Status == ShiftStatus.Open && s.HolderOf(volunteer) is null && Eligibility.Allows(s, known))
            .Where(s => commitments?.FirstOverlap(s.StartsAt, s.EndsAt, s.Id) is null)
            .ToList();
    }
}
