using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Outbound;
using CustomerServiceBot.Api.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Buyers;

// A buyer's request to be forgotten: everything that names them or holds their words goes, in one
// transaction. Conversations and messages (with the agents' replies) and the profile are deleted.
// Orders and their reminders stay for the shop's accounts and the recovery report, with the buyer
// replaced by a random pseudonym nothing links back to them; reminders not yet sent are cancelled,
// and pushes to the buyer keep their delivery status for the report but lose their text and
// address (pending ones are cancelled). Rule blacklists keep the id: a do-not-contact list is the
// buyer's own wish.
//
// Locks: the buyer's conversations first, then the buyer's profile lock, the order the message path takes
// them in (agents and playground messages take only a conversation's lock, so the profile lock alone would let
// an agent's reply land between the scrubbing of the pushes and the deletion of the conversation). The
// scheduler holds a claimed reminder's row until it commits its push; cancelling the buyer's
// reminders before touching the outbox waits for that commit, so the push it made is scrubbed too.
internal sealed class BuyerErasure(
    BotDbContext db,
    ConversationLocks locks,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<BuyerErasure> logger)
{
    public async Task<BuyerErasureResponse?> EraseAsync(string shopId, string buyerId, CancellationToken cancellationToken)
    {
        var platforms = await db.Conversations.AsNoTracking()
            .Where(c => c.ShopId == shopId && c.BuyerId == buyerId)
            .Select(c => c.Platform)
            .ToListAsync(cancellationToken);
        using var held = await locks.LockConversationsAsync(db, platforms.Select(p => ConversationLocks.Key(shopId, p, buyerId)), cancellationToken);
        await BuyerProfiles.LockAsync(db, storage.Value.Provider, shopId, buyerId, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var pseudonym = $"erased-{Guid.NewGuid():N}";
        var conversations = db.Conversations.Where(c => c.ShopId == shopId && c.BuyerId == buyerId).Select(c => c.Id);
        var orders = db.Orders.Where(o => o.ShopId == shopId && o.BuyerId == buyerId).Select(o => o.Id);
        var reminders = db.Reminders.Where(r => r.ShopId == shopId && (r.BuyerId == buyerId || orders.Contains(r.OrderRowId)));

        await reminders.Where(r => r.Status == ReminderStatus.Scheduled).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ReminderStatus.Cancelled)
            .SetProperty(r => r.SkipReason, SkipReason.BuyerErased)
            .SetProperty(r => r.ProcessedAt, now), cancellationToken);
        var pushes = db.OutboxMessages.Where(m => m.ShopId == shopId
            && (m.ConversationId != null && conversations.Contains(m.ConversationId.Value) || reminders.Any(r => r.OutboxMessageId == m.Id)));
        await pushes.Where(m => m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Cancelled), cancellationToken);
        var outboxRows = await pushes.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Target, pseudonym)
            .SetProperty(m => m.PayloadJson, "{}")
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.ConversationId, (long?)null), cancellationToken);
        var reminderRows = await reminders.ExecuteUpdateAsync(s => s.SetProperty(r => r.BuyerId, pseudonym), cancellationToken);
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
        if (profiles + conversationRows + orderRows + reminderRows + outboxRows == 0)
        {
            return null;
        }

        await db.Database.CommitTransactionAsync(cancellationToken);
        // The buyer id is what was erased: it is not logged (request logging shows the route, not the id).
        logger.LogInformation(
            "Erased a buyer of shop {ShopId}: {Conversations} conversations, {Messages} messages, {Orders} orders anonymised, {Reminders} reminders, {Outbox} pushes scrubbed",
            shopId, conversationRows, messages, orderRows, reminderRows, outboxRows);
        return new BuyerErasureResponse(buyerId, profiles, conversationRows, messages, orderRows, reminderRows, outboxRows);
    }
}
