using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using VolunteerOps.GatewayBench;
using VolunteerOps.ServiceDefaults.Security;

// Gateway overhead: the same requests straight to the Shifts service and through the gateway, alternating
// within each run, so both sides see the same machine load. Usage (bench/gateway-overhead.sh passes these):
//   --shifts URL --roster URL --gateway URL --postgres CS --shifts-schema NAME --signing-key KEY --repo DIR [--runs 3]
if (args is ["drop-schemas", var connectionString, .. var schemas])
{
    await using var admin = NpgsqlDataSource.Create(connectionString);
    foreach (var schema in schemas)
    {
        await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    return 0;
}

var o = Args.Parse(args);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var ct = cts.Token;
const int Concurrency = 32;
const int ReadRequests = 20_000;
const int ClaimRequests = 1_500;
const int ShiftCount = 100;

var coordinator = Client(null, Token("bench-coordinator", Roles.Coordinator));
var shiftsDirect = new Uri(o["shifts"]);
var gateway = new Uri(o["gateway"]);
var runs = int.Parse(o.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture);
await using var db = NpgsqlDataSource.Create(o["postgres"]);

// Board memory (bench/gateway-overhead.sh --benchmark board-memory [--minutes 60]): the only thing this invocation measures.
if (o.GetValueOrDefault("benchmark") == "board-memory")
{
    var minutes = double.Parse(o.GetValueOrDefault("minutes", "60"), CultureInfo.InvariantCulture);
    var services = new BoardMemory.Services(gateway, shiftsDirect, coordinator, PostToShifts, Register, Token);
    var memory = await BoardMemory.Run(services, minutes, Path.Combine(o["repo"], "bench", "board-memory-samples.csv"), ct);
    BoardMemoryReport.Write(o["repo"], Report.Invariant($"bash bench/gateway-overhead.sh --benchmark board-memory --minutes {minutes}"), memory);
    return memory.LivenessMs is <= 2000 && memory.Failed == 0 ? 0 : 1;
}

Log("set-up: a conference, 100 shifts of 100 seats, and the volunteers who will claim (registered in the Roster)");
var conference = await Post(new Uri(shiftsDirect, "/api/conferences"), new
{
    name = "Gateway overhead " + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    timeZone = "UTC", startsOn = "2027-06-01", endsOn = "2027-06-03", roles = new[] { new { name = "registration-desk" } },
});
var shifts = new Guid[ShiftCount];
await Parallel.ForEachAsync(Enumerable.Range(0, ShiftCount), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
{
    var startsAt = new DateTimeOffset(2027, 6, 1 + (i / 50), 8, 0, 0, TimeSpan.Zero).AddMinutes(10 * (i % 50));
    shifts[i] = await Post(new Uri(shiftsDirect, "/api/shifts"), new
    {
        conferenceId = conference, role = "registration-desk", title = $"Desk {i}", location = $"Room {i % 10}", startsAt, endsAt = startsAt.AddMinutes(10), capacity = 100,
    });
});
var warmClaims = 300;
const int BoardShifts = 200;
const int BoardClaims = 1_000;
const int BoardRate = 50;
var volunteers = Enumerable.Range(0, (runs * 2 * ClaimRequests) + (2 * warmClaims) + (runs * BoardClaims)).Select(_ => Guid.CreateVersion7()).ToArray();
await Register(volunteers);

var nextVolunteer = -1;
var reader = Client(null, Token(volunteers[0].ToString(), Roles.Volunteer));

Log("warm-up: both paths, reads and claims");
foreach (var target in new[] { shiftsDirect, gateway })
{
    await Read(target, 3_000);
    await Claim(target, warmClaims);
}

var results = new List<(int Run, string Kind, PhaseResult Direct, PhaseResult Gateway)>();
for (var run = 1; run <= runs; run++)
{
    // Alternate which side goes first, so a drift in machine load does not favour one of them.
    var order = run % 2 == 1 ? new[] { shiftsDirect, gateway } : [gateway, shiftsDirect];
    var reads = new Dictionary<Uri, PhaseResult>();
    var claims = new Dictionary<Uri, PhaseResult>();
    foreach (var target in order)
    {
        reads[target] = await Read(target, ReadRequests);
    }

    foreach (var target in order)
    {
        claims[target] = await Claim(target, ClaimRequests);
    }

    results.Add((run, "read", reads[shiftsDirect], reads[gateway]));
    results.Add((run, "claim", claims[shiftsDirect], claims[gateway]));
    foreach (var r in results.Where(r => r.Run == run))
    {
        Log($"run {run} {r.Kind}: direct {r.Direct.Throughput:F0}/s p50 {r.Direct.P50Ms:F2} ms p99 {r.Direct.P99Ms:F2} ms; " +
            $"gateway {r.Gateway.Throughput:F0}/s p50 {r.Gateway.P50Ms:F2} ms p99 {r.Gateway.P99Ms:F2} ms; ratio {r.Gateway.Throughput / r.Direct.Throughput:F3}; " +
            $"unexpected answers {r.Direct.Unexpected}/{r.Gateway.Unexpected}");
    }
}

Report.Write(o["repo"], results, Concurrency, ReadRequests, ClaimRequests);

// Claim → board: 200 shifts on screen, 50 claims/s, a viewer's stream through the gateway.
var boardRuns = new List<CoverageLag.Result>();
for (var run = 1; run <= runs; run++)
{
    var (board, boardShifts) = await BoardConference.Create(PostToShifts, $"Coverage lag {run}", BoardShifts, perDay: 100, ct);
    var claimants = Enumerable.Range(0, BoardClaims).Select(_ => volunteers[Interlocked.Increment(ref nextVolunteer)])
        .Select(v => (Volunteer: v, Token: Token(v.ToString(), Roles.Volunteer))).ToArray();
    var result = await CoverageLag.Run(gateway, Token("bench-viewer", Roles.Viewer), board, async i =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(shiftsDirect, $"/api/shifts/{boardShifts[i % BoardShifts]}/claims"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", claimants[i].Token);
        using var response = await coordinator.SendAsync(request, ct);
    }, BoardClaims, BoardRate, db, o["shifts-schema"], boardShifts, ct);
    boardRuns.Add(result);
    Log($"coverage lag run {run}: {CoverageLag.Format(result)}");
}

Report.WriteCoverageLag(o["repo"], boardRuns, BoardShifts, BoardRate, BoardClaims);
return results.Any(r => r.Direct.Unexpected + r.Gateway.Unexpected > 0) || boardRuns.Any(r => r.Measured < r.Claims) ? 1 : 0;

async Task<PhaseResult> Read(Uri target, int requests)
{
    var random = new Random(42);
    return await Load.Run(Describe(target), Concurrency, requests, async i =>
    {
        using var response = await reader.GetAsync(new Uri(target, $"/api/shifts/{shifts[random.Next(shifts.Length)]}"), ct);
        return response.StatusCode == HttpStatusCode.OK;
    }, ct);
}

async Task<PhaseResult> Claim(Uri target, int requests)
{
    // Tokens minted before the clock starts: minting is the client's cost, not the path's.
    var claims = Enumerable.Range(0, requests).Select(_ =>
    {
        var v = volunteers[Interlocked.Increment(ref nextVolunteer)];
        return (Volunteer: v, Token: Token(v.ToString(), Roles.Volunteer));
    }).ToArray();
    return await Load.Run(Describe(target), Concurrency, requests, async i =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"/api/shifts/{shifts[i % shifts.Length]}/claims"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", claims[i].Token);
        using var response = await coordinator.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.Created;
    }, ct);
}

string Describe(Uri target) => target == gateway ? "gateway" : "direct";

string Token(string subject, string role) => DevTokens.Mint(o["signing-key"], subject, [role], TimeSpan.FromMinutes(120 + double.Parse(o.GetValueOrDefault("minutes", "0"), CultureInfo.InvariantCulture)));

// Registers the volunteers in the Roster and waits until the Shifts service knows them all (it refuses claims by strangers).
async Task Register(Guid[] newVolunteers)
{
    var known = await KnownVolunteers();
    await Parallel.ForEachAsync(newVolunteers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (v, token) =>
        await Post(new Uri(new Uri(o["roster"]), "/api/volunteers"), new { id = v, name = "Bench " + v.ToString()[..8], email = $"{v:N}@bench.example" }));
    while (await KnownVolunteers() < known + newVolunteers.Length)
    {
        await Task.Delay(500, ct);
    }
}

Task<Guid> PostToShifts(string path, object body) => Post(new Uri(shiftsDirect, path), body);

async Task<Guid> Post(Uri url, object body)
{
    using var response = await coordinator.PostAsJsonAsync(url, body, ct);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<Guid>();
}

async Task<long> KnownVolunteers()
{
    await using var cmd = db.CreateCommand($"SELECT count(*) FROM \"{o["shifts-schema"]}\".mt_doc_knownvolunteer");
    return (long)(await cmd.ExecuteScalarAsync(ct))!;
}

static HttpClient Client(Uri? baseAddress, string token)
{
    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = baseAddress,
    };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

static void Log(string message) => Console.Error.WriteLine($"[gateway-bench {DateTime.UtcNow:HH:mm:ss}] {message}");
