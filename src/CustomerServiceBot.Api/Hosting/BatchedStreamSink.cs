using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace CustomerServiceBot.Api.Hosting;

// Log events formatted and written to a stream by Serilog's background batching task: one write and
// flush per batch. The console sink writes and flushes every event under a process-wide lock on the
// request's own thread; with one line per request that cost a tenth of the webhook's throughput.
internal sealed class BatchedStreamSink(ITextFormatter formatter, Stream output) : IBatchedLogEventSink, IDisposable
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, _writer);
        }

        // Synchronous on purpose: the batching task is the only writer, and an async flush to a pipe
        // buys nothing there.
        _writer.Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => _writer.Dispose();
}
