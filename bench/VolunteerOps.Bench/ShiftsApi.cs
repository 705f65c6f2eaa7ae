using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Bench;

/// <summary>A shift the bench scheduled: what it needs to pick overlapping pairs and to check the outcome.</summary>
internal sealed record ShiftSlot(Guid Id, int Day, int Slot, int Room, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity)
{
    public bool Overlaps(ShiftSlot other) => StartsAt < other.EndsAt && other.StartsAt < EndsAt;
}

/// <summary>What GET /api/shifts/{id} says about one shift.</summary>
internal sealed record ShiftState(Guid Id, int Capacity, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<Guid> Holders);

/// <summary>The coordinator's side of the API: scheduling the rush's shifts (not measured) and reading them back.</summary>
internal sealed class ShiftsApi : IDisposable
{
    private const string Role = "Usher";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;

    public ShiftsApi(Uri url, string signingKey)
    {
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8, UseCookies = false })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var token = DevTokens.Mint(signingKey, "bench-coordinator", [Roles.Coordinator], TimeSpan.FromHours(2));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A fresh conference in UTC, far enough ahead that signup is open for every shift.</summary>
    public Task<(Guid Id, DateOnly StartsOn)> CreateConference(string name, int days, CancellationToken ct) =>
        CreateConference(name, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), days, ct);

    /// <summary>A conference in UTC from <paramref name="startsOn"/>, <paramref name="days"/> days long (at most 32).</summary>
    public async Task<(Guid Id, DateOnly StartsOn)> CreateConference(string name, DateOnly startsOn, int days, CancellationToken ct)
    {
        var body = new
        {
            name,
            timeZone = "UTC",
            startsOn = startsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            endsOn = startsOn.AddDays(days - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            roles = new[] { new { name = Role } },
        };
        var created = await Post("/api/conferences", body, ct);
        return (created["id"]!.GetValue<Guid>(), startsOn);
    }

    public Task<Guid> CreateShift(Guid conferenceId, string title, string location, DateTimeOffset startsAt, DateTimeOffset endsAt,
        int capacity, CancellationToken ct) =>
        CreateShift(conferenceId, title, location, startsAt, endsAt, capacity, null, ct);

    /// <summary>With <paramref name="minimum"/> (null: the service's default, the capacity: under-staffed until full).</summary>
    public async Task<Guid> CreateShift(Guid conferenceId, string title, string location, DateTimeOffset startsAt, DateTimeOffset endsAt,
        int capacity, int? minimum, CancellationToken ct)
    {
        var body = new
        {
            conferenceId,
            role = Role,
            title,
            location,
            startsAt = startsAt.ToString("O", CultureInfo.InvariantCulture),
            endsAt = endsAt.ToString("O", CultureInfo.InvariantCulture),
            capacity,
            minimum,
        };
        var created = await Post("/api/shifts", body, ct);
        return created["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// The spread layout: hourly slots (8:00 to 21:00 each day), each shift two hours long, in every room.
    /// A shift overlaps the same slot in the other rooms and the slots an hour before and after.
    /// </summary>
    public async Task<IReadOnlyList<ShiftSlot>> ScheduleGrid(Guid conferenceId, DateOnly startsOn, int slots, int rooms, int capacity,
        CancellationToken ct)
    {
        const int SlotsPerDay = 14;
        var specs = new List<(int Day, int Slot, int Room, DateTimeOffset StartsAt)>();
        for (var slot = 0; slot < slots; slot++)
        {
            var day = slot / SlotsPerDay;
            var start = new DateTimeOffset(startsOn.AddDays(day).ToDateTime(new TimeOnly(8 + (slot % SlotsPerDay), 0)), TimeSpan.Zero);
            for (var room = 0; room < rooms; room++)
            {
                specs.Add((day, slot, room, start));
            }
        }

        var result = new ShiftSlot[specs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, specs.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) =>
            {
                var (day, slot, room, startsAt) = specs[i];
                var endsAt = startsAt.AddHours(2);
                var location = $"Room {(char)('A' + (room % 26))}{(room >= 26 ? room / 26 : "")}";
                var id = await CreateShift(conferenceId, $"Slot {slot + 1}", location, startsAt, endsAt, capacity, token);
                result[i] = new ShiftSlot(id, day, slot, room, startsAt, endsAt, capacity);
            });
        return result;
    }

    public async Task<ShiftState> GetShift(Guid id, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri($"/api/shifts/{id}", UriKind.Relative), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /api/shifts/{id} answered {(int)response.StatusCode}: {text}");
        }

        var node = JsonNode.Parse(text)!;
        var holders = node["holders"]!.AsArray().Select(h => h!["volunteerId"]!.GetValue<Guid>()).ToList();
        return new ShiftState(id, node["capacity"]!.GetValue<int>(), node["startsAt"]!.GetValue<DateTimeOffset>(),
            node["endsAt"]!.GetValue<DateTimeOffset>(), holders);
    }

    public async Task<IReadOnlyList<ShiftState>> GetShifts(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        var result = new ShiftState[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => result[i] = await GetShift(list[i], token));
        return result;
    }

    private async Task<JsonNode> Post(string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Json, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }

    public void Dispose() => http.Dispose();
}
