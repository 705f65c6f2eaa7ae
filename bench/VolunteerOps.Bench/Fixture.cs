using System.Diagnostics;
using Npgsql;

namespace VolunteerOps.Bench;

/// <summary>
/// What every benchmark shares: the database, the services' APIs and event-store schemas, and the step that makes
/// a batch of volunteers claimable (registered in the Roster, known to the Shifts service, nothing left propagating).
/// </summary>
internal sealed class Fixture(BenchOptions o, NpgsqlDataSource db, ShiftsApi shifts, RosterApi roster, CpuTargets cpu)
{
    /// <summary>How long a setup step may wait for the backbone before it gives up with the evidence.</summary>
    public static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(180);

    public BenchOptions Options => o;

    public NpgsqlDataSource Db => db;

    public ShiftsApi Shifts => shifts;

    public RosterApi Roster => roster;

    public CpuTargets Cpu => cpu;

    public string? ShiftsSchema { get; private set; } = o.Schema;

    public string? RosterSchema { get; private set; } = o.RosterSchema;

    /// <summary>The Notifications service's schema when it runs alongside (given by run.sh; never guessed).</summary>
    public string? NotificationsSchema => o.NotificationsSchema;

    /// <summary>The Shifts schema, found from a stream the bench just made there (a conference) when not given.</summary>
    public async Task<string> ShiftsSchemaOf(Guid knownStream, CancellationToken ct) =>
        ShiftsSchema ??= await Verifier.FindSchema(db, null, knownStream, ct);

    /// <summary>
    /// Registers <paramref name="volunteers"/> in the Roster (o.RegisterConcurrency in flight), waits until the Shifts
    /// service holds an active KnownVolunteer for each, then until each service has processed everything the others
    /// published. When the Notifications service runs, each volunteer is also set to in-app only (PUT preferences, lead
    /// times <paramref name="leadsOf"/> or the default 1440 and 60 minutes) and the bench waits until that service holds
    /// them so: no benchmark's claim makes an email or webhook delivery. Not measured; returns its seconds.
    /// </summary>
    public async Task<double> PrepareVolunteers(IReadOnlyList<Guid> volunteers, Guid conferenceId, CancellationToken ct,
        Func<int, IReadOnlyList<int>>? leadsOf = null)
    {
        var clock = Stopwatch.StartNew();
        await roster.RegisterAll(volunteers, o.RegisterConcurrency, ct);
        if (NotificationsSchema is { } notifications)
        {
            await roster.SetAllPreferences(
                [.. volunteers.Select((v, i) => (v, InAppOnly, leadsOf?.Invoke(i) ?? DefaultLeads))], o.RegisterConcurrency, ct);
            await Backbone.WaitUntilInAppOnly(db, notifications, volunteers, SetupTimeout, ct);
        }

        var shiftsSchema = await ShiftsSchemaOf(conferenceId, ct);
        RosterSchema ??= await Verifier.FindSchema(db, null, volunteers[0], ct);
        await Backbone.WaitUntilKnown(db, shiftsSchema, volunteers, SetupTimeout, ct);
        await WaitForQuiet(ct);
        return clock.Elapsed.TotalSeconds;
    }

    public static readonly IReadOnlyList<string> InAppOnly = ["inApp"];

    /// <summary>The Roster's default reminder lead times, restated: a preferences request sets them all.</summary>
    public static readonly IReadOnlyList<int> DefaultLeads = [1440, 60];

    /// <summary>Until every service has processed everything the others published (the Notifications service too, when it runs).</summary>
    public async Task<Backbone.Progress?> WaitForQuiet(CancellationToken ct) =>
        ShiftsSchema is { } s && RosterSchema is { } r ? await Backbone.WaitForQuiet(db, s, r, NotificationsSchema, SetupTimeout, ct) : null;
}
