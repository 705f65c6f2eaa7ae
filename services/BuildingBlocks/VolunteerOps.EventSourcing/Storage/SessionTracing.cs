using Marten;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.EventSourcing.Storage;

public static class SessionTracing
{
    /// <summary>
    /// Events appended in this session carry the current trace context in their headers, so the subscription
    /// that publishes them after the commit continues the trace of the request (or message) that wrote them.
    /// </summary>
    public static IDocumentSession CarryingTraceContext(this IDocumentSession session)
    {
        if (TraceContext.Current() is { } traceParent)
        {
            session.SetHeader(TraceContext.Header, traceParent);
        }

        return session;
    }
}
