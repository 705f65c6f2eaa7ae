using Marten;
using VolunteerOps.EventSourcing;
using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Shifts.Conferences;
using VolunteerOps.Shifts.Coverage.Signals;

namespace VolunteerOps.Shifts.Shifts.Scheduling;

public sealed record ScheduleShiftRequest(
    Guid? ConferenceId,
    string? Role,
    string? Title,
    string? Location,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? Capacity,
    int? Minimum,
    string? SessionRef,
    string? Notes);

public static class ScheduleShiftDecider
{
    public static void Validate(ScheduleShiftRequest r) =>
        new Validation()
            .Required(r.ConferenceId, "conferenceId")
            .Text(r.Role, "role", 1, 60)
            .Text(r.Title, "title", 1, 200)
            .Text(r.Location, "location", 1, 100)
            .Text(r.SessionRef, "sessionRef", 1, 100, required: false)
            .Text(r.Notes, "notes", 0, 2000, required: false)
            .CheckShape(r.StartsAt, r.EndsAt, r.Capacity, r.Minimum)
            .ThrowIfInvalid();

    /// <summary>The minimum defaults to the capacity: a shift is under-staffed until every seat is taken.</summary>
    public static ShiftScheduled Decide(Conference? conference, ScheduleShiftRequest r, Guid shiftId, string by, DateTimeOffset now)
    {
        if (conference is null)
        {
            throw new DomainRefusal("unknown-conference", "The conference does not exist.", $"No conference {r.ConferenceId}.", 422);
        }

        var role = conference.FindRole(r.Role!)
            ?? throw new DomainRefusal("unknown-role", "The conference has no such role.",
                $"Roles of '{conference.Name}': {string.Join(", ", conference.Roles.Select(x => x.Name))}.", 422);
        ShiftRules.EnsureWithinConference(conference, r.StartsAt!.Value, r.EndsAt!.Value);

        return new ShiftScheduled(shiftId, conference.Id, role.Name, r.Title!.Trim(), r.Location!.Trim(), r.StartsAt.Value, r.EndsAt!.Value,
            r.Capacity!.Value, r.Minimum ?? r.Capacity.Value, r.SessionRef?.Trim(), r.Notes, conference.ReleaseCutoffMinutes, by, now,
            role.RequiredQualification);
    }

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapPost("", (ScheduleShiftRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                Validate(request);
                return runner.Run(http, request, async session =>
                {
                    var conference = await session.LoadAsync<Conference>(request.ConferenceId!.Value, http.RequestAborted);
                    var scheduled = Decide(conference, request, Guid.CreateVersion7(), http.Caller().Subject, clock.GetUtcNow());
                    session.Events.StartStream<Shift>(scheduled.ShiftId, scheduled);
                    CoverageSignal.NotifyOnCommit(session, scheduled.ConferenceId);
                    return CommandResponse.Created(ShiftDetails.From(Shift.Create(scheduled), 1), $"/api/shifts/{scheduled.ShiftId}", 1);
                });
            })
            .RequireAuthorization(Policies.Coordinator);
}
