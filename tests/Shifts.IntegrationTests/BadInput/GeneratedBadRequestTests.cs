using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Shifts.IntegrationTests.Endpoints;

namespace Shifts.IntegrationTests.BadInput;

/// <summary>
/// Hundreds of generated bad requests (a fixed seed) across every write endpoint: each must be refused with a 4xx
/// problem document that leaks nothing, and none may change the event store or the shift.
/// </summary>
public class GeneratedBadRequestTests(ShiftsApi api, ITestOutputHelper output) : IClassFixture<ShiftsApi>
{
    /// <summary>Texts that only internal code would put in an answer: our namespaces and .NET stack frames.</summary>
    private static readonly string[] Leaks = ["VolunteerOps.", "   at "];

    /// <summary>C# type names of the request records, worth noting (not failing on) when an answer names them.</summary>
    private static readonly string[] TypeNames =
    [
        "CreateConferenceRequest", "ScheduleShiftRequest", "RescheduleRequest", "CancelRequest", "ClaimRequest", "ReassignRequest",
        "CheckInRequest", "NoShowRequest", "System.", "Microsoft.",
    ];

    private sealed record Outcome(BadRequest Request, int Status, string Body, List<string> Violations);

    [Fact]
    public async Task Two_hundred_generated_bad_requests_are_all_refused_with_4xx_problems_and_change_nothing()
    {
        var scene = await EndpointScene.Create(api);
        var shift = await scene.Shift(10, hours: 2, capacity: 3, minimum: 2);
        var holder = await api.NewVolunteer();
        await scene.Hold(shift.Id, holder);
        var detailsBefore = await ReadDetails(shift.Id);
        var eventsBefore = await api.EventCount();

        var spare = await api.NewVolunteer();
        var requests = BadRequestCatalogue.Build(new BadInputScene(scene, shift.Id, holder, spare, ShiftVersion: 2));
        Assert.True(requests.Count >= 200, $"only {requests.Count} requests were generated");

        using var coordinator = api.AsCoordinator();
        using var volunteer = api.AsVolunteer(Guid.CreateVersion7());
        using var anonymous = api.Anonymous();
        var outcomes = new List<Outcome>();
        long? eventsBeforeOneMegabyte = null;
        foreach (var request in requests)
        {
            if (request.Category == "one-megabyte" && eventsBeforeOneMegabyte is null)
            {
                eventsBeforeOneMegabyte = await api.EventCount();
            }

            var client = request.Sender switch
            {
                Sender.Volunteer => volunteer,
                Sender.Anonymous => anonymous,
                _ => coordinator,
            };
            outcomes.Add(await Send(client, request));
        }

        var eventsAfter = await api.EventCount();
        var detailsAfter = await ReadDetails(shift.Id);

        Report(outcomes, eventsBefore, eventsBeforeOneMegabyte, eventsAfter);

        var failures = outcomes.Where(o => o.Violations.Count > 0).Select(o => $"{o.Request} -> {o.Status}: {string.Join("; ", o.Violations)}").ToList();
        if (eventsAfter != eventsBefore)
        {
            failures.Add($"the event store changed: {eventsBefore} events before, {eventsAfter} after " +
                $"({eventsBeforeOneMegabyte} before the 1 MB requests)");
        }

        if (detailsAfter != detailsBefore)
        {
            failures.Add($"the shift changed:\n  before {detailsBefore}\n  after  {detailsAfter}");
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {outcomes.Count} generated bad requests were not refused cleanly:\n" + string.Join("\n", failures.Take(80)));
    }

    private async Task<string> ReadDetails(Guid shiftId)
    {
        using var coordinator = api.AsCoordinator();
        var response = await coordinator.GetAsync($"/api/shifts/{shiftId}");
        await response.AssertStatus(HttpStatusCode.OK);
        return $"ETag {response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
    }

    private static async Task<Outcome> Send(HttpClient client, BadRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path) { Content = request.Content() };
        foreach (var (name, value) in request.Headers)
        {
            Assert.True(message.Headers.TryAddWithoutValidation(name, value), $"header {name}");
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            return new Outcome(request, 0, "", [$"no answer: {e.GetType().Name}: {e.Message}"]);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            return new Outcome(request, (int)response.StatusCode, body, Check(request, response, body));
        }
    }

    /// <summary>Every answer: the expected 4xx, a problem document with our type URI and a traceId, and no internals.</summary>
    private static List<string> Check(BadRequest request, HttpResponseMessage response, string body)
    {
        var violations = new List<string>();
        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500)
        {
            violations.Add($"status {status} is not a 4xx");
        }

        if (!request.Expected.Contains(status))
        {
            violations.Add($"expected {string.Join(" or ", request.Expected)}");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "application/problem+json")
        {
            violations.Add($"Content-Type is {mediaType ?? "absent"}, not application/problem+json");
        }

        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            var type = problem.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type is null || !type.StartsWith(EndpointHttp.ProblemPrefix, StringComparison.Ordinal))
            {
                violations.Add($"type '{type}' is not one of ours");
            }

            if (!problem.TryGetProperty("traceId", out var traceId) || string.IsNullOrEmpty(traceId.GetString()))
            {
                violations.Add("no traceId");
            }

            if (!problem.TryGetProperty("status", out var s) || s.GetInt32() != status)
            {
                violations.Add("the document's status differs from the answer's");
            }
        }
        catch (JsonException)
        {
            violations.Add($"the body is not JSON: {Shorten(body)}");
        }

        foreach (var leak in Leaks.Where(l => body.Contains(l, StringComparison.Ordinal)))
        {
            violations.Add($"the body contains '{leak}': {Shorten(body)}");
        }

        return violations;
    }

    private void Report(List<Outcome> outcomes, long eventsBefore, long? eventsBeforeOneMegabyte, long eventsAfter)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{outcomes.Count} generated bad requests (seed {BadRequestCatalogue.Seed})");
        text.AppendLine("By status: " + string.Join(", ", outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")));
        text.AppendLine("By category:");
        foreach (var category in outcomes.GroupBy(o => o.Request.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var statuses = string.Join(", ", category.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"  {category.Key,-18} {category.Count(),4}: {statuses}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"By sender: {string.Join(", ", outcomes.GroupBy(o => o.Request.Sender).Select(g => $"{g.Key} x{g.Count()}"))}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Events: {eventsBefore} before, {eventsBeforeOneMegabyte?.ToString(CultureInfo.InvariantCulture) ?? "-"} before the 1 MB requests, {eventsAfter} after");
        var failing = outcomes.Where(o => o.Violations.Count > 0).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"Not refused cleanly: {failing.Count}");
        foreach (var o in failing.Take(60))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {o.Request} -> {o.Status}: {string.Join("; ", o.Violations)} | {Shorten(o.Body)}");
        }

        var naming = outcomes.Where(o => TypeNames.Any(n => o.Body.Contains(n, StringComparison.Ordinal))).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"Answers that name a C# type (noted, not failed): {naming.Count}");
        foreach (var o in naming.GroupBy(o => Shorten(o.Body, 160)).Take(10))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  x{o.Count()} e.g. {o.First().Request}: {o.Key}");
        }

        output.WriteLine(text.ToString());
    }

    private static string Shorten(string text, int max = 240) => text.Length <= max ? text : text[..max] + "...";
}
