using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.Shifts.Commitments;
using VolunteerOps.Shifts.Conferences;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.UnitTests;

/// <summary>
/// Given(events) / When(command) / Then(events or refusal) for the pure deciders. Everything is fixed:
/// ids, times, and the conference, so a test reads the same every run.
/// </summary>
internal static class DeciderSpec
{
    public static readonly Guid ShiftId = Guid.Parse("0193f2a0-0000-7000-8000-00000000a001");
    public static readonly Guid OtherShiftId = Guid.Parse("0193f2a0-0000-7000-8000-00000000a002");
    public static readonly Guid ConferenceId = Guid.Parse("0193f2a0-0000-7000-8000-00000000c001");
    public static readonly Guid Alice = Guid.Parse("0193f2a0-0000-7000-8000-0000000000a1");
    public static readonly Guid Bob = Guid.Parse("0193f2a0-0000-7000-8000-0000000000b2");
    public static readonly Guid Carol = Guid.Parse("0193f2a0-0000-7000-8000-0000000000c3");

    public const string CoordinatorSub = "coordinator-1";

    /// <summary>The shift under test runs 16:00 to 17:00 UTC on the conference's middle day.</summary>
    public static readonly DateTimeOffset Start = new(2027, 5, 14, 16, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = Start.AddHours(1);
    public static readonly DateTimeOffset ScheduledAt = new(2027, 4, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A conference 13-15 May 2027 in Berlin: its window is 2027-05-12T22:00Z to 2027-05-15T22:00Z.</summary>
    public static readonly Conference DevConf = new(
        ConferenceId, "DevConf", "Europe/Berlin", new DateOnly(2027, 5, 13), new DateOnly(2027, 5, 15),
        [new RoleDefinition("session-chair", "chair-briefing"), new RoleDefinition("registration-desk", null)],
        ReleaseCutoffMinutes: 120);

    public static string Sub(Guid volunteerId) => volunteerId.ToString();

    // ---- Given: shift events -------------------------------------------------------------------

    public static Shift Given(params IShiftEvent[] events) =>
        events.Aggregate((Shift?)null, Shift.Fold) ?? throw new InvalidOperationException("Given needs a ShiftScheduled first.");

    public static ShiftScheduled Scheduled(
        int capacity = 2, int? minimum = null, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null, int releaseCutoffMinutes = 120) =>
        new(ShiftId, ConferenceId, "session-chair", "Chair: Keynote", "Ballroom", startsAt ?? Start, endsAt ?? End,
            capacity, minimum ?? capacity, null, null, releaseCutoffMinutes, CoordinatorSub, ScheduledAt);

    public static ShiftClaimed Claimed(Guid volunteerId, DateTimeOffset? at = null) =>
        new(ShiftId, volunteerId, Sub(volunteerId), at ?? Start.AddDays(-1), false);

    public static VolunteerCheckedIn CheckedIn(Guid volunteerId, DateTimeOffset at) => new(ShiftId, volunteerId, Sub(volunteerId), at, false);

    public static VolunteerMarkedNoShow MarkedNoShow(Guid volunteerId, DateTimeOffset at) => new(ShiftId, volunteerId, CoordinatorSub, at);

    public static ShiftCancelled Cancelled(params Guid[] released) => new(ShiftId, "Room flooded", released, CoordinatorSub, Start.AddDays(-2));

    // ---- Given: a volunteer's commitments --------------------------------------------------------

    /// <summary>Folds commitment events exactly as the VolunteerCommitments snapshot does.</summary>
    public static VolunteerCommitments? Commitments(params object[] events) =>
        events.Aggregate((VolunteerCommitments?)null, (state, e) => (state, e) switch
        {
            (null, CommitmentMade made) => VolunteerCommitments.Create(made),
            ({ } s, CommitmentMade made) => s.Apply(made),
            ({ } s, CommitmentDropped dropped) => s.Apply(dropped),
            ({ } s, CommitmentMoved moved) => s.Apply(moved),
            _ => throw new ArgumentException($"Cannot fold {e.GetType().Name} onto {(state is null ? "nothing" : "commitments")}.", nameof(events)),
        });

    /// <summary>The volunteer holds one other shift, from..to.</summary>
    public static VolunteerCommitments HoldsOtherShift(Guid volunteerId, DateTimeOffset from, DateTimeOffset to) =>
        Commitments(new CommitmentMade(volunteerId, OtherShiftId, from, to))!;

    // ---- Then ------------------------------------------------------------------------------------

    public static void Then(IReadOnlyList<IShiftEvent> actual, params IShiftEvent[] expected) =>
        Assert.Equal<IShiftEvent>(expected, actual);

    public static void ThenNothing(IReadOnlyList<IShiftEvent> actual) => Assert.Empty(actual);

    /// <summary>Runs the decision and returns the problem it refused with, checking its slug and status.</summary>
    public static ProblemException ThenRefused(Func<object> when, string slug, int status = 409)
    {
        var problem = Assert.ThrowsAny<ProblemException>(() => when());
        Assert.Equal(slug, problem.Slug);
        Assert.Equal(status, problem.Status);
        return problem;
    }

    /// <summary>A 400 validation failure naming exactly these fields.</summary>
    public static void ThenInvalid(Func<object> when, params string[] fields)
    {
        var problem = ThenRefused(when, "validation", 400);
        Assert.NotNull(problem.Errors);
        Assert.Equal(fields.Order(StringComparer.Ordinal), problem.Errors.Keys.Order(StringComparer.Ordinal));
    }

    public static T Single<T>(IReadOnlyList<IShiftEvent> events)
        where T : IShiftEvent => Assert.IsType<T>(Assert.Single(events));
}
