using Microsoft.Extensions.Configuration;

namespace VolunteerOps.ServiceDefaults;

/// <summary>
/// A service runs as one worker plus any number of HTTP replicas. The worker (Worker:Enabled, the default)
/// also runs the Marten async daemon (the publishing subscription), the message consumers and the background
/// jobs. The daemon runs in Solo mode, which must be exactly one process per service (environment.md:
/// HotCold leader election fails with the redirect package Marten restores through), so every other replica
/// sets Worker:Enabled=false and only serves HTTP.
/// </summary>
public static class WorkerRole
{
    public const string Setting = "Worker:Enabled";

    public static bool RunsWorker(this IConfiguration configuration) => configuration.GetValue(Setting, true);
}
