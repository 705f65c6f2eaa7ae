using Marten;
using VolunteerOps.Shifts.Conferences;
using VolunteerOps.Shifts.Shifts;
using VolunteerOps.Shifts.Shifts.Scheduling;

namespace VolunteerOps.Shifts.Demo;

/// <summary>
/// A PyCon-like day for the README's run command (Demo:Seed=true): registration desk, swag-bag
/// stuffing, an open space, and a chair and a runner for each of a few talks. Fixed ids, so the
/// README's curl examples work as printed.
/// </summary>
public static class DemoConference
{
    public static readonly Guid ConferenceId = Guid.Parse("0193f2a0-0000-7000-8000-000000000001");
    private const string By = "demo-seed";

    public static async Task SeedDemoConferenceIfAsked(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            return;
        }

        await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        if (await session.LoadAsync<Conference>(ConferenceId) is not null)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var created = new ConferenceCreated(
            ConferenceId, "PyCon US 2027 (demo)", "America/Los_Angeles", new DateOnly(2027, 5, 14), new DateOnly(2027, 5, 16),
            [
                new RoleDefinition("registration-desk", null),
                new RoleDefinition("swag-bag-stuffing", null),
                new RoleDefinition("session-runner", null),
                new RoleDefinition("session-chair", "chair-briefing"),
                new RoleDefinition("open-space-host", null),
            ],
            ReleaseCutoffMinutes: 120, By, now);
        session.Events.StartStream<Conference>(ConferenceId, created);

        // Scheduled through the same decider as the API, so the demo obeys the catalogue's rules.
        var conference = Conference.Create(created);
        var n = 0;
        foreach (var request in Shifts())
        {
            var id = Guid.Parse($"0193f2a0-0000-7000-8001-{++n:D12}");
            session.Events.StartStream<Shift>(id, ScheduleShiftDecider.Decide(conference, request, id, By, now));
        }

        await session.SaveChangesAsync();
    }

    private static IEnumerable<ScheduleShiftRequest> Shifts()
    {
        yield return Shift("registration-desk", "Registration desk (early)", "Registration Hall", 7, 9, 6, 4);
        yield return Shift("registration-desk", "Registration desk (morning)", "Registration Hall", 9, 11, 6, 4);
        yield return Shift("registration-desk", "Registration desk (midday)", "Registration Hall", 11, 13, 4, 3);
        yield return Shift("swag-bag-stuffing", "Swag-bag stuffing", "Hall A", 8, 10, 20, 12);
        yield return Shift("open-space-host", "Open spaces board host", "Open Space 1", 13, 14, 1, 1);
        var talks = new[]
        {
            ("Keynote", "Grand Ballroom", 9),
            ("Async Python in practice", "Room 101A", 10),
            ("Type hints at scale", "Room 102B", 10),
            ("Packaging without tears", "Room 101A", 11),
            ("Teaching Python to kids", "Room 102B", 14),
        };
        foreach (var (talk, room, hour) in talks)
        {
            yield return Shift("session-chair", $"Chair: {talk}", room, hour, hour + 1, 1, 1, talk);
            yield return Shift("session-runner", $"Runner: {talk}", room, hour, hour + 1, 1, 1, talk);
        }
    }

    private static ScheduleShiftRequest Shift(string role, string title, string location, int from, int to, int capacity, int minimum, string? session = null)
    {
        // 2027-05-14 in Long Beach is UTC-7 (daylight time).
        var day = new DateTimeOffset(2027, 5, 14, 0, 0, 0, TimeSpan.FromHours(-7));
        return new ScheduleShiftRequest(ConferenceId, role, title, location, day.AddHours(from).ToUniversalTime(), day.AddHours(to).ToUniversalTime(),
            capacity, minimum, session, null);
    }
}
