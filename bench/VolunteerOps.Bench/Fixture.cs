using System.Diagnostics;
using Npgsql;

namespace VolunteerOps.Bench;

/// <summary>
/// What every benchmark shares: the database, both services' APIs and event-store schemas, and the step that makes
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

    /// <summary>The Shifts schema, found from a stream the bench just made there (a conference) when not given.</summary>
    public async Task<string> ShiftsSchemaOf(Guid knownStream, CancellationToken ct) =>
        ShiftsSchema ??= await Verifier.FindSchema(db, null, knownStream, ct);

    /// <summary>
    /// Registers <paramref name="volunteers"/> in the Roster (o.RegisterConcurrency in flight), waits until the Shifts
    /// service holds an active KnownVolunteer for each, then until each service has processed everything the other
    /// published. Not measured; returns its seconds.
    /// </summary>
    public async Task<double> PrepareVolunteers(IReadOnlyList<Guid> volunteers, Guid conferenceId, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await roster.RegisterAll(volunteers, o.RegisterConcurrency, ct);
        var shiftsSchema = await ShiftsSchemaOf(conferenceId, ct);
        RosterSchema ??= await Verifier.FindSchema(db, null, volunteers[0], ct);
        await Backbone.WaitUntilKnown(db, shiftsSchema, volunteers, SetupTimeout, ct);
        await WaitForQuiet(ct);
        return clock.Elapsed.TotalSeconds;
    }

    public async Task<Backbone.Progress?> WaitForQuiet(CancellationToken ct) =>
        ShiftsSchema is { } s && RosterSchema is { } r ? await Backbone.WaitForQuiet(db, s, r, SetupTimeout, ct) : null;
}
