namespace VolunteerOps.Shifts.Coverage.Signals;

/// <summary>A stream's interest in one conference's changes; disposing it ends the interest.</summary>
public sealed class CoverageSubscription(CoverageWakeup wakeup, Action unsubscribe) : IDisposable
{
    public CoverageWakeup Changed => wakeup;

    public void Dispose() => unsubscribe();
}
