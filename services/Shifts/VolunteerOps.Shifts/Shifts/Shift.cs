namespace VolunteerOps.Shifts.Shifts;

public enum ShiftStatus
{
    Open,
    Full,
    Cancelled,
}

public sealed record Holder(Guid VolunteerId, DateTimeOffset ClaimedAt, DateTimeOffset? CheckedInAt = null, DateTimeOffset? NoShowAt = null);

/// <summary>
/// A shift's state, folded from its events. Stored inline as a snapshot, so a contended claim reads one
/// row instead of replaying the stream. Status and Filled are stored for queries.
/// </summary>
public sealed record Shift
{
    public Guid Id { get; init; }
    public Guid ConferenceId { get; init; }
    public required string Role { get; init; }
    public required string Title { get; init; }
    public required string Location { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public int Capacity { get; init; }
    public int Minimum { get; init; }
    public string? SessionRef { get; init; }
    public string? Notes { get; init; }
    public int ReleaseCutoffMinutes { get; init; }

    /// <summary>Copied from the conference's role catalogue when the shift was scheduled.</summary>
    public string? RequiredQualification { get; init; }
    public bool Cancelled { get; init; }
    public IReadOnlyList<Holder> Holders { get; init; } = [];

    /// <summary>The stream version; Marten sets it when it stores the snapshot.</summary>
    public long Version { get; set; }

    public int Filled => Holders.Count;

    public ShiftStatus Status => Cancelled ? ShiftStatus.Cancelled : Filled >= Capacity ? ShiftStatus.Full : ShiftStatus.Open;

    public Holder? HolderOf(Guid volunteerId) => Holders.FirstOrDefault(h => h.VolunteerId == volunteerId);

    public bool Overlaps(DateTimeOffset startsAt, DateTimeOffset endsAt) => StartsAt < endsAt && startsAt < EndsAt;

    public static Shift Create(ShiftScheduled e) => new()
    {
        Id = e.ShiftId,
        ConferenceId = e.ConferenceId,
        Role = e.Role,
        Title = e.Title,
        Location = e.Location,
        StartsAt = e.StartsAt.ToUniversalTime(),
        EndsAt = e.EndsAt.ToUniversalTime(),
        Capacity = e.Capacity,
        Minimum = e.Minimum,
        SessionRef = e.SessionRef,
        Notes = e.Notes,
        ReleaseCutoffMinutes = e.ReleaseCutoffMinutes,
        RequiredQualification = e.RequiredQualification,
    };

    public Shift Apply(ShiftClaimed e) => this with { Holders = [.. Holders, new Holder(e.VolunteerId, e.ClaimedAt)] };

    public Shift Apply(ShiftReleased e) => Without(e.VolunteerId);

    public Shift Apply(ShiftReassigned e) =>
        this with { Holders = [.. Holders.Select(h => h.VolunteerId == e.FromVolunteerId ? new Holder(e.ToVolunteerId, e.ReassignedAt) : h)] };

    public Shift Apply(VolunteerCheckedIn e) => Update(e.VolunteerId, h => h with { CheckedInAt = e.CheckedInAt, NoShowAt = null });

    public Shift Apply(VolunteerMarkedNoShow e) => Update(e.VolunteerId, h => h with { NoShowAt = e.MarkedAt });

    public Shift Apply(ShiftRescheduled e) => this with { StartsAt = e.StartsAt.ToUniversalTime(), EndsAt = e.EndsAt.ToUniversalTime(), Location = e.Location, Title = e.Title };

    public Shift Apply(ShiftResized e) => this with { Capacity = e.Capacity, Minimum = e.Minimum };

    public Shift Apply(ShiftCancelled e) => this with { Cancelled = true, Holders = [] };

    /// <summary>The same fold Marten runs, for deciders, tests and as-of queries.</summary>
    public static Shift? Fold(Shift? state, IShiftEvent e) => e switch
    {
        ShiftScheduled s => Create(s),
        _ when state is null => null,
        ShiftClaimed c => state.Apply(c),
        ShiftReleased r => state.Apply(r),
        ShiftReassigned r => state.Apply(r),
        VolunteerCheckedIn c => state.Apply(c),
        VolunteerMarkedNoShow n => state.Apply(n),
        ShiftRescheduled r => state.Apply(r),
        ShiftResized r => state.Apply(r),
        ShiftCancelled c => state.Apply(c),
        _ => state,
    };

    private Shift Without(Guid volunteerId) => this with { Holders = [.. Holders.Where(h => h.VolunteerId != volunteerId)] };

    private Shift Update(Guid volunteerId, Func<Holder, Holder> change) =>
        this with { Holders = [.. Holders.Select(h => h.VolunteerId == volunteerId ? change(h) : h)] };
}
