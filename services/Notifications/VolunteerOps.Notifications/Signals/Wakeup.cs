using System.Threading.Channels;

namespace VolunteerOps.Notifications.Signals;

/// <summary>An auto-reset signal: any number of Set calls wake one waiter once.</summary>
public sealed class Wakeup
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Set() => channel.Writer.TryWrite(true);

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
