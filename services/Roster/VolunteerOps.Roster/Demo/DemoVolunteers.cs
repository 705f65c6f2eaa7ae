using Marten;
using VolunteerOps.Roster.Volunteers;
using VolunteerOps.Roster.Volunteers.Registering;

namespace VolunteerOps.Roster.Demo;

/// <summary>Volunteers for the README's run command (Demo:Seed=true); two have had the chair briefing.</summary>
public static class DemoVolunteers
{
    private static readonly (string Id, string Name, string Email, bool ChairBriefing)[] People =
    [
        ("0193f2a0-0000-7000-8000-00000000a001", "Ada Lovelace", "ada@example.org", true),
        ("0193f2a0-0000-7000-8000-00000000a002", "Grace Hopper", "grace@example.org", false),
        ("0193f2a0-0000-7000-8000-00000000a003", "Guido van Rossum", "guido@example.org", true),
        ("0193f2a0-0000-7000-8000-00000000a004", "Katie Bouman", "katie@example.org", false),
    ];

    public static async Task SeedDemoVolunteersIfAsked(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            return;
        }

        await using var session = app.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, name, email, chairBriefing) in People)
        {
            var volunteerId = Guid.Parse(id);
            if (await session.LoadAsync<Volunteer>(volunteerId) is not null)
            {
                continue;
            }

            var registered = RegisterVolunteer.Decide(new RegisterVolunteerRequest(name, email, null, "M", volunteerId), volunteerId, "demo-seed", now);
            object[] events = chairBriefing ? [registered, new QualificationGranted(volunteerId, "chair-briefing", "demo-seed", now)] : [registered];
            session.Events.StartStream<Volunteer>(volunteerId, events);
        }

        await session.SaveChangesAsync();
    }
}
