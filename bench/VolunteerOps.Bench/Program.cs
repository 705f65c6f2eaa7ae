using Npgsql;
using VolunteerOps.Bench;

// `drop-schemas --postgres CS NAME...`: run.sh calls this after it has stopped the services (dropping a schema under a
// running service's daemon makes it log errors).
if (args.Length >= 3 && args[0] == "drop-schemas" && args[1] == "--postgres")
{
    await using var db = NpgsqlDataSource.Create(args[2]);
    foreach (var schema in args.Skip(3))
    {
        await Verifier.DropSchema(db, schema, CancellationToken.None);
        Console.Error.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] dropped schema {schema}");
    }

    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
{
    if (e.Message.Length > 0)
    {
        Console.Error.WriteLine(e.Message);
    }

    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

var bench = new Bench(options);
return await bench.Run(cts.Token);
