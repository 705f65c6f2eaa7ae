using System.Net;
using System.Text.Json;

namespace Roster.IntegrationTests.Schedules;

/// <summary>
/// GET /api/volunteers/{id}/schedule and /reliability, built from the Shifts service's integration events
/// (published here straight onto the bus, a shift stream's versions 1, 2, 3...).
/// </summary>
public class ScheduleViewTests(RosterApi api) : IClassFixture<RosterApi>
{
    private static readonly DateTimeOffset Start = RosterApi.Day1.AddHours(9);

    [Fact]
    public async Task A_scheduled_and_claimed_shift_is_listed_with_its_total_hours()
    {
        var volunteer = await api.NewVolunteer();
        var conference = Guid.CreateVersion7();
        var morning = new ShiftFeed(conference, Start, TimeSpan.FromHours(2.5), location: "Hall B");
        var afternoon = new ShiftFeed(conference, Start.AddHours(5), TimeSpan.FromHours(1));

        await api.Publish(morning.Scheduled(), morning.Claimed(volunteer), afternoon.Scheduled(), afternoon.Claimed(volunteer));

        await RosterApi.Eventually(async () => (await api.ScheduledShiftIds(volunteer)).Count == 2, "both claims reach the schedule");
        var schedule = await api.Schedule(volunteer);
        Assert.Equal(3.5, schedule.GetProperty("totalHours").GetDouble());
        Assert.Equal(0, schedule.GetProperty("checkedInHours").GetDouble());
        var first = schedule.GetProperty("shifts")[0];
        Assert.Equal(morning.Id, first.GetProperty("shiftId").GetGuid());
        Assert.Equal(conference, first.GetProperty("conferenceId").GetGuid());
        Assert.Equal(morning.Title, first.GetProperty("title").GetString());
        Assert.Equal("Hall B", first.GetProperty("location").GetString());
        Assert.Equal("registration-desk", first.GetProperty("role").GetString());
        Assert.Equal(Start, first.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(Start.AddHours(2.5), first.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(afternoon.Id, schedule.GetProperty("shifts")[1].GetProperty("shiftId").GetGuid());
        Assert.Equal(2, (await api.Reliability(volunteer)).GetProperty("claims").GetInt32());
    }

    [Fact]
    public async Task Claims_on_many_shifts_handled_concurrently_all_reach_one_volunteers_views()
    {
        var volunteer = await api.NewVolunteer();
        var conference = Guid.CreateVersion7();
        var shifts = Enumerable.Range(0, 12).Select(i => new ShiftFeed(conference, Start.AddHours(i), TimeSpan.FromMinutes(30))).ToList();

        await api.Publish([.. shifts.Select(s => (object)s.Scheduled())]);
        await api.Publish([.. shifts.Select(s => (object)s.Claimed(volunteer))]);

        await RosterApi.Eventually(async () => (await api.ScheduledShiftIds(volunteer)).Count == shifts.Count, "every claim reaches the schedule");
        Assert.Equal(6, (await api.Schedule(volunteer)).GetProperty("totalHours").GetDouble());
        await RosterApi.Eventually(async () => (await api.Reliability(volunteer)).GetProperty("claims").GetInt32() == shifts.Count, "every claim is counted");
        await Task.Delay(500);
        Assert.Equal(shifts.Count, (await api.Reliability(volunteer)).GetProperty("claims").GetInt32());
    }

    [Fact]
    public async Task A_volunteer_reads_their_own_schedule_and_not_another_volunteers()
    {
        var volunteer = await api.NewVolunteer();
        var other = await api.NewVolunteer();
        using var self = api.Volunteer(volunteer);

        var own = await self.GetAsync($"/api/volunteers/{volunteer}/schedule");
        var foreign = await self.GetAsync($"/api/volunteers/{other}/schedule");
        var foreignReliability = await self.GetAsync($"/api/volunteers/{other}/reliability");

        await own.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(0, (await own.Body()).GetProperty("totalHours").GetDouble());
        await foreign.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        await foreignReliability.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_rescheduled_shift_moves_in_the_schedule()
    {
        var volunteer = await api.NewVolunteer();
        var shift = new ShiftFeed(Guid.CreateVersion7(), Start, TimeSpan.FromHours(1));
        await api.Publish(shift.Scheduled(), shift.Claimed(volunteer));
        await RosterApi.Eventually(async () => (await api.ScheduledShiftIds(volunteer)).Contains(shift.Id), "the claim reaches the schedule");
        var newStart = Start.AddDays(1).AddHours(2);

        await api.Publish(shift.Rescheduled(newStart, TimeSpan.FromHours(3), "Room 7", "Moved desk"));

        await RosterApi.Eventually(async () => Entry(await api.Schedule(volunteer), shift.Id).GetProperty("startsAt").GetDateTimeOffset() == newStart, "the new time reaches the schedule");
        var schedule = await api.Schedule(volunteer);
        var entry = Entry(schedule, shift.Id);
        Assert.Equal(newStart.AddHours(3), entry.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal("Room 7", entry.GetProperty("location").GetString());
        Assert.Equal("Moved desk", entry.GetProperty("title").GetString());
        Assert.Equal(3, schedule.GetProperty("totalHours").GetDouble());
    }

    [Fact]
    public async Task A_check_in_sets_checkedInAt_and_counts_in_checkedInHours()
    {
        var volunteer = await api.NewVolunteer();
        var conference = Guid.CreateVersion7();
        var attended = new ShiftFeed(conference, Start, TimeSpan.FromHours(2));
        var later = new ShiftFeed(conference, Start.AddHours(4), TimeSpan.FromHours(1));
        var checkedInAt = Start.AddMinutes(-10);

        await api.Publish(attended.Scheduled(), attended.Claimed(volunteer), later.Scheduled(), later.Claimed(volunteer), attended.CheckedIn(volunteer, checkedInAt));

        await RosterApi.Eventually(async () => (await api.Schedule(volunteer)).GetProperty("checkedInHours").GetDouble() > 0, "the check-in reaches the schedule");
        await RosterApi.Eventually(async () => (await api.ScheduledShiftIds(volunteer)).Count == 2, "both claims reach the schedule");
        var schedule = await api.Schedule(volunteer);
        Assert.Equal(2, schedule.GetProperty("checkedInHours").GetDouble());
        Assert.Equal(3, schedule.GetProperty("totalHours").GetDouble());
        Assert.Equal(checkedInAt, Entry(schedule, attended.Id).GetProperty("checkedInAt").GetDateTimeOffset());
        Assert.False(Entry(schedule, later.Id).TryGetProperty("checkedInAt", out var none) && none.ValueKind != JsonValueKind.Null);
        Assert.Equal(1, (await api.Reliability(volunteer)).GetProperty("checkIns").GetInt32());
    }

    [Fact]
    public async Task A_release_removes_the_shift_and_the_reliability_profile_counts_it_and_late_releases_under_24_hours()
    {
        var volunteer = await api.NewVolunteer();
        var conference = Guid.CreateVersion7();
        var early = new ShiftFeed(conference, Start, TimeSpan.FromHours(1));
        var late = new ShiftFeed(conference, Start.AddHours(3), TimeSpan.FromHours(1));
        var kept = new ShiftFeed(conference, Start.AddHours(6), TimeSpan.FromHours(2));

        await api.Publish(
            early.Scheduled(), early.Claimed(volunteer), late.Scheduled(), late.Claimed(volunteer), kept.Scheduled(), kept.Claimed(volunteer),
            early.Released(volunteer, early.StartsAt.AddHours(-48)),
            late.Released(volunteer, late.StartsAt.AddHours(-2)));

        await RosterApi.Eventually(
            async () => (await api.Reliability(volunteer)).GetProperty("releases").GetInt32() == 2 && (await api.ScheduledShiftIds(volunteer)).SequenceEqual([kept.Id]),
            "both releases are counted and only the kept shift remains");
        Assert.Equal(2, (await api.Schedule(volunteer)).GetProperty("totalHours").GetDouble());
        var reliability = await api.Reliability(volunteer);
        Assert.Equal(3, reliability.GetProperty("claims").GetInt32());
        Assert.Equal(1, reliability.GetProperty("lateReleases").GetInt32());
        Assert.Equal([120, 2880], reliability.GetProperty("releaseLeadMinutes").Ints().Order());
    }

    [Fact]
    public async Task A_release_exactly_24_hours_before_the_start_is_not_late()
    {
        var volunteer = await api.NewVolunteer();
        var shift = new ShiftFeed(Guid.CreateVersion7(), Start, TimeSpan.FromHours(1));

        await api.Publish(shift.Scheduled(), shift.Claimed(volunteer), shift.Released(volunteer, Start.AddHours(-24)));

        await RosterApi.Eventually(async () => (await api.Reliability(volunteer)).GetProperty("releases").GetInt32() == 1, "the release is counted");
        Assert.Equal(0, (await api.Reliability(volunteer)).GetProperty("lateReleases").GetInt32());
        Assert.Empty(await api.ScheduledShiftIds(volunteer));
    }

    [Fact]
    public async Task A_no_show_is_counted_and_marked_on_the_entry()
    {
        var volunteer = await api.NewVolunteer();
        var shift = new ShiftFeed(Guid.CreateVersion7(), Start, TimeSpan.FromHours(1));

        await api.Publish(shift.Scheduled(), shift.Claimed(volunteer), shift.NoShow(volunteer));

        await RosterApi.Eventually(async () => (await api.Reliability(volunteer)).GetProperty("noShows").GetInt32() == 1, "the no-show is counted");
        var entry = Entry(await api.Schedule(volunteer), shift.Id);
        Assert.True(entry.GetProperty("noShow").GetBoolean());
        Assert.Equal(0, (await api.Reliability(volunteer)).GetProperty("checkIns").GetInt32());
    }

    [Fact]
    public async Task A_reassignment_moves_the_entry_from_one_volunteer_to_the_other()
    {
        var from = await api.NewVolunteer();
        var to = await api.NewVolunteer();
        var shift = new ShiftFeed(Guid.CreateVersion7(), Start, TimeSpan.FromHours(2));

        await api.Publish(shift.Scheduled(), shift.Claimed(from), shift.Reassigned(from, to));

        await RosterApi.Eventually(async () => (await api.ScheduledShiftIds(to)).Contains(shift.Id), "the reassignment reaches the new holder");
        Assert.Empty(await api.ScheduledShiftIds(from));
        Assert.Equal(2, (await api.Schedule(to)).GetProperty("totalHours").GetDouble());
        Assert.Equal(1, (await api.Reliability(from)).GetProperty("reassignedAway").GetInt32());
        Assert.Equal(1, (await api.Reliability(to)).GetProperty("claims").GetInt32());
        var roster = await api.RosterOf(shift.ConferenceId);
        Assert.Equal([to], roster[0].GetProperty("holders").EnumerateArray().Select(h => h.GetProperty("volunteerId").GetGuid()));
    }

    [Fact]
    public async Task A_cancellation_removes_the_shift_from_every_holder()
    {
        var a = await api.NewVolunteer();
        var b = await api.NewVolunteer();
        var conference = Guid.CreateVersion7();
        var cancelled = new ShiftFeed(conference, Start, TimeSpan.FromHours(1));
        var other = new ShiftFeed(conference, Start.AddHours(2), TimeSpan.FromHours(1));

        await api.Publish(cancelled.Scheduled(), cancelled.Claimed(a), cancelled.Claimed(b), other.Scheduled(), other.Claimed(b), cancelled.Cancelled(a, b));

        await RosterApi.Eventually(
            async () => await api.ShiftApplied(cancelled.Id, cancelled.Version) && await api.ShiftApplied(other.Id, other.Version),
            "every message of both shifts is applied");
        Assert.Empty(await api.ScheduledShiftIds(a));
        Assert.Equal([other.Id], await api.ScheduledShiftIds(b));
        Assert.Equal(other.Id, (await api.RosterOf(conference))[0].GetProperty("shiftId").GetGuid());
    }

    [Fact]
    public async Task Messages_out_of_order_still_end_in_the_right_state()
    {
        var a = await api.NewVolunteer();
        var b = await api.NewVolunteer();
        var shift = new ShiftFeed(Guid.CreateVersion7(), Start, TimeSpan.FromHours(1));
        var v1 = shift.Scheduled();
        var v2 = shift.Claimed(a);
        var v3 = shift.Claimed(b);
        var newStart = Start.AddHours(2);
        var v4 = shift.Rescheduled(newStart, TimeSpan.FromHours(2), "Hall C", "Late desk");
        var v5 = shift.Released(a, newStart.AddHours(-1));

        await api.Publish(v3, v5, v1, v4, v2);

        await RosterApi.Eventually(async () => (await api.Reliability(a)).GetProperty("releases").GetInt32() == 1, "the last message is applied", seconds: 30);
        Assert.Empty(await api.ScheduledShiftIds(a));
        var entry = Entry(await api.Schedule(b), shift.Id);
        Assert.Equal(newStart, entry.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(newStart.AddHours(2), entry.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal("Hall C", entry.GetProperty("location").GetString());
        Assert.Equal("Late desk", entry.GetProperty("title").GetString());
        var reliabilityA = await api.Reliability(a);
        Assert.Equal(1, reliabilityA.GetProperty("claims").GetInt32());
        Assert.Equal(1, reliabilityA.GetProperty("lateReleases").GetInt32());
        Assert.Equal([60], reliabilityA.GetProperty("releaseLeadMinutes").Ints());
        Assert.Equal(1, (await api.Reliability(b)).GetProperty("claims").GetInt32());
        var roster = await api.RosterOf(shift.ConferenceId);
        Assert.Equal([b], roster[0].GetProperty("holders").EnumerateArray().Select(h => h.GetProperty("volunteerId").GetGuid()));
        Assert.Equal(0, await api.ErrorQueueCount());
    }

    private static JsonElement Entry(JsonElement schedule, Guid shiftId) =>
        schedule.GetProperty("shifts").EnumerateArray().Single(s => s.GetProperty("shiftId").GetGuid() == shiftId);
}
