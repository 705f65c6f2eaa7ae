using Marten;
using VolunteerOps.ServiceDefaults.Json;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;

namespace VolunteerOps.Shifts.Shifts.GettingHoldersAsOf;

public sealed record HoldersAsOf(Guid ShiftId, DateTimeOffset AsOf, bool Existed, IReadOnlyList<Holder> Holders);

public static class GetHoldersAsOf
{
    /// <summary>Replays the shift's events up to a moment: "who chaired Talk X at 14:05?".</summary>
    public static HoldersAsOf Replay(Guid shiftId, IEnumerable<IShiftEvent> events, DateTimeOffset asOf)
    {
        var state = events.Where(e => e.At <= asOf).Aggregate((Shift?)null, Shift.Fold);
        return new HoldersAsOf(shiftId, asOf, state is not null, state?.Holders ?? []);
    }

    public static void Map(IEndpointRouteBuilder shifts) =>
        shifts.MapGet("{id}/holders", async (Guid id, string? asOf, IQuerySession session, HttpContext http, TimeProvider clock) =>
            {
                var moment = QueryTimes.Parse(asOf, "asOf") ?? clock.GetUtcNow();
                var events = (await session.Events.FetchStreamAsync(id, token: http.RequestAborted)).Select(e => e.Data).OfType<IShiftEvent>().ToList();
                return events.Count == 0 ? throw ProblemException.NotFound($"No shift {id}.") : Results.Ok(Replay(id, events, moment));
            })
            .RequireAuthorization(Policies.Coordinator);
}
