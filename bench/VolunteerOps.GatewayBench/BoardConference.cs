using System.Globalization;

namespace VolunteerOps.GatewayBench;

/// <summary>
/// The conference the board shows in the coverage-lag and board-memory benches: shifts of 10 seats in 12 rooms
/// from 08:00, `perDay` to a day (the board shows one day at a time, so perDay = count puts all of them on screen).
/// </summary>
internal static class BoardConference
{
    public const int Seats = 10;

    public static async Task<(Guid Conference, Guid[] Shifts)> Create(
        Func<string, object, Task<Guid>> post, string name, int count, int perDay, CancellationToken ct)
    {
        var days = (count + perDay - 1) / perDay;
        var conference = await post("/api/conferences", new
        {
            name, timeZone = "UTC", startsOn = "2027-06-10", endsOn = new DateOnly(2027, 6, 10).AddDays(days - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            roles = new[] { new { name = "registration-desk" } },
        });
        var minutes = 600 / perDay; // ten hours of shifts a day
        var shifts = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var startsAt = new DateTimeOffset(2027, 6, 10 + (i / perDay), 8, 0, 0, TimeSpan.Zero).AddMinutes(minutes * (i % perDay));
            shifts[i] = await post("/api/shifts", new
            {
                conferenceId = conference, role = "registration-desk", title = $"Desk {i}", location = $"Room {i % 12}", startsAt, endsAt = startsAt.AddMinutes(minutes), capacity = Seats,
            });
        });
        return (conference, shifts);
    }
}
