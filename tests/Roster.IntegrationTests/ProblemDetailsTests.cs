using System.Net;

namespace Roster.IntegrationTests;

/// <summary>
/// Every error answer of the Roster is RFC 9457 problem details: application/problem+json, a type
/// https://volunteerops.dev/problems/&lt;slug&gt;, the status, and a traceId. One request per kind of failure.
/// </summary>
public class ProblemDetailsTests(RosterApi api) : IClassFixture<RosterApi>
{
    public static TheoryData<string, int, string?> Failures => new()
    {
        { "anonymous register", 401, "unauthorized" },
        { "bad token", 401, "unauthorized" },
        { "viewer register", 403, "forbidden" },
        { "other volunteer's profile", 403, "forbidden" },
        { "unknown volunteer", 404, "not-found" },
        { "invalid field", 400, "validation" },
        { "malformed json", 400, "malformed-request" },
        { "id not a guid", 400, null },
        { "wrong method", 405, "method-not-allowed" },
        { "duplicate email", 409, "duplicate-email" },
        { "already deactivated", 409, "already-deactivated" },
        { "missing qualification", 404, "qualification-not-found" },
        { "stale if-match", 412, "stale-version" },
        { "idempotency key reused", 422, "idempotency-key-reused" },
        { "invalid idempotency key", 400, "invalid-idempotency-key" },
        { "body too large", 413, "payload-too-large" },
        { "calendar without key or token", 401, "unauthorized" },
        { "roster without conference", 400, "validation" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Every_error_answer_is_problem_json_with_a_stable_type_and_a_traceId(string failure, int status, string? slug)
    {
        var response = await Provoke(failure);

        await response.AssertProblem((HttpStatusCode)status, slug);
    }

    private async Task<HttpResponseMessage> Provoke(string failure)
    {
        var volunteer = await api.NewVolunteer();
        var email = RosterApi.UniqueEmail();
        using var coordinator = api.Coordinator();
        switch (failure)
        {
            case "anonymous register":
                return await api.Anonymous().Send(HttpMethod.Post, "/api/volunteers", new { name = "X", email });
            case "bad token":
                return await api.Factory.WithToken("not.a.token").GetAsync($"/api/volunteers/{volunteer}");
            case "viewer register":
                return await api.Viewer().Send(HttpMethod.Post, "/api/volunteers", new { name = "X", email });
            case "other volunteer's profile":
                return await api.Volunteer(Guid.CreateVersion7()).GetAsync($"/api/volunteers/{volunteer}");
            case "unknown volunteer":
                return await coordinator.GetAsync($"/api/volunteers/{Guid.CreateVersion7()}");
            case "invalid field":
                return await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "X", email = "nope" });
            case "malformed json":
                return await coordinator.Send(HttpMethod.Post, "/api/volunteers", Http.JsonContent("{\"name\": 12"));
            case "id not a guid":
                return await coordinator.GetAsync("/api/volunteers/12345");
            case "wrong method":
                return await coordinator.DeleteAsync($"/api/volunteers/{volunteer}");
            case "duplicate email":
                await api.Register(email: email);
                return await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "X", email });
            case "already deactivated":
                await (await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{volunteer}/deactivate", new { reason = "gone" })).AssertStatus(HttpStatusCode.OK);
                return await coordinator.Send(HttpMethod.Post, $"/api/volunteers/{volunteer}/deactivate", new { reason = "gone" });
            case "missing qualification":
                return await coordinator.DeleteAsync($"/api/volunteers/{volunteer}/qualifications/none");
            case "stale if-match":
                return await coordinator.Send(HttpMethod.Put, $"/api/volunteers/{volunteer}/preferences", new { channels = new[] { "email" } }, ifMatch: "\"7\"");
            case "idempotency key reused":
                await (await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "X", email }, idempotencyKey: "k-" + email)).AssertStatus(HttpStatusCode.Created);
                return await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "Y", email = RosterApi.UniqueEmail() }, idempotencyKey: "k-" + email);
            case "invalid idempotency key":
                return await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = "X", email }, idempotencyKey: new string('k', 201));
            case "body too large":
                return await coordinator.Send(HttpMethod.Post, "/api/volunteers", new { name = new string('x', 70 * 1024), email });
            case "calendar without key or token":
                return await api.Anonymous().GetAsync($"/api/volunteers/{volunteer}/schedule.ics?key=wrong");
            case "roster without conference":
                return await coordinator.GetAsync("/api/roster");
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, "no such failure in the catalogue");
        }
    }
}
