namespace VolunteerOps.Roster.Schedules;

/// <summary>What the Roster knows of a shift, from the Shifts service's events; Version gates their order.</summary>
public sealed record ShiftInfo
{
    public Guid Id { get; init; }
    public Guid ConferenceId { get; init; }
    public required string Role { get; init; }
    public required string Title { get; init; }
    public required string Location { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string? SessionRef { get; init; }
    public bool Cancelled { get; init; }
    public IReadOnlyList<Guid> Holders { get; init; } = [];

    /// <summary>The last shift-stream version applied here.</summary>
    public long AppliedVersion { get; init; }

    public double Hours => (EndsAt - StartsAt).TotalHours;
}

public sealed record ScheduleEntry(
    Guid ShiftId, Guid ConferenceId, string Role, string Title, string Location, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset? CheckedInAt = null, bool NoShow = false)
{
    public static ScheduleEntry For(ShiftInfo s) => new(s.Id, s.ConferenceId, s.Role, s.Title, s.Location, s.StartsAt, s.EndsAt);
}

/// <summary>One volunteer's held shifts.</summary>
public sealed record VolunteerSchedule
{
    public Guid Id { get; init; }
    public IReadOnlyList<ScheduleEntry> Shifts { get; init; } = [];

    public VolunteerSchedule With(ScheduleEntry entry) => this with { Shifts = [.. Shifts.Where(s => s.ShiftId != entry.ShiftId), entry] };

    public VolunteerSchedule Without(Guid shiftId) => this with { Shifts = [.. Shifts.Where(s => s.ShiftId != shiftId)] };

    public VolunteerSchedule Update(Guid shiftId, Func<ScheduleEntry, ScheduleEntry> change) =>
        this with { Shifts = [.. Shifts.Select(s => s.ShiftId == shiftId ? change(s) : s)] };
}

/// <summary>How reliably a volunteer turns up: the basis for coordinators' judgement, not a score.</summary>
public sealed record ReliabilityProfile
{
    /// <summary>A release less than this long before the start counts as late.</summary>
    public static readonly TimeSpan LateReleaseThreshold = TimeSpan.FromHours(24);

    public Guid Id { get; init; }
    public int Claims { get; init; }
    public int Releases { get; init; }
    public int LateReleases { get; init; }
    public IReadOnlyList<int> ReleaseLeadMinutes { get; init; } = [];
    public int ReassignedAway { get; init; }
    public int CheckIns { get; init; }
    public int NoShows { get; init; }

    public ReliabilityProfile Released(TimeSpan lead) => this with
    {
        Releases = Releases + 1,
        LateReleases = LateReleases + (lead < LateReleaseThreshold ? 1 : 0),
        ReleaseLeadMinutes = [.. ReleaseLeadMinutes, (int)Math.Round(lead.TotalMinutes)],
    };
}
