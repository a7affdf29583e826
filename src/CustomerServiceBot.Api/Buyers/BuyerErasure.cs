using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Buyers;

// A buyer's request to be forgotten: everything that names them or holds their words goes, in one
// transaction. Conversations and messages (with the agents' replies), the profile, and pushes to
// them (pending ones too: they would deliver the buyer's own data) are deleted. Orders and their
// reminders stay for the shop's accounts and the recovery report, with the buyer replaced by a
// random pseudonym that nothing links back to them.
internal sealed class BuyerErasure(
    BotDbContext db,
    ConversationLocks locks,
    IOptions<StorageOptions> storage,
    ILogger<BuyerErasure> logger)
{
    public async Task<BuyerErasureResponse?> EraseAsync(string shopId, string buyerId, CancellationToken cancellationToken)
    {
        using var writer = await locks.AcquireSqliteWriterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (storage.Value.Provider == StorageProvider.PostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(3, {0})", [BuyerProfiles.LockKey(shopId, buyerId)], cancellationToken);
        }

        var conversations = db.Conversations.Where(c => c.ShopId == shopId && c.BuyerId == buyerId).Select(c => c.Id);
        var orders = db.Orders.Where(o => o.ShopId == shopId && o.BuyerId == buyerId).Select(o => o.Id);
        var reminders = db.Reminders.Where(r => r.ShopId == shopId && (r.BuyerId == buyerId || orders.Contains(r.OrderRowId)));

        var outboxMessages = await db.OutboxMessages
            .Where(m => m.ShopId == shopId
                && (m.Target == buyerId
                    || m.ConversationId != null && conversations.Contains(m.ConversationId.Value)
                    || reminders.Any(r => r.OutboxMessageId == m.Id)))
            .ExecuteDeleteAsync(cancellationToken);
        var pseudonym = $"erased-{Guid.NewGuid():N}";
        var reminderRows = await reminders.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.BuyerId, pseudonym)
            .SetProperty(r => r.OutboxMessageId, (long?)null), cancellationToken);
        var messages = await db.ConversationMessages
            .Where(m => m.ShopId == shopId && conversations.Contains(m.ConversationId))
            .ExecuteDeleteAsync(cancellationToken);
        var conversationRows = await db.Conversations.Where(c => c.ShopId == shopId && c.BuyerId == buyerId).ExecuteDeleteAsync(cancellationToken);
        var orderRows = await db.Orders.Where(o => o.ShopId == shopId && o.BuyerId == buyerId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.BuyerId, (string?)null)
                .SetProperty(o => o.BuyerNick, (string?)null)
                .SetProperty(o => o.BuyerTags, new List<string>())
                .SetProperty(o => o.PayUrl, (string?)null)
                .SetProperty(o => o.ReplyPlatform, (string?)null)
                .SetProperty(o => o.ReplyTarget, (string?)null), cancellationToken);
        var profiles = await db.BuyerProfiles.Where(p => p.ShopId == shopId && p.BuyerId == buyerId).ExecuteDeleteAsync(cancellationToken);
        if (profiles + conversationRows + orderRows + reminderRows + outboxMessages == 0)
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        // The buyer id is what was erased: it is not logged.
        logger.LogInformation(
            "Erased a buyer of shop {ShopId}: {Conversations} conversations, {Messages} messages, {Orders} orders anonymised, {Reminders} reminders, {Outbox} pushes",
            shopId, conversationRows, messages, orderRows, reminderRows, outboxMessages);
        return new BuyerErasureResponse(buyerId, profiles, conversationRows, messages, orderRows, reminderRows, outboxMessages);
    }
}
