using System.Diagnostics;

namespace VolunteerOps.ServiceDefaults.Telemetry;

/// <summary>
/// A W3C trace context kept with stored work (an event's headers, a pending delivery) so that whatever
/// processes it later, in another process or after a restart, continues the trace of the request that caused it.
/// </summary>
public static class TraceContext
{
    /// <summary>The W3C header name, also used as the key in Marten event headers.</summary>
    public const string Header = "traceparent";

    /// <summary>The current activity as a traceparent value, or null outside any W3C trace.</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: var id } ? id : null;

    /// <summary>Starts an activity of our own source as a child of a stored traceparent (or of the current activity).</summary>
    public static Activity? StartChildOf(string? traceParent, string name, ActivityKind kind = ActivityKind.Internal) =>
        VolunteerOpsTelemetry.ActivitySource.StartActivity(
            name, kind, ActivityContext.TryParse(traceParent, null, out var parent) ? parent : default);
}
