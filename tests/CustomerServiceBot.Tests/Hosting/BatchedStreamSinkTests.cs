using System.Text;
using System.Text.Json;
using CustomerServiceBot.Api.Hosting;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;

namespace CustomerServiceBot.Tests.Hosting;

public sealed class BatchedStreamSinkTests
{
    [Fact]
    public async Task EveryEventFromEveryThreadIsWrittenAsOneLineByTheTimeTheLoggerCloses()
    {
        var output = new CountingStream();
        var logger = Logger(output, TimeSpan.FromMilliseconds(50));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var index = 0; index < 500; index++)
            {
                logger.Information("Message {Thread}/{Index}: {Text}", thread, index, "你好\n<b>\"quoted\"</b>");
            }
        })));
        ((IDisposable)logger).Dispose();

        var lines = Encoding.UTF8.GetString(output.Written.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2000, lines.Length);
        var seen = lines.Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("Thread").GetInt32(), e.GetProperty("Index").GetInt32(), e.GetProperty("Text").GetString()))
            .ToList();
        Assert.Equal(2000, seen.Select(s => (s.Item1, s.Item2)).Distinct().Count());
        Assert.All(seen, s => Assert.Equal("你好\n<b>\"quoted\"</b>", s.Item3));
        // One thread's events keep their order.
        Assert.All(seen.GroupBy(s => s.Item1), g => Assert.Equal(Enumerable.Range(0, 500), g.Select(s => s.Item2)));
    }

    [Fact]
    public void EventsAreFlushedPerBatchNotPerEvent()
    {
        var output = new CountingStream();
        var logger = Logger(output, TimeSpan.FromSeconds(30));

        for (var index = 0; index < 1000; index++)
        {
            logger.Information("Request {Index}", index);
        }

        ((IDisposable)logger).Dispose();

        Assert.Equal(1000, Encoding.UTF8.GetString(output.Written.ToArray()).Count(c => c == '\n'));
        Assert.InRange(output.Flushes, 1, 5);
    }

    [Fact]
    public void AnEventThatFailsToFormatIsDroppedWholeAndTheOthersAreWrittenOnce()
    {
        var output = new CountingStream();
        var logger = Logger(output, TimeSpan.FromSeconds(30), new FailingHalfway());

        for (var index = 0; index < 100; index++)
        {
            logger.Information("Request {Index}", index);
        }

        ((IDisposable)logger).Dispose();

        var lines = Encoding.UTF8.GetString(output.Written.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var indexes = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Index").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, 100).Where(i => i != FailingHalfway.Broken), indexes);
    }

    private static ILogger Logger(Stream output, TimeSpan bufferingTimeLimit, ITextFormatter? formatter = null) =>
        new LoggerConfiguration()
            .WriteTo.Sink(
                new BatchedStreamSink(formatter ?? new CompactJsonFormatter(), output),
                new BatchingOptions { BufferingTimeLimit = bufferingTimeLimit, BatchSizeLimit = 1000, EagerlyEmitFirstEvent = false })
            .CreateLogger();

    // Writes half of event 37's line, then throws, as a formatter meeting a throwing ToString would.
    private sealed class FailingHalfway : ITextFormatter
    {
        public const int Broken = 37;

        private readonly CompactJsonFormatter _inner = new();

        public void Format(LogEvent logEvent, TextWriter output)
        {
            if (logEvent.Properties["Index"] is ScalarValue { Value: Broken })
            {
                output.Write("{\"@t\":\"2026-");
                throw new InvalidOperationException("ToString failed");
            }

            _inner.Format(logEvent, output);
        }
    }

    private sealed class CountingStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public int Flushes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written.Length;

        public override long Position { get => Written.Position; set => throw new NotSupportedException(); }

        public override void Flush() => Flushes++;

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
