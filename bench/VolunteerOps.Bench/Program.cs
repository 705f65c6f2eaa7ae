using VolunteerOps.Bench;

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
