using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VolunteerOps.ServiceDefaults.Telemetry;

/// <summary>The project's own activity source and meter, shared by every service.</summary>
public static class VolunteerOpsTelemetry
{
    public const string ActivitySourceName = "VolunteerOps";
    public const string MeterName = "VolunteerOps";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);

    /// <summary>Every problem-details answer, by its slug and status: refusals, bad input, conflicts.</summary>
    public static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "volunteerops.refusals", description: "Requests answered with problem details, by type (slug) and status.");
}
