using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using VolunteerOps.ServiceDefaults.Problems;
using VolunteerOps.ServiceDefaults.Security;
using VolunteerOps.Shifts.Coverage.Signals;

namespace VolunteerOps.Shifts.Coverage.StreamingCoverage;

/// <summary>
/// GET /api/coverage/stream: server-sent events. On connect one "coverage" event with the whole document, then
/// one after each committed change to the conference's shifts (woken by <see cref="CoverageListener"/>), a
/// comment every 15 s of silence so proxies keep the connection, and "retry: 2000" for reconnecting clients.
/// Every event is the whole document, so a client that reconnects needs nothing it missed (no Last-Event-ID).
/// </summary>
public static class StreamCoverage
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    // A claim rush commits many changes a second: a stream reads at most once per interval, and the read after
    // the last change of a burst always happens (signals arriving during a read wake the next one).
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);

    // "Starts within the next hours" moves with the clock, not only with events: a quiet stream looks again this often.
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    public static void Map(IEndpointRouteBuilder coverage) =>
        coverage.MapGet("stream", async (
                [AsParameters] CoverageQuery query, HttpContext http, IQuerySession session, CoverageListener listener, TimeProvider clock,
                IOptions<JsonOptions> json, ILoggerFactory loggers) =>
            {
                var ct = http.RequestAborted;
                if (query.AsOf is not null)
                {
                    throw ProblemException.Validation(new Dictionary<string, string[]>
                    {
                        ["asOf"] = ["A stream follows the present; GET /api/coverage?asOf= shows the past."],
                    });
                }

                var request = query.Parse(clock.GetUtcNow());

                // Subscribed before the first read: whatever commits after that read is heard.
                using var subscription = listener.Subscribe(request.ConferenceId);
                var first = await ConferenceShifts.Require(session, request.ConferenceId, null, ct);
                var sinceRead = Stopwatch.StartNew();

                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["X-Accel-Buffering"] = "no";
                var events = new CoverageEvents(http.Response, request, json.Value.SerializerOptions);
                try
                {
                    await http.Response.WriteAsync("retry: 2000\n\n", ct);
                    await events.SendIfChanged(first, clock.GetUtcNow(), ct);
                    while (true)
                    {
                        if (await subscription.Changed.Wait(KeepAlive, ct))
                        {
                            var wait = Coalesce - sinceRead.Elapsed;
                            if (wait > TimeSpan.Zero)
                            {
                                await Task.Delay(wait, ct);
                            }

                            // Every signal so far announced a committed change the read below sees; later ones wake us again.
                            subscription.Changed.Reset();
                        }
                        else
                        {
                            await http.Response.WriteAsync(": keep-alive\n\n", ct);
                            await http.Response.Body.FlushAsync(ct);
                            if (sinceRead.Elapsed < Refresh)
                            {
                                continue;
                            }
                        }

                        var shifts = await ConferenceShifts.Require(session, request.ConferenceId, null, ct);
                        sinceRead.Restart();
                        await events.SendIfChanged(shifts, clock.GetUtcNow(), ct);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // The client went away.
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Too late for a problem document once the stream has begun: end it. The client reconnects after
                    // two seconds and, if the database is still away, gets its 503 problem then.
                    loggers.CreateLogger(typeof(StreamCoverage)).LogWarning(e, "Ending a coverage stream: reading coverage failed");
                }
            })
            .RequireAuthorization(Policies.Reader);
}
