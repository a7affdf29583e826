using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace CustomerServiceBot.Api.Hosting;

// Log events formatted and written to a stream by Serilog's background batching task: one write and
// flush per batch. The console sink writes and flushes every event under a process-wide lock on the
// request's own thread; with one line per request that cost a tenth of the webhook's throughput.
internal sealed class BatchedStreamSink(ITextFormatter formatter, Stream output) : IBatchedLogEventSink, IDisposable
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
    private readonly StringWriter _line = new();

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            // Each event is formatted on its own first: one that fails to format (an exception whose
            // ToString throws) is skipped whole instead of leaving half a line, and the batch never fails
            // after part of it was written, which Serilog would answer by writing all of it again.
            _line.GetStringBuilder().Clear();
            try
            {
                formatter.Format(logEvent, _line);
            }
            catch (Exception exception)
            {
                SelfLog.WriteLine("A log event could not be formatted and was dropped: {0}", exception);
                continue;
            }

            _writer.Write(_line.GetStringBuilder());
        }

        // Synchronous on purpose: the batching task is the only writer, and an async flush to a pipe
        // buys nothing there.
        _writer.Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => _writer.Dispose();
}
