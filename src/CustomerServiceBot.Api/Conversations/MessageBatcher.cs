using System.Threading.Channels;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Understanding;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Conversations;

// Group commit. A transaction per message spends most of its time on round trips and on the commit's
// flush, not on the message; so the messages waiting when a worker comes free are taken together, up to
// MaxBatchSize, and handled in one transaction. Under light load a batch is one message and nothing waits
// for company; under heavy load the batches grow and the round trips and flushes per message shrink.
//
// The caller holds its conversation's gate while its message is queued, so a batch never holds two
// messages of one conversation and concurrent batches never share a conversation.
internal sealed class MessageBatcher(
    IServiceScopeFactory scopes,
    MessageTransaction transaction,
    IOptions<ConversationOptions> options,
    MessageMetrics metrics,
    ILogger<MessageBatcher> logger) : BackgroundService
{
    private readonly Channel<Submission> _queue = Channel.CreateUnbounded<Submission>();

    // reading: the message read ahead, if it was (DialoguePolicy.ReadAhead).
    public Task<BotReply> SubmitAsync(InboundMessage inbound, MessageReading? reading = null)
    {
        var submission = new Submission(inbound, reading);
        // The queue closes only when the service stops; a message arriving then is handled by its caller.
        return _queue.Writer.TryWrite(submission) ? submission.Reply.Task : RunAloneAsync(submission);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.BatchWorkers).Select(_ => Task.Run(WorkAsync, CancellationToken.None)));

    // Messages already accepted are still handled: the workers end when the queue is empty.
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WorkAsync()
    {
        var batch = new List<Submission>(options.Value.MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < options.Value.MaxBatchSize && _queue.Reader.TryRead(out var submission))
            {
                batch.Add(submission);
            }

            if (batch.Count > 0)
            {
                await HandleAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task HandleAsync(List<Submission> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var replies = await RunAsync(batch);
            metrics.Handled(batch.Count, started);
            for (var index = 0; index < batch.Count; index++)
            {
                batch[index].Reply.TrySetResult(replies[index]);
            }
        }
        catch (Exception exception) when (batch.Count > 1 && !IsOutage(exception))
        {
            // One message can sink a batch (a duplicate id under another buyer hits the unique key; a lock
            // cycle with another replica is broken by PostgreSQL failing one side): the rest must not pay.
            metrics.Failed();
            logger.LogWarning(exception, "A batch of {Count} messages failed; handling them one at a time", batch.Count);
            foreach (var submission in batch)
            {
                try
                {
                    submission.Reply.TrySetResult(await RunAloneAsync(submission));
                }
                catch (Exception single)
                {
                    submission.Reply.TrySetException(single);
                }
            }
        }
        catch (Exception exception)
        {
            // The database is away: every message of the batch gets the same 503 at once.
            metrics.Failed();
            foreach (var submission in batch)
            {
                submission.Reply.TrySetException(exception);
            }
        }
    }

    private async Task<BotReply> RunAloneAsync(Submission submission)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var reply = (await RunAsync([submission]))[0];
        metrics.Handled(1, started);
        return reply;
    }

    private async Task<IReadOnlyList<BotReply>> RunAsync(IReadOnlyList<Submission> submissions)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        return await transaction.RunAsync(db, submissions.Select(s => s.Inbound).ToList(), submissions.Select(s => s.Reading).ToList(), CancellationToken.None);
    }

    // A lost connection fails every message alike; a deadlock or serialisation failure is one batch's bad luck.
    private static bool IsOutage(Exception exception) =>
        DatabaseUnavailableExceptionHandler.IsOutage(exception)
        && exception.GetBaseException() is not Npgsql.PostgresException { SqlState: "40P01" or "40001" };

    private sealed class Submission(InboundMessage inbound, MessageReading? reading)
    {
        public InboundMessage Inbound { get; } = inbound;

        public MessageReading? Reading { get; } = reading;

        // Completed from a worker: continuations run on the pool, not inline on the worker.
        public TaskCompletionSource<BotReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
