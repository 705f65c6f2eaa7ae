using VolunteerOps.EventSourcing;
using VolunteerOps.Shifts.Commitments;

namespace VolunteerOps.Shifts.Shifts;

/// <summary>Every rule a shift command can break, with the contract's problem type slugs.</summary>
public static class ShiftRefusals
{
    public static DomainRefusal Full(Shift s) =>
        new("shift-full", "The shift is full.", $"All {s.Capacity} seats of '{s.Title}' are taken.");

    public static DomainRefusal Cancelled(Shift s) =>
        new("shift-cancelled", "The shift is cancelled.", $"'{s.Title}' was cancelled.");

    public static DomainRefusal SignupClosed(Shift s) =>
        new("signup-closed", "Claims for this shift have closed.", $"Claims closed when the shift started at {s.StartsAt:O}.");

    public static DomainRefusal Overlapping(Guid volunteerId, Commitment other) =>
        new DomainRefusal("overlapping-shift", "The volunteer already holds an overlapping shift.",
                $"Volunteer {volunteerId} holds shift {other.ShiftId} from {other.StartsAt:O} to {other.EndsAt:O}.")
            .With("conflictingShiftId", other.ShiftId);

    public static DomainRefusal ReleaseCutoffPassed(Shift s) =>
        new("release-cutoff-passed", "It is too late to release this shift.",
            $"Volunteers may release until {s.ReleaseCutoffMinutes} minutes before the start; ask a coordinator.");

    public static DomainRefusal NotAHolder(Guid volunteerId) =>
        new("not-a-holder", "The volunteer does not hold this shift.", $"Volunteer {volunteerId} holds no seat on this shift.");

    public static DomainRefusal AlreadyAHolder(Guid volunteerId) =>
        new("already-a-holder", "The volunteer already holds this shift.", $"Volunteer {volunteerId} already holds a seat on this shift.");

    public static DomainRefusal CheckInClosed(Shift s) =>
        new("check-in-closed", "Check-in is not open.", $"Volunteers check in from 30 minutes before {s.StartsAt:O} until {s.EndsAt:O}.");

    public static DomainRefusal NotStarted(Shift s) =>
        new("shift-not-started", "The shift has not started.", $"No-shows can be marked from {s.StartsAt:O}.");

    public static DomainRefusal AlreadyCheckedIn(Guid volunteerId) =>
        new("already-checked-in", "The volunteer has checked in.", $"Volunteer {volunteerId} checked in, so is not a no-show.");

    public static DomainRefusal CapacityBelowHolders(Shift s, int capacity) =>
        new("capacity-below-holders", "The new capacity is below the number of holders.",
            $"{s.Filled} volunteers hold seats; release or reassign some before shrinking to {capacity}.");
}
