using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace VolunteerOps.Bench;

internal sealed record BaselineResult(int Transactions, TimeSpan Elapsed, double[] Milliseconds)
{
    public double TxPerSecond => Transactions / Elapsed.TotalSeconds;
}

/// <summary>
/// What the claim costs at the floor: one PostgreSQL transaction of two inserts (a claim appends to two streams),
/// straight through Npgsql, at the same concurrency and for as many transactions as the rush sent claims.
/// Written as the service's driver would: BEGIN, INSERT, INSERT, COMMIT, one round trip each.
/// </summary>
internal static class RawBaseline
{
    private const string Schema = "bench_baseline";

    public static async Task Prepare(string connectionString, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE IF NOT EXISTS {Schema}.shift_events (
                seq_id bigserial PRIMARY KEY, stream_id uuid NOT NULL, type text NOT NULL, data jsonb NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE IF NOT EXISTS {Schema}.volunteer_events (
                seq_id bigserial PRIMARY KEY, stream_id uuid NOT NULL, type text NOT NULL, data jsonb NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<BaselineResult> Run(string connectionString, int concurrency, int transactions, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = concurrency,
            MinPoolSize = 0,
            ApplicationName = "vo-bench-baseline",
        };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var truncate = dataSource.CreateCommand($"TRUNCATE {Schema}.shift_events, {Schema}.volunteer_events"))
        {
            await truncate.ExecuteNonQueryAsync(ct);
        }

        // Open every connection before the clock starts, as the service's pool is warm during the rush.
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Transaction(dataSource, ct)));

        var milliseconds = new double[transactions];
        var inFlight = new List<Task>(transactions);
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < transactions; i++)
        {
            await slots.WaitAsync(ct);
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    await Transaction(dataSource, ct);
                    milliseconds[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                finally
                {
                    slots.Release();
                }
            }, ct));
        }

        await Task.WhenAll(inFlight);
        clock.Stop();
        return new BaselineResult(transactions, clock.Elapsed, milliseconds);
    }

    private static async Task Transaction(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var shiftId = Guid.CreateVersion7();
        var volunteerId = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Insert(connection, "shift_events", shiftId, "shift_claimed",
            $$"""{"shiftId":"{{shiftId}}","volunteerId":"{{volunteerId}}","by":"{{volunteerId}}","claimedAt":"{{at}}","overrodeSignupClosed":false}""", ct);
        await Insert(connection, "volunteer_events", volunteerId, "commitment_made",
            $$"""{"volunteerId":"{{volunteerId}}","shiftId":"{{shiftId}}","startsAt":"{{at}}","endsAt":"{{at}}"}""", ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task Insert(NpgsqlConnection connection, string table, Guid streamId, string type, string json, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO {Schema}.{table} (stream_id, type, data) VALUES ($1, $2, $3)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = type, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(ct);
    }
}
