using System.Net;
using Shifts.IntegrationTests.Endpoints;
using VolunteerOps.Shifts.Coverage;

namespace Shifts.IntegrationTests.Coverage;

/// <summary>Reading coverage and changing shifts the way clients do, for the coverage tests.</summary>
public static class CoverageHttp
{
    /// <summary>GET /api/coverage as a viewer (the least privileged reader), insisting on 200.</summary>
    public static async Task<CoverageDocument> Coverage(this ShiftsApi api, Guid conferenceId, string extraQuery = "")
    {
        using var viewer = api.AsViewer();
        var response = await viewer.GetAsync($"/api/coverage?conferenceId={conferenceId}{extraQuery}");
        await response.AssertStatus(HttpStatusCode.OK);
        return await response.Body<CoverageDocument>();
    }

    public static string Q(string name, DateTimeOffset at) => $"&{name}={Uri.EscapeDataString(EndpointHttp.Iso(at))}";

    public static CoverageShift Of(this CoverageDocument coverage, Guid shiftId) => Assert.Single(coverage.Shifts, s => s.Id == shiftId);

    public static async Task Release(this ShiftsApi api, Guid shiftId, Guid volunteerId)
    {
        using var coordinator = api.AsCoordinator();
        await (await coordinator.DeleteAsync($"/api/shifts/{shiftId}/claims/{volunteerId}")).AssertStatus(HttpStatusCode.NoContent);
    }

    public static async Task Cancel(this ShiftsApi api, Guid shiftId)
    {
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shiftId}/cancel", EndpointHttp.JsonContent(new { reason = "Room closed" })))
            .AssertStatus(HttpStatusCode.OK);
    }

    public static async Task Change(this ShiftsApi api, Guid shiftId, object patch)
    {
        using var coordinator = api.AsCoordinator();
        await (await coordinator.Patch($"/api/shifts/{shiftId}", patch)).AssertStatus(HttpStatusCode.OK);
    }

    public static async Task Reassign(this ShiftsApi api, Guid shiftId, Guid from, Guid to)
    {
        using var coordinator = api.AsCoordinator();
        await (await coordinator.PostAsync($"/api/shifts/{shiftId}/reassign", EndpointHttp.JsonContent(new { fromVolunteerId = from, toVolunteerId = to })))
            .AssertStatus(HttpStatusCode.OK);
    }
}
