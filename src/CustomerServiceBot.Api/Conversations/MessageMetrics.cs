using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CustomerServiceBot.Api.Conversations;

// How group commit behaves under the real load: messages per transaction and how long one takes.
// Read with `dotnet-counters monitor -n CustomerServiceBot.Api --counters CustomerServiceBot.Messages`
// or any OpenTelemetry exporter.
internal sealed class MessageMetrics
{
    public const string MeterName = "CustomerServiceBot.Messages";

    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly Counter<long> _batchFailures;

    public MessageMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _batchSize = Meter.CreateHistogram<int>("csbot.message_batch.size", "{message}", "Buyer messages handled in one transaction");
        _batchDuration = Meter.CreateHistogram<double>("csbot.message_batch.duration", "ms", "Time from a batch's first statement to its commit");
        _batchFailures = Meter.CreateCounter<long>("csbot.message_batch.failures", "{batch}", "Batches that failed and were handled one message at a time, or failed for the database");
    }

    public Meter Meter { get; }

    public void Handled(int messages, long startedTimestamp)
    {
        _batchSize.Record(messages);
        _batchDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds);
    }

    public void Failed() => _batchFailures.Add(1);
}
