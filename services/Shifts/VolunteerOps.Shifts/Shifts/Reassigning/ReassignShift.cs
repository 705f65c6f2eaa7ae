using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Volunteers;

namespace VolunteerOps.Shifts.Shifts.Reassigning;

public sealed record ReassignRequest(Guid? FromVolunteerId, Guid? ToVolunteerId, string? Reason);

public sealed record ReassignShift(Guid From, Guid To, string? Reason, string By);

public static class ReassignShiftDecider
{
    /// <summary>One event moves the seat from A to B; B is checked exactly like a claim (a coordinator's claim).</summary>
    public static IReadOnlyList<IShiftEvent> Decide(Shift shift, VolunteerCommitments? toCommitments, ReassignShift command, DateTimeOffset now)
    {
        if (shift.Cancelled)
        {
            throw ShiftRefusals.Cancelled(shift);
        }

        if (shift.HolderOf(command.From) is null)
        {
            throw ShiftRefusals.NotAHolder(command.From);
        }

        if (shift.HolderOf(command.To) is not null)
        {
            throw ShiftRefusals.AlreadyAHolder(command.To);
        }

        if (toCommitments?.FirstOverlap(shift.StartsAt, shift.EndsAt, shift.Id) is { } other)
        {
            throw ShiftRefusals.Overlapping(command.To, other);
        }

        return [new ShiftReassigned(shift.Id, command.From, command.To, command.Reason, command.By, now, OverrodeSignupClosed: now >= shift.StartsAt)];
    }

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapPost("{id}/reassign", (Guid id, ReassignRequest request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                new Validation()
                    .Required(request.FromVolunteerId, "fromVolunteerId")
                    .Required(request.ToVolunteerId, "toVolunteerId")
                    .Check(request.FromVolunteerId != request.ToVolunteerId, "toVolunteerId", "Must differ from fromVolunteerId.")
                    .Text(request.Reason, "reason", 1, 500, required: false)
                    .ThrowIfInvalid();
                var command = new ReassignShift(request.FromVolunteerId!.Value, request.ToVolunteerId!.Value, request.Reason?.Trim(), http.Caller().Subject);
                return runner.Run(http, request, async session =>
                {
                    var locked = await LockedShift.Lock(session, id, [command.From, command.To], http.ExpectedVersion(), http.RequestAborted);
                    var events = Decide(locked.Shift, locked.CommitmentsOf(command.To), command, clock.GetUtcNow());
                    Eligibility.Ensure(locked.Shift, command.To, locked.VolunteerOf(command.To));
                    var after = locked.Append(events);
                    return CommandResponse.Ok(ShiftDetails.From(after, locked.VersionAfter(events)), locked.VersionAfter(events));
                });
            })
            .RequireAuthorization(Policies.Coordinator);
}
