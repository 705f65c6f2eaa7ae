namespace VolunteerOps.Shifts.Coverage.Signals;

public static class CoverageSignalsSetup
{
    /// <summary>The listener is a singleton (streams subscribe to it) and a hosted service (it listens).</summary>
    public static IServiceCollection AddCoverageSignals(this IServiceCollection services)
    {
        services.AddSingleton<CoverageListener>();
        services.AddHostedService(sp => sp.GetRequiredService<CoverageListener>());
        return services;
    }
}
