using VolunteerOps.Shifts.Shifts;

namespace VolunteerOps.Shifts.Coverage;

/// <summary>
/// What a coverage document is about: the conference, an optional window on start times (From inclusive,
/// To exclusive), the moment it describes (AsOf; null means now) and how far ahead "needs people soon" looks.
/// </summary>
public sealed record CoverageRequest(Guid ConferenceId, DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset? AsOf, int Hours)
{
    public const int DefaultHours = 3;
    public const int MaxHours = 168;
}

/// <summary>Pure: shifts in, the coverage document out. No clock of its own, no database.</summary>
public static class CoverageAggregation
{
    /// <summary>
    /// Cancelled, else full (no seat left), else under-staffed (below its minimum), else open. The minimum never
    /// exceeds the capacity, so a full shift is never also under-staffed.
    /// </summary>
    public static CoverageStatus StatusOf(Shift shift) =>
        shift.Cancelled ? CoverageStatus.Cancelled
        : shift.Filled >= shift.Capacity ? CoverageStatus.Full
        : shift.Filled < shift.Minimum ? CoverageStatus.Understaffed
        : CoverageStatus.Open;

    /// <summary>
    /// The document for the given shifts (all of the conference's; the window is applied here). Understaffed
    /// lists the shifts below their minimum that start within the next Hours of AsOf (or of generatedAt).
    /// Every breakdown partitions the same not-cancelled shifts, so each one sums to the totals.
    /// </summary>
    public static CoverageDocument Build(CoverageRequest request, IEnumerable<Shift> shifts, DateTimeOffset generatedAt)
    {
        var listed = shifts
            .Where(s => (request.From is not { } from || s.StartsAt >= from) && (request.To is not { } to || s.StartsAt < to))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Location, StringComparer.Ordinal).ThenBy(s => s.Title, StringComparer.Ordinal).ThenBy(s => s.Id)
            .Select(s => new CoverageShift(s.Id, s.Role, s.Title, s.Location, s.StartsAt, s.EndsAt, s.Capacity, s.Minimum, s.Filled, StatusOf(s)))
            .ToList();
        var counted = listed.Where(s => s.Status != CoverageStatus.Cancelled).ToList();

        var moment = request.AsOf ?? generatedAt;
        var horizon = moment.AddHours(request.Hours);
        var soon = counted.Where(s => s.Status == CoverageStatus.Understaffed && s.StartsAt >= moment && s.StartsAt < horizon).ToList();

        var totals = Tally.Of(counted);
        return new CoverageDocument(
            request.ConferenceId,
            request.AsOf,
            generatedAt,
            new CoverageTotals(totals.Shifts, totals.Capacity, totals.Filled, totals.Minimum, totals.Understaffed),
            [.. By(counted, s => s.Role, StringComparer.Ordinal, (role, t) => new RoleCoverage(role, t.Shifts, t.Capacity, t.Filled, t.Minimum, t.Understaffed))],
            [.. By(counted, s => s.Location, StringComparer.Ordinal, (location, t) => new LocationCoverage(location, t.Shifts, t.Capacity, t.Filled, t.Minimum, t.Understaffed))],
            [.. By(counted, s => HourOf(s.StartsAt), Comparer<DateTimeOffset>.Default, (hour, t) => new HourCoverage(hour, t.Shifts, t.Capacity, t.Filled, t.Minimum, t.Understaffed))],
            listed,
            soon);
    }

    /// <summary>The start of the UTC hour the moment falls in.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerHour), TimeSpan.Zero);
    }

    private static IEnumerable<TRow> By<TKey, TRow>(
        IEnumerable<CoverageShift> shifts, Func<CoverageShift, TKey> key, IComparer<TKey> order, Func<TKey, Tally, TRow> row)
        where TKey : notnull =>
        shifts.GroupBy(key).OrderBy(g => g.Key, order).Select(g => row(g.Key, Tally.Of(g)));

    private readonly record struct Tally(int Shifts, int Capacity, int Filled, int Minimum, int Understaffed)
    {
        public static Tally Of(IEnumerable<CoverageShift> shifts) => shifts.Aggregate(default(Tally), (t, s) => new Tally(
            t.Shifts + 1, t.Capacity + s.Capacity, t.Filled + s.Filled, t.Minimum + s.Minimum,
            t.Understaffed + (s.Status == CoverageStatus.Understaffed ? 1 : 0)));
    }
}
