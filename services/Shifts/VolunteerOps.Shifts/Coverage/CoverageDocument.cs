namespace VolunteerOps.Shifts.Coverage;

/// <summary>How one shift stands: below its minimum, at or above it with seats left, every seat taken, or called off.</summary>
public enum CoverageStatus
{
    Understaffed,
    Open,
    Full,
    Cancelled,
}

/// <summary>A shift on the board: the shift summary fields, with a status that tells under-staffed from merely open.</summary>
public sealed record CoverageShift(
    Guid Id,
    string Role,
    string Title,
    string Location,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int Minimum,
    int Filled,
    CoverageStatus Status);

public sealed record CoverageTotals(int Shifts, int Capacity, int Filled, int Minimum, int Understaffed);

public sealed record RoleCoverage(string Role, int Shifts, int Capacity, int Filled, int Minimum, int Understaffed);

public sealed record LocationCoverage(string Location, int Shifts, int Capacity, int Filled, int Minimum, int Understaffed);

/// <summary>Hour: the start of a UTC hour; a shift counts in the hour it starts in.</summary>
public sealed record HourCoverage(DateTimeOffset Hour, int Shifts, int Capacity, int Filled, int Minimum, int Understaffed);

/// <summary>
/// GET /api/coverage. Cancelled shifts are listed (so a board can show them struck through) but count
/// nowhere else. AsOf is present only for a picture of the past.
/// </summary>
public sealed record CoverageDocument(
    Guid ConferenceId,
    DateTimeOffset? AsOf,
    DateTimeOffset GeneratedAt,
    CoverageTotals Totals,
    IReadOnlyList<RoleCoverage> ByRole,
    IReadOnlyList<LocationCoverage> ByLocation,
    IReadOnlyList<HourCoverage> ByHour,
    IReadOnlyList<CoverageShift> Shifts,
    IReadOnlyList<CoverageShift> Understaffed);
