using VolunteerOps.EventSourcing.Signals;

namespace VolunteerOps.Shifts.Coverage.Signals;

/// <summary>A stream's interest in one conference's changes; disposing it ends the interest.</summary>
public sealed class CoverageSubscription(Wakeup wakeup, Action unsubscribe) : IDisposable
{
    public Wakeup Changed => wakeup;

    public void Dispose() => unsubscribe();
}
