using Marten;
using VolunteerOps.Roster.Volunteers;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Roster.Schedules.GettingRoster;

public sealed record RosterHolder(Guid VolunteerId, string? Name);

public sealed record RosterEntry(
    Guid ShiftId, string Role, string Title, string? SessionRef, string Location, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<RosterHolder> Holders);

/// <summary>Who holds each shift of a conference: who chairs and who runs each session.</summary>
public static class GetRoster
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/roster", async (Guid? conferenceId, string? role, HttpContext http, IQuerySession session) =>
            {
                new Validation().Required(conferenceId, "conferenceId").Text(role, "role", 1, 60, required: false).ThrowIfInvalid();
                var query = session.Query<ShiftInfo>().Where(s => s.ConferenceId == conferenceId && !s.Cancelled);
                if (role is not null)
                {
                    query = query.Where(s => s.Role.Equals(role, StringComparison.OrdinalIgnoreCase));
                }

                var shifts = await query.OrderBy(s => s.StartsAt).Take(5000).ToListAsync(http.RequestAborted);
                var ids = shifts.SelectMany(s => s.Holders).Distinct().ToArray();
                var names = (await session.LoadManyAsync<Volunteer>(http.RequestAborted, ids)).ToDictionary(v => v.Id, v => v.Name);
                return Results.Ok(shifts.Select(s => new RosterEntry(s.Id, s.Role, s.Title, s.SessionRef, s.Location, s.StartsAt, s.EndsAt,
                    [.. s.Holders.Select(h => new RosterHolder(h, names.GetValueOrDefault(h)))])));
            })
            .WithTags("Roster")
            .RequireAuthorization(Policies.Coordinator);
}
