using Marten;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Shifts.GettingHistory;

public sealed record HistoryEntry(long Version, string Type, DateTimeOffset At, string By, object Data);

public static class GetShiftHistory
{
    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapGet("{id}/history", async (Guid id, IQuerySession session, HttpContext http) =>
            {
                var events = await session.Events.FetchStreamAsync(id, token: http.RequestAborted);
                var history = events
                    .Where(e => e.Data is IShiftEvent)
                    .Select(e => (e, Data: (IShiftEvent)e.Data))
                    .Select(x => new HistoryEntry(x.e.Version, x.e.EventTypeName, x.Data.At, x.Data.By, x.Data))
                    .ToList();
                return history.Count == 0 ? throw ProblemException.NotFound($"No shift {id}.") : Results.Ok(history);
            })
            .RequireAuthorization(Policies.Coordinator);
}
