using System.Text.Json;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Outbound;

// Delivers outbox rows: claims due rows under a lease (several replicas skip each other's rows),
// calls the platform, and marks each row sent, schedules a retry with backoff and jitter, or
// dead-letters it. Rows of one conversation go out in order: a row waits while an older row of its
// conversation is pending.
internal sealed class OutboundDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IPlatformClient> clients,
    IEnumerable<IOutboxSendCheck> sendChecks,
    OutboundSignal signal,
    ConversationLocks locks,
    IOptions<OutboundOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<OutboundDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, IPlatformClient> _clients = clients.ToDictionary(c => c.Platform, StringComparer.Ordinal);
    private readonly Dictionary<string, IOutboxSendCheck> _sendChecks = sendChecks.ToDictionary(c => c.Kind, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed;
            try
            {
                claimed = await DispatchBatchAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be away; the rows stay pending and the next round tries again.
                logger.LogWarning(exception, "Outbound dispatch round failed");
                claimed = 0;
            }

            if (claimed < options.Value.BatchSize)
            {
                await signal.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    // Returns how many rows were claimed; a full batch means more may be due at once.
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var claimed = await ClaimAsync(db, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var rows = await DropStaleAsync(db, claimed, cancellationToken);

        var accounts = await LoadAccountsAsync(db, rows, cancellationToken);
        var results = new DeliveryResult[rows.Count];
        // At most one row per conversation is claimed, so rows can go out side by side.
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (index, token) => results[index] = await DeliverAsync(rows[index], accounts, token));

        for (var index = 0; index < rows.Count; index++)
        {
            await RecordAsync(db, rows[index], results[index], cancellationToken);
        }

        return claimed.Count;
    }

    // Right before the platform call: rows whose reason to exist is gone are cancelled, not sent.
    private async Task<List<OutboxMessage>> DropStaleAsync(BotDbContext db, List<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        var stale = new Dictionary<long, string>();
        foreach (var group in rows.GroupBy(r => r.Kind))
        {
            if (_sendChecks.TryGetValue(group.Key, out var check))
            {
                foreach (var (id, reason) in await check.StaleAsync(db, [.. group], cancellationToken))
                {
                    stale[id] = reason;
                }
            }
        }

        if (stale.Count == 0)
        {
            return rows;
        }

        using (await locks.AcquireSqliteWriterAsync(cancellationToken))
        {
            foreach (var (id, reason) in stale)
            {
                await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Cancelled)
                    .SetProperty(m => m.LastError, reason), cancellationToken);
            }
        }

        return rows.Where(r => !stale.ContainsKey(r.Id)).ToList();
    }

    private async Task<List<OutboxMessage>> ClaimAsync(BotDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now.AddSeconds(options.Value.LeaseSeconds);
        var batch = options.Value.BatchSize;
        using var writer = await locks.AcquireSqliteWriterAsync(cancellationToken);
        var sql = storage.Value.Provider == StorageProvider.PostgreSql ? PostgresClaimSql : SqliteClaimSql;
        return await db.OutboxMessages.FromSqlRaw(sql, now, lease, batch).AsNoTracking().ToListAsync(cancellationToken);
    }

    // Claims due rows by moving their next attempt to the end of a lease and counting the attempt.
    // A row waits while an older row of its conversation is pending. On PostgreSQL, SKIP LOCKED lets
    // replicas claim side by side; SQLite serves one instance and the in-process writer gate is the
    // whole claim.
    private static string ClaimSql(string lockClause) => $$"""
        UPDATE outbox_messages SET "NextAttemptAt" = {1}, "Attempts" = "Attempts" + 1
        WHERE "Id" IN (
            SELECT o."Id" FROM outbox_messages o
            WHERE o."Status" = 'pending' AND o."NextAttemptAt" <= {0}
              AND NOT EXISTS (SELECT 1 FROM outbox_messages e
                              WHERE e."ConversationId" = o."ConversationId" AND e."Status" = 'pending' AND e."Id" < o."Id")
            ORDER BY o."NextAttemptAt", o."Id"
            LIMIT {2}
            {{lockClause}})
        RETURNING *
        """;

    private static readonly string PostgresClaimSql = ClaimSql("FOR UPDATE SKIP LOCKED");
    private static readonly string SqliteClaimSql = ClaimSql("");

    private static async Task<Dictionary<(string, string), PlatformAccount>> LoadAccountsAsync(
        BotDbContext db, List<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        var shopIds = rows.Select(r => r.ShopId).Distinct().ToList();
        var accounts = await db.PlatformAccounts.AsNoTracking().Where(a => shopIds.Contains(a.ShopId)).ToListAsync(cancellationToken);
        return accounts.ToDictionary(a => (a.ShopId, a.Platform));
    }

    private async Task<DeliveryResult> DeliverAsync(
        OutboxMessage row, Dictionary<(string, string), PlatformAccount> accounts, CancellationToken cancellationToken)
    {
        if (!_clients.TryGetValue(row.Platform, out var client))
        {
            return new DeliveryResult(DeliveryOutcome.Refused, Error: $"No client pushes to platform '{row.Platform}'.");
        }

        var account = accounts.GetValueOrDefault((row.ShopId, row.Platform));
        if (client.MissingSettings(account) is { } missing)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, Error: missing);
        }

        OutboundPayload payload;
        try
        {
            payload = JsonSerializer.Deserialize<OutboundPayload>(row.PayloadJson, JsonSerializerOptions.Web)!;
        }
        catch (JsonException exception)
        {
            return new DeliveryResult(DeliveryOutcome.Refused, Error: $"Unreadable payload: {exception.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds));
        try
        {
            return await client.SendAsync(account!, row, payload, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, Error: $"No answer within {options.Value.RequestTimeoutSeconds} s.");
        }
        catch (HttpRequestException exception)
        {
            return new DeliveryResult(DeliveryOutcome.Retry, Error: exception.Message);
        }
    }

    private async Task RecordAsync(BotDbContext db, OutboxMessage row, DeliveryResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var error = result.Error is { Length: > 1000 } text ? text[..1000] : result.Error;
        var outcome = result.Outcome == DeliveryOutcome.Retry && row.Attempts >= options.Value.MaxAttempts ? DeliveryOutcome.Refused : result.Outcome;
        using var writer = await locks.AcquireSqliteWriterAsync(cancellationToken);
        var rows = db.OutboxMessages.Where(m => m.Id == row.Id);
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                await rows.ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.LastStatusCode, result.StatusCode)
                    .SetProperty(m => m.LastError, (string?)null), cancellationToken);
                break;
            case DeliveryOutcome.Retry:
                var retryAt = now + Backoff(row.Attempts, options.Value, Random.Shared.NextDouble());
                await rows.ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.NextAttemptAt, retryAt)
                    .SetProperty(m => m.LastStatusCode, result.StatusCode)
                    .SetProperty(m => m.LastError, error), cancellationToken);
                logger.LogInformation("Outbox row {Id} ({Platform}, shop {ShopId}) attempt {Attempt} failed, retrying at {RetryAt:o}: {Error}",
                    row.Id, row.Platform, row.ShopId, row.Attempts, retryAt, error);
                break;
            default:
                await rows.ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Dead)
                    .SetProperty(m => m.LastStatusCode, result.StatusCode)
                    .SetProperty(m => m.LastError, error), cancellationToken);
                logger.LogWarning("Outbox row {Id} ({Platform}, shop {ShopId}) dead-lettered after {Attempts} attempt(s): {Error}",
                    row.Id, row.Platform, row.ShopId, row.Attempts, error);
                break;
        }
    }

    // Exponential with "equal jitter": half the step fixed, half random, so retries of many rows
    // that failed together spread out instead of hitting the platform again at the same instant.
    // `random` is uniform in [0, 1).
    internal static TimeSpan Backoff(int attempt, OutboundOptions options, double random)
    {
        var step = Math.Min(options.MaxDelayMilliseconds, options.BaseDelayMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromMilliseconds(step / 2 + random * step / 2);
    }
}
