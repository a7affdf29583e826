namespace CustomerServiceBot.Api.Hosting;

// Wakes a background loop before its next poll; several notifications before it runs collapse into
// one. Each loop has its own subclass so the container tells them apart.
internal abstract class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
