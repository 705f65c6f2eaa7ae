using Marten;
using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Conferences.Creating;

public sealed record CreateConferenceRequest(
    string? Name,
    string? TimeZone,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<RoleRequest?>? Roles,
    int? ReleaseCutoffMinutes);

public sealed record RoleRequest(string? Name, string? RequiredQualification);

public static class CreateConference
{
    public const int DefaultReleaseCutoffMinutes = 120;

    public static ConferenceCreated Decide(CreateConferenceRequest request, Guid id, string by, DateTimeOffset now)
    {
        var v = new Validation()
            .Text(request.Name, "name", 1, 200)
            .Required(request.StartsOn, "startsOn")
            .Required(request.EndsOn, "endsOn")
            .Range(request.ReleaseCutoffMinutes, "releaseCutoffMinutes", 0, 7 * 24 * 60, required: false)
            .Check(request.Roles is { Count: > 0 and <= 50 }, "roles", "Between 1 and 50 roles.");
        v.Check(TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone ?? "", out _), "timeZone", "Must be an IANA time zone such as America/Los_Angeles.");
        if (request is { StartsOn: { } s, EndsOn: { } e })
        {
            v.Check(e >= s && e.DayNumber - s.DayNumber <= 31, "endsOn", "Must be on or after startsOn, at most 31 days later.");
            v.Check(s.Year is >= 2000 and <= 2100, "startsOn", "Must be in the years 2000 to 2100.");
        }

        foreach (var (role, i) in (request.Roles ?? []).Select((r, i) => (r, i)))
        {
            v.Text(role?.Name, $"roles[{i}].name", 1, 60).Text(role?.RequiredQualification, $"roles[{i}].requiredQualification", 1, 100, required: false);
        }

        var names = (request.Roles ?? []).Select(r => r?.Name?.Trim().ToUpperInvariant()).ToList();
        v.Check(names.Distinct().Count() == names.Count, "roles", "Role names must be unique.");
        v.ThrowIfInvalid();

        return new ConferenceCreated(
            id,
            request.Name!.Trim(),
            request.TimeZone!,
            request.StartsOn!.Value,
            request.EndsOn!.Value,
            request.Roles!.Select(r => new RoleDefinition(r!.Name!.Trim(), r.RequiredQualification?.Trim())).ToList(),
            request.ReleaseCutoffMinutes ?? DefaultReleaseCutoffMinutes,
            by,
            now);
    }

    public static void Map(IEndpointRouteBuilder conferences) =>
        conferences.MapPost("", (CreateConferenceRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
                runner.Run(http, request, session =>
                {
                    var created = Decide(request, Guid.CreateVersion7(), http.Caller().Subject, clock.GetUtcNow());
                    session.Events.StartStream<Conference>(created.ConferenceId, created);
                    var conference = Conference.Create(created);
                    return Task.FromResult(CommandResponse.Created(conference, $"/api/conferences/{conference.Id}", 1));
                }))
            .RequireAuthorization(Policies.Coordinator);
}
