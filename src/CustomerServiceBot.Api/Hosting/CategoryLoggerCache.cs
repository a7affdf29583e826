using System.Collections.Concurrent;

namespace CustomerServiceBot.Api.Hosting;

// One logger per category, as Microsoft's LoggerFactory keeps them. Serilog's factory makes a new logger (with its
// own event-id cache) on every call, and ASP.NET Core's results ask for one on every response they write.
internal sealed class CategoryLoggerCache(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    // Replaces the ILoggerFactory registered last with one that caches what it makes.
    public static void Wrap(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to cache.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CategoryLoggerCache(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } factory } => (ILoggerFactory)factory(provider),
            _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
        }));
    }

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The inner factory flushes and closes the log's sinks.
    public void Dispose() => inner.Dispose();
}
