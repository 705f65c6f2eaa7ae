using MassTransit;

namespace Notifications.IntegrationTests;

/// <summary>
/// Watches consumption of T on one instance. The first time a T has been consumed (its transaction
/// committed), it can hold the message before its acknowledgement until disposed: a process frozen between
/// commit and ack. Counts the redeliveries it sees complete.
/// </summary>
public sealed class HangAfterConsume<T>(bool hang = true) : IConsumeObserver, IAsyncDisposable
    where T : class
{
    private readonly TaskCompletionSource committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int redelivered;

    public Task Committed => committed.Task;

    public int Redelivered => Volatile.Read(ref redelivered);

    public Task PreConsume<TMessage>(ConsumeContext<TMessage> context) where TMessage : class => Task.CompletedTask;

    public Task PostConsume<TMessage>(ConsumeContext<TMessage> context) where TMessage : class
    {
        if (context.Message is not T)
        {
            return Task.CompletedTask;
        }

        if (context.ReceiveContext.Redelivered)
        {
            Interlocked.Increment(ref redelivered);
            return Task.CompletedTask;
        }

        return hang && committed.TrySetResult() ? release.Task : Task.CompletedTask;
    }

    public Task ConsumeFault<TMessage>(ConsumeContext<TMessage> context, Exception exception) where TMessage : class => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        release.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
