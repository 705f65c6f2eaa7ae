using VolunteerOps.EventSourcing.Commands;
using VolunteerOps.EventSourcing.Http;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Volunteers;

namespace VolunteerOps.Shifts.Shifts.Claiming;

public sealed record ClaimRequest(Guid? VolunteerId);

public sealed record ClaimShift(Guid VolunteerId, string By, bool ByCoordinator);

public static class ClaimShiftDecider
{
    /// <summary>No events means the volunteer already holds the seat: the claim is answered, not repeated.</summary>
    public static IReadOnlyList<IShiftEvent> Decide(Shift shift, VolunteerCommitments? commitments, ClaimShift command, DateTimeOffset now)
    {
        if (shift.Cancelled)
        {
            throw ShiftRefusals.Cancelled(shift);
        }

        if (shift.HolderOf(command.VolunteerId) is not null)
        {
            return [];
        }

        var signupClosed = now >= shift.StartsAt;
        if (signupClosed && !command.ByCoordinator)
        {
            throw ShiftRefusals.SignupClosed(shift);
        }

        if (shift.Filled >= shift.Capacity)
        {
            throw ShiftRefusals.Full(shift);
        }

        if (commitments?.FirstOverlap(shift.StartsAt, shift.EndsAt, shift.Id) is { } other)
        {
            throw ShiftRefusals.Overlapping(command.VolunteerId, other);
        }

        return [new ShiftClaimed(shift.Id, command.VolunteerId, command.By, now, OverrodeSignupClosed: signupClosed)];
    }

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapPost("{id}/claims", async (Guid id, ClaimRequest? request, HttpContext http, CommandRunner runner, TimeProvider clock) =>
            {
                var caller = http.Caller();
                var volunteerId = caller.ActingFor(request?.VolunteerId);
                var outcome = ClaimOutcomes.Replayed; // unless the command runs: a stored answer to a repeated Idempotency-Key
                try
                {
                    var result = await runner.Run(http, request, async session =>
                    {
                        var locked = await LockedShift.Lock(session, id, [volunteerId], http.ExpectedVersion(), http.RequestAborted);
                        var command = new ClaimShift(volunteerId, caller.Subject, caller.IsCoordinator);
                        var events = Decide(locked.Shift, locked.CommitmentsOf(volunteerId), command, clock.GetUtcNow());
                        if (events.Count > 0)
                        {
                            // After the seat rules: a repeated claim answers with the seat, a cancelled shift says so.
                            Eligibility.Ensure(locked.Shift, volunteerId, locked.VolunteerOf(volunteerId));
                        }

                        var claim = ClaimView.From(id, locked.Append(events).HolderOf(volunteerId)!);
                        outcome = events.Count == 0 ? ClaimOutcomes.AlreadyHeld : ClaimOutcomes.Claimed;
                        return events.Count == 0
                            ? CommandResponse.Ok(claim, locked.Version)
                            : CommandResponse.Created(claim, $"/api/shifts/{id}/claims/{volunteerId}", locked.VersionAfter(events));
                    });
                    ClaimOutcomes.Record(outcome);
                    return result;
                }
                catch (ProblemException refusal)
                {
                    ClaimOutcomes.Record(refusal.Slug);
                    throw;
                }
            })
            .RequireAuthorization(Policies.VolunteerOrCoordinator);
}
