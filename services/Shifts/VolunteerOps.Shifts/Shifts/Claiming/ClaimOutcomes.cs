using System.Diagnostics.Metrics;
using VolunteerOps.ServiceDefaults.Telemetry;

namespace VolunteerOps.Shifts.Shifts.Claiming;

/// <summary>Claims by outcome: claimed, already-held, replayed (Idempotency-Key), or the refusal's slug (shift-full, ...).</summary>
public static class ClaimOutcomes
{
    public const string Claimed = "claimed";
    public const string AlreadyHeld = "already-held";
    public const string Replayed = "replayed";

    private static readonly Counter<long> Claims = VolunteerOpsTelemetry.Meter.CreateCounter<long>(
        "volunteerops.claims", description: "Claim requests by outcome.");

    public static void Record(string outcome) => Claims.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
