using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace VolunteerOps.Bench;

/// <summary>
/// Did the rush keep both guarantees? Checked three ways after every run: what the clients were told, what the API
/// shows (GET /api/shifts/{id}), and what PostgreSQL holds (the events themselves and the inline snapshots).
/// </summary>
internal sealed record Integrity
{
    /// <summary>Seats taken beyond capacity, the worst of every source.</summary>
    public int Oversold => Math.Max(ApiOversoldSeats, Math.Max(DbEventOversoldSeats, DbSnapshotOversoldSeats));

    /// <summary>Volunteers holding two overlapping shifts, the worst of every source.</summary>
    public int DoubleBooked => Math.Max(Math.Max(ClientPairsBothWon, ApiDoubleBooked), Math.Max(DbEventDoubleBooked, DbCommitmentDoubleBooked));

    public int ApiOversoldSeats { get; init; }
    public int ApiDoubleBooked { get; init; }
    public int ApiHolders { get; init; }
    public int DbEventOversoldSeats { get; init; }
    public int DbSnapshotOversoldSeats { get; init; }
    public int DbEventDoubleBooked { get; init; }
    public int DbCommitmentDoubleBooked { get; init; }
    public int DbEventHolders { get; init; }
    public int ClientPairsBothWon { get; init; }

    /// <summary>Claims answered 201 that no shift shows, and holders nobody was told about: both must be 0.</summary>
    public int LostClaims { get; init; }
    public int PhantomHolders { get; init; }

    /// <summary>Volunteers whose commitments stream disagrees with the shifts' holders.</summary>
    public int CommitmentMismatches { get; init; }

    public string Schema { get; init; } = "";

    public bool Holds => Oversold == 0 && DoubleBooked == 0 && LostClaims == 0 && PhantomHolders == 0 && CommitmentMismatches == 0;
}

internal static partial class Verifier
{
    public static async Task<Integrity> Check(ShiftsApi api, NpgsqlDataSource db, string schema, IReadOnlyList<ShiftSlot> shifts,
        RushResult rush, CancellationToken ct)
    {
        var shiftIds = shifts.Select(s => s.Id).ToArray();
        var volunteers = rush.Outcomes.Select(o => o.Attempt.VolunteerId).Distinct().ToArray();
        var won = rush.Outcomes.Where(o => o.Kind == ClaimOutcome.Won).Select(o => (o.Attempt.ShiftId, o.Attempt.VolunteerId)).ToHashSet();

        // The clients' view: a pair volunteer told 201 twice holds two overlapping shifts.
        var pairsBothWon = rush.Outcomes.Where(o => o.Kind == ClaimOutcome.Won).GroupBy(o => o.Attempt.VolunteerId).Count(g => g.Count() > 1
            && g.SelectMany((a, i) => g.Skip(i + 1).Select(b => (a, b)))
                .Any(p => Overlap(shifts, p.a.Attempt.ShiftId, p.b.Attempt.ShiftId)));

        // The API's view.
        var states = await api.GetShifts(shiftIds, ct);
        var apiOversold = states.Sum(s => Math.Max(0, s.Holders.Count - s.Capacity));
        var apiHeld = states.SelectMany(s => s.Holders.Select(v => (s.Id, Volunteer: v))).ToList();
        var byId = states.ToDictionary(s => s.Id);
        var apiDouble = CountDoubleBooked(apiHeld.Select(h => (h.Volunteer, (byId[h.Id].StartsAt, byId[h.Id].EndsAt))));
        var apiPairs = apiHeld.Select(h => (h.Id, h.Volunteer)).ToHashSet();

        // The database's view: the events are the truth; the snapshots are what the API and the next claim read.
        var q = Quote(schema);
        var scheduled = new Dictionary<Guid, (int Capacity, DateTimeOffset StartsAt, DateTimeOffset EndsAt)>();
        await using (var cmd = db.CreateCommand($"SELECT stream_id, data FROM {q}.mt_events WHERE type = 'shift_scheduled' AND stream_id = ANY($1)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = shiftIds });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                using var data = JsonDocument.Parse(reader.GetString(1));
                scheduled[reader.GetGuid(0)] = (data.RootElement.GetProperty("capacity").GetInt32(),
                    data.RootElement.GetProperty("startsAt").GetDateTimeOffset(), data.RootElement.GetProperty("endsAt").GetDateTimeOffset());
            }
        }

        // The bench never releases, so every shift_claimed event is a seat still held.
        var dbHeld = new List<(Guid Shift, Guid Volunteer)>();
        await using (var cmd = db.CreateCommand(
            $"SELECT stream_id, (data->>'volunteerId')::uuid FROM {q}.mt_events WHERE type = 'shift_claimed' AND stream_id = ANY($1)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = shiftIds });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                dbHeld.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        var dbEventOversold = dbHeld.GroupBy(h => h.Shift).Sum(g => Math.Max(0, g.Count() - scheduled[g.Key].Capacity));
        var dbEventDouble = CountDoubleBooked(dbHeld.Select(h => (h.Volunteer, (scheduled[h.Shift].StartsAt, scheduled[h.Shift].EndsAt))));

        var snapshotOversold = 0;
        await using (var cmd = db.CreateCommand(
            $"SELECT coalesce(sum(greatest(0, jsonb_array_length(data->'holders') - (data->>'capacity')::int)), 0)::int FROM {q}.mt_doc_shift WHERE id = ANY($1)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = shiftIds });
            snapshotOversold = (int)(await cmd.ExecuteScalarAsync(ct))!;
        }

        // Each volunteer's commitments snapshot must list exactly the shifts they hold, and never two that overlap.
        var commitments = new Dictionary<Guid, List<(Guid Shift, DateTimeOffset StartsAt, DateTimeOffset EndsAt)>>();
        await using (var cmd = db.CreateCommand(
            $"SELECT (data->>'volunteerId')::uuid, data->'shifts' FROM {q}.mt_doc_volunteercommitments WHERE (data->>'volunteerId')::uuid = ANY($1)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = volunteers });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                using var list = JsonDocument.Parse(reader.GetString(1));
                commitments[reader.GetGuid(0)] = list.RootElement.EnumerateArray()
                    .Select(c => (c.GetProperty("shiftId").GetGuid(), c.GetProperty("startsAt").GetDateTimeOffset(), c.GetProperty("endsAt").GetDateTimeOffset()))
                    .ToList();
            }
        }

        var commitmentDouble = CountDoubleBooked(commitments.SelectMany(kv => kv.Value.Select(c => (kv.Key, (c.StartsAt, c.EndsAt)))));
        var heldByVolunteer = dbHeld.GroupBy(h => h.Volunteer).ToDictionary(g => g.Key, g => g.Select(h => h.Shift).ToHashSet());
        var mismatches = volunteers.Count(v =>
        {
            var held = heldByVolunteer.GetValueOrDefault(v) ?? [];
            var committed = commitments.TryGetValue(v, out var c) ? c.Select(x => x.Shift).ToHashSet() : [];
            return !held.SetEquals(committed);
        });

        var dbPairs = dbHeld.ToHashSet();
        return new Integrity
        {
            Schema = schema,
            ApiOversoldSeats = apiOversold,
            ApiDoubleBooked = apiDouble,
            ApiHolders = apiHeld.Count,
            DbEventOversoldSeats = dbEventOversold,
            DbSnapshotOversoldSeats = snapshotOversold,
            DbEventDoubleBooked = dbEventDouble,
            DbCommitmentDoubleBooked = commitmentDouble,
            DbEventHolders = dbHeld.Count,
            ClientPairsBothWon = pairsBothWon,
            LostClaims = won.Count(w => !apiPairs.Contains(w) || !dbPairs.Contains(w)),
            PhantomHolders = apiPairs.Union(dbPairs).Count(h => !won.Contains(h)),
            CommitmentMismatches = mismatches,
        };
    }

    /// <summary>The service's event-store schema: given, or the one whose streams include a shift the bench just made.</summary>
    public static async Task<string> FindSchema(NpgsqlDataSource db, string? given, Guid knownShift, CancellationToken ct)
    {
        if (given is not null)
        {
            return given;
        }

        var schemas = new List<string>();
        await using (var cmd = db.CreateCommand("SELECT table_schema FROM information_schema.tables WHERE table_name = 'mt_streams'"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                schemas.Add(reader.GetString(0));
            }
        }

        foreach (var schema in schemas)
        {
            await using var cmd = db.CreateCommand($"SELECT count(*) FROM {Quote(schema)}.mt_streams WHERE id = $1");
            cmd.Parameters.Add(new NpgsqlParameter { Value = knownShift });
            if ((long)(await cmd.ExecuteScalarAsync(ct))! > 0)
            {
                return schema;
            }
        }

        throw new InvalidOperationException($"No event-store schema holds stream {knownShift}; pass --schema / --roster-schema.");
    }

    public static async Task DropSchema(NpgsqlDataSource db, string schema, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"DROP SCHEMA IF EXISTS {Quote(schema)} CASCADE");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static bool Overlap(IReadOnlyList<ShiftSlot> shifts, Guid a, Guid b)
    {
        var x = shifts.First(s => s.Id == a);
        var y = shifts.First(s => s.Id == b);
        return a != b && x.Overlaps(y);
    }

    /// <summary>Volunteers with at least two held shifts whose times overlap.</summary>
    private static int CountDoubleBooked(IEnumerable<(Guid Volunteer, (DateTimeOffset StartsAt, DateTimeOffset EndsAt) Time)> held) =>
        held.GroupBy(h => h.Volunteer).Count(g =>
        {
            var times = g.Select(h => h.Time).OrderBy(t => t.StartsAt).ToList();
            for (var i = 0; i < times.Count; i++)
            {
                for (var j = i + 1; j < times.Count; j++)
                {
                    if (times[i].StartsAt < times[j].EndsAt && times[j].StartsAt < times[i].EndsAt)
                    {
                        return true;
                    }
                }
            }

            return false;
        });

    private static string Quote(string schema) =>
        SafeName().IsMatch(schema) ? $"\"{schema}\"" : throw new ArgumentException($"Unexpected schema name '{schema}'.");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SafeName();
}
