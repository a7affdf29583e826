using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Outbound;

public sealed record OutboxItem(
    long Id, string Platform, long? ConversationId, string Target, string Kind, string Status, int Attempts,
    DateTime NextAttemptAt, int? LastStatusCode, string? LastError, DateTime CreatedAt, DateTime? SentAt);

public sealed record OutboxPage(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<OutboxItem> Items, long? NextBeforeId);

// What the shop's pushes to platforms are doing: pending, sent and dead-lettered rows, and a way to
// send a dead-lettered row again once its cause (a missing token, say) is fixed.
internal static class OutboxEndpoints
{
    public static RouteGroupBuilder MapOutboxEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/outbox").WithTags("Outbound");
        group.MapGet("", List).WithName("ListOutbox")
            .WithSummary("Pushed replies and handoffs, newest first, with counts by status")
            .WithDescription("status: pending | sent | dead (all when omitted). Page with beforeId = the previous page's nextBeforeId.");
        group.MapPost("/{id:long}/retry", Retry).WithName("RetryOutbox")
            .WithSummary("Send a dead-lettered row again, from its first attempt");
        return group;
    }

    private static async Task<Results<Ok<OutboxPage>, ValidationProblem>> List(
        string shopId, BotDbContext db, CancellationToken cancellationToken, string? status = null, long? beforeId = null, int limit = 50)
    {
        if (status is not null && !OutboxStatus.All.Contains(status))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"Unknown status '{status}'. Known: {string.Join(", ", OutboxStatus.All)}."],
            });
        }

        if (limit is < 1 or > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit is 1 to 200."] });
        }

        var counts = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ShopId == shopId)
            .GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var query = db.OutboxMessages.AsNoTracking().Where(m => m.ShopId == shopId);
        if (status is not null)
        {
            query = query.Where(m => m.Status == status);
        }

        if (beforeId is not null)
        {
            query = query.Where(m => m.Id < beforeId);
        }

        var items = await query.OrderByDescending(m => m.Id).Take(limit)
            .Select(m => new OutboxItem(m.Id, m.Platform, m.ConversationId, m.Target, m.Kind, m.Status, m.Attempts,
                m.NextAttemptAt, m.LastStatusCode, m.LastError, m.CreatedAt, m.SentAt))
            .ToListAsync(cancellationToken);
        foreach (var known in OutboxStatus.All)
        {
            counts.TryAdd(known, 0);
        }

        return TypedResults.Ok(new OutboxPage(counts, items, items.Count == limit ? items[^1].Id : null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Retry(
        string shopId, long id, BotDbContext db, Outbox outbox, ConversationLocks locks,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var writer = await locks.AcquireSqliteWriterAsync(cancellationToken);
        var requeued = await db.OutboxMessages
            .Where(m => m.ShopId == shopId && m.Id == id && m.Status == OutboxStatus.Dead)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        if (requeued == 1)
        {
            outbox.Committed();
            return TypedResults.NoContent();
        }

        var status = await db.OutboxMessages.AsNoTracking().Where(m => m.ShopId == shopId && m.Id == id).Select(m => m.Status).FirstOrDefaultAsync(cancellationToken);
        return status is null
            ? Problems.NotFound($"Outbox row {id} was not found.")
            : Problems.Conflict($"Only a dead-lettered row can be retried; row {id} is {status}.");
    }
}
