using VolunteerOps.Shifts.Coverage;
using VolunteerOps.Shifts.Shifts;

namespace Shifts.UnitTests;

public class CoverageAggregationTests
{
    private static readonly Guid Conference = Guid.Parse("0193f2a0-0000-7000-8000-00000000c001");
    private static readonly DateTimeOffset Now = new(2027, 5, 14, 8, 0, 0, TimeSpan.Zero);

    private static int next;

    private static Shift ShiftOf(
        double startsInHours, int capacity, int filled, int? minimum = null, string role = "registration-desk", string location = "Hall A",
        bool cancelled = false, string title = "Desk") => new()
    {
        Id = Guid.CreateVersion7(),
        ConferenceId = Conference,
        Role = role,
        Title = title + " " + Interlocked.Increment(ref next),
        Location = location,
        StartsAt = Now.AddHours(startsInHours),
        EndsAt = Now.AddHours(startsInHours + 2),
        Capacity = capacity,
        Minimum = minimum ?? capacity,
        Cancelled = cancelled,
        Holders = [.. Enumerable.Range(0, filled).Select(_ => new Holder(Guid.CreateVersion7(), Now.AddDays(-1)))],
    };

    private static CoverageDocument Build(IEnumerable<Shift> shifts, DateTimeOffset? from = null, DateTimeOffset? to = null,
        DateTimeOffset? asOf = null, int hours = CoverageRequest.DefaultHours) =>
        CoverageAggregation.Build(new CoverageRequest(Conference, from, to, asOf, hours), shifts, Now);

    [Theory]
    [InlineData(3, 2, 0, CoverageStatus.Understaffed)]
    [InlineData(3, 2, 1, CoverageStatus.Understaffed)]
    [InlineData(3, 2, 2, CoverageStatus.Open)]
    [InlineData(3, 2, 3, CoverageStatus.Full)]
    [InlineData(2, 2, 1, CoverageStatus.Understaffed)]
    [InlineData(2, 0, 0, CoverageStatus.Open)]
    [InlineData(1, 1, 1, CoverageStatus.Full)]
    public void A_shift_is_understaffed_below_its_minimum_full_without_a_free_seat_and_open_otherwise(
        int capacity, int minimum, int filled, CoverageStatus expected)
    {
        Assert.Equal(expected, CoverageAggregation.StatusOf(ShiftOf(1, capacity, filled, minimum)));
    }

    [Fact]
    public void A_cancelled_shift_is_cancelled_whatever_its_numbers()
    {
        Assert.Equal(CoverageStatus.Cancelled, CoverageAggregation.StatusOf(ShiftOf(1, 3, 0, 2, cancelled: true)));
    }

    [Fact]
    public void Totals_add_up_the_shifts_that_are_not_cancelled()
    {
        var coverage = Build([ShiftOf(1, 3, 1, 2), ShiftOf(2, 2, 2), ShiftOf(5, 4, 3, 1), ShiftOf(1, 10, 0, 5, cancelled: true)]);

        Assert.Equal(new CoverageTotals(Shifts: 3, Capacity: 9, Filled: 6, Minimum: 5, Understaffed: 1), coverage.Totals);
    }

    [Fact]
    public void A_cancelled_shift_is_listed_as_cancelled_but_counted_nowhere()
    {
        var cancelled = ShiftOf(1, 10, 0, 5, role: "session-runner", location: "Annex", cancelled: true);

        var coverage = Build([ShiftOf(1, 3, 1, 2), cancelled]);

        Assert.Equal(CoverageStatus.Cancelled, coverage.Shifts.Single(s => s.Id == cancelled.Id).Status);
        Assert.DoesNotContain(coverage.ByRole, r => r.Role == "session-runner");
        Assert.DoesNotContain(coverage.ByLocation, l => l.Location == "Annex");
        Assert.Equal(1, Assert.Single(coverage.ByHour).Shifts);
        Assert.DoesNotContain(coverage.Understaffed, s => s.Id == cancelled.Id);
    }

    [Fact]
    public void By_role_groups_the_shifts_of_each_role_in_role_order()
    {
        var coverage = Build([
            ShiftOf(1, 3, 1, 2, role: "session-runner"),
            ShiftOf(2, 2, 2, role: "registration-desk"),
            ShiftOf(3, 4, 0, 1, role: "session-runner"),
        ]);

        Assert.Equal(
            [new RoleCoverage("registration-desk", 1, 2, 2, 2, 0), new RoleCoverage("session-runner", 2, 7, 1, 3, 2)],
            coverage.ByRole);
    }

    [Fact]
    public void By_location_groups_the_shifts_of_each_location_in_location_order()
    {
        var coverage = Build([
            ShiftOf(1, 3, 3, location: "Hall B"),
            ShiftOf(2, 2, 1, location: "Hall A"),
            ShiftOf(3, 4, 2, 2, location: "Hall B"),
        ]);

        Assert.Equal(
            [new LocationCoverage("Hall A", 1, 2, 1, 2, 1), new LocationCoverage("Hall B", 2, 7, 5, 5, 0)],
            coverage.ByLocation);
    }

    [Fact]
    public void By_hour_counts_a_shift_in_the_UTC_hour_it_starts_in()
    {
        var coverage = Build([ShiftOf(1, 3, 1, 2), ShiftOf(1.5, 2, 2), ShiftOf(3.25, 4, 0, 1)]);

        Assert.Equal(
            [new HourCoverage(Now.AddHours(1), 2, 5, 3, 4, 1), new HourCoverage(Now.AddHours(3), 1, 4, 0, 1, 1)],
            coverage.ByHour);
    }

    [Fact]
    public void Every_breakdown_sums_to_the_totals()
    {
        var coverage = Build([
            ShiftOf(1, 3, 1, 2, role: "session-runner", location: "Hall B"),
            ShiftOf(2.5, 2, 2, location: "Hall A"),
            ShiftOf(2.75, 4, 3, 1, role: "session-chair", location: "Hall C"),
            ShiftOf(30, 6, 0, 4, location: "Hall B"),
            ShiftOf(4, 6, 0, 4, location: "Hall B", cancelled: true),
        ]);

        var totals = coverage.Totals;
        Assert.Equal(totals, new CoverageTotals(coverage.ByRole.Sum(r => r.Shifts), coverage.ByRole.Sum(r => r.Capacity),
            coverage.ByRole.Sum(r => r.Filled), coverage.ByRole.Sum(r => r.Minimum), coverage.ByRole.Sum(r => r.Understaffed)));
        Assert.Equal(totals, new CoverageTotals(coverage.ByLocation.Sum(r => r.Shifts), coverage.ByLocation.Sum(r => r.Capacity),
            coverage.ByLocation.Sum(r => r.Filled), coverage.ByLocation.Sum(r => r.Minimum), coverage.ByLocation.Sum(r => r.Understaffed)));
        Assert.Equal(totals, new CoverageTotals(coverage.ByHour.Sum(r => r.Shifts), coverage.ByHour.Sum(r => r.Capacity),
            coverage.ByHour.Sum(r => r.Filled), coverage.ByHour.Sum(r => r.Minimum), coverage.ByHour.Sum(r => r.Understaffed)));
    }

    [Fact]
    public void The_hour_of_a_time_with_an_offset_is_the_start_of_its_UTC_hour()
    {
        var at = new DateTimeOffset(2027, 5, 14, 11, 45, 30, TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2027, 5, 14, 9, 0, 0, TimeSpan.Zero), CoverageAggregation.HourOf(at));
    }

    [Fact]
    public void Understaffed_lists_the_shifts_below_their_minimum_that_start_within_the_next_three_hours()
    {
        Shift started = ShiftOf(-0.5, 3, 0), soon = ShiftOf(0, 3, 1), later = ShiftOf(2.9, 3, 0, 2), tooLate = ShiftOf(3, 3, 0);
        Shift openSoon = ShiftOf(1, 3, 2, 2), fullSoon = ShiftOf(1, 2, 2), cancelledSoon = ShiftOf(1, 3, 0, cancelled: true);

        var coverage = Build([tooLate, later, openSoon, soon, started, fullSoon, cancelledSoon]);

        Assert.Equal([soon.Id, later.Id], coverage.Understaffed.Select(s => s.Id));
        Assert.All(coverage.Understaffed, s => Assert.Equal(CoverageStatus.Understaffed, s.Status));
        Assert.Equal(4, coverage.Totals.Understaffed);
    }

    [Fact]
    public void Understaffed_looks_as_far_ahead_as_asked()
    {
        Shift inFive = ShiftOf(5, 3, 0), inTen = ShiftOf(10, 3, 0);

        var coverage = Build([inFive, inTen], hours: 6);

        Assert.Equal([inFive.Id], coverage.Understaffed.Select(s => s.Id));
    }

    [Fact]
    public void Understaffed_of_a_past_picture_looks_ahead_from_that_moment()
    {
        Shift yesterday = ShiftOf(-23, 3, 0), today = ShiftOf(1, 3, 0);

        var coverage = Build([yesterday, today], asOf: Now.AddHours(-24));

        Assert.Equal([yesterday.Id], coverage.Understaffed.Select(s => s.Id));
        Assert.Equal(Now.AddHours(-24), coverage.AsOf);
        Assert.Equal(Now, coverage.GeneratedAt);
    }

    [Fact]
    public void The_window_takes_the_shifts_starting_from_its_start_and_before_its_end()
    {
        Shift before = ShiftOf(0.5, 1, 0), atFrom = ShiftOf(1, 1, 0), inside = ShiftOf(2, 1, 0), atTo = ShiftOf(3, 1, 0);

        var coverage = Build([before, atFrom, inside, atTo], from: Now.AddHours(1), to: Now.AddHours(3));

        Assert.Equal([atFrom.Id, inside.Id], coverage.Shifts.Select(s => s.Id));
        Assert.Equal(2, coverage.Totals.Shifts);
        Assert.Equal([atFrom.Id, inside.Id], coverage.Understaffed.Select(s => s.Id));
    }

    [Fact]
    public void Shifts_are_listed_by_start_then_location_with_their_numbers()
    {
        Shift b = ShiftOf(1, 3, 1, 2, location: "Hall B"), a = ShiftOf(1, 2, 2, location: "Hall A"), first = ShiftOf(0.5, 4, 0, 1, location: "Hall C");

        var coverage = Build([b, a, first]);

        Assert.Equal([first.Id, a.Id, b.Id], coverage.Shifts.Select(s => s.Id));
        var listed = coverage.Shifts[2];
        Assert.Equal(
            new CoverageShift(b.Id, b.Role, b.Title, "Hall B", b.StartsAt, b.EndsAt, 3, 2, 1, CoverageStatus.Understaffed),
            listed);
    }

    [Fact]
    public void A_conference_without_shifts_has_zero_totals_and_empty_lists()
    {
        var coverage = Build([]);

        Assert.Equal(Conference, coverage.ConferenceId);
        Assert.Null(coverage.AsOf);
        Assert.Equal(new CoverageTotals(0, 0, 0, 0, 0), coverage.Totals);
        Assert.Empty(coverage.ByRole);
        Assert.Empty(coverage.ByLocation);
        Assert.Empty(coverage.ByHour);
        Assert.Empty(coverage.Shifts);
        Assert.Empty(coverage.Understaffed);
    }
}
