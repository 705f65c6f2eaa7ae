namespace VolunteerOps.Messaging.Publishing;

/// <summary>Completed once the broker topology is declared; nothing is published before that.</summary>
public sealed class TopologyReady
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void MarkReady() => ready.TrySetResult();

    public Task WaitAsync(CancellationToken ct) => ready.Task.WaitAsync(ct);
}
