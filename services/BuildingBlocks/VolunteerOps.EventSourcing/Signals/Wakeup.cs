using System.Threading.Channels;

namespace VolunteerOps.EventSourcing.Signals;

/// <summary>
/// An auto-reset signal: any number of Set calls wake one waiter once. What LISTEN/NOTIFY listeners hand to
/// whoever waits for a change (a stream, a worker); the waiter then re-reads the database.
/// </summary>
public sealed class Wakeup
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Set() => channel.Writer.TryWrite(true);

    /// <summary>Forgets a pending signal: the caller is about to read everything it could have announced.</summary>
    public void Reset() => channel.Reader.TryRead(out _);

    /// <summary>True when set, false after the timeout, whichever is first.</summary>
    public async Task<bool> Wait(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await channel.Reader.ReadAsync(timer.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
