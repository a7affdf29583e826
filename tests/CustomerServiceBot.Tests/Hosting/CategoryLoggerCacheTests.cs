using CustomerServiceBot.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace CustomerServiceBot.Tests.Hosting;

public sealed class CategoryLoggerCacheTests
{
    [Fact]
    public void OneLoggerPerCategoryAndEachWritesUnderItsOwnCategory()
    {
        var sink = new CollectingSink();
        using var factory = new CategoryLoggerCache(new SerilogLoggerFactory(new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(), dispose: true));

        var first = factory.CreateLogger("Shops");
        var again = factory.CreateLogger("Shops");
        var other = factory.CreateLogger("Webhooks");
        first.LogInformation("one");
        other.LogInformation("two");

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(["\"Shops\" one", "\"Webhooks\" two"], sink.Events.Select(e => $"{e.Properties["SourceContext"]} {e.RenderMessage()}"));
    }

    [Fact]
    public void WrappedFactoryIsMadeByItsRegistrationAndClosedWithTheContainer()
    {
        var sink = new CollectingSink();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(_ => new SerilogLoggerFactory(new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(), dispose: true));

        CategoryLoggerCache.Wrap(services);
        var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();
        factory.CreateLogger("Shops").LogWarning("before");
        provider.Dispose();

        Assert.IsType<CategoryLoggerCache>(factory);
        Assert.Single(services, d => d.ServiceType == typeof(ILoggerFactory));
        Assert.Equal(["before"], sink.Events.Select(e => e.RenderMessage()));
        Assert.True(sink.Disposed);
    }

    private sealed class CollectingSink : ILogEventSink, IDisposable
    {
        public List<LogEvent> Events { get; } = [];

        public bool Disposed { get; private set; }

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);

        public void Dispose() => Disposed = true;
    }
}
