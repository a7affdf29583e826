using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Conversations;

// One buyer message from any source: exactly once, in order per conversation, and the message,
// the reply and the new state committed together.
internal sealed class MessagePipeline(
    BotDbContext db,
    DialoguePolicy policy,
    ConversationLocks locks,
    ShopKnowledgeCache knowledgeCache,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<MessagePipeline> logger)
{
    private const string SqliteWriterKey = "\0sqlite-writer";

    public async Task<BotReply> HandleAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        if (await FindStoredReplyAsync(inbound, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var knowledge = await knowledgeCache.GetAsync(db, inbound.ShopId, cancellationToken);
        var key = $"{inbound.ShopId}\n{inbound.Platform}\n{inbound.BuyerId}";
        using var gate = await locks.AcquireAsync(key, cancellationToken);
        // SQLite admits one writer at a time and a writer that finds the file locked backs off for
        // long sleeps; queueing message transactions in the process keeps them from colliding.
        using var sqliteWriter = storage.Value.Provider == StorageProvider.Sqlite
            ? await locks.AcquireAsync(SqliteWriterKey, cancellationToken)
            : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (storage.Value.Provider == StorageProvider.PostgreSql)
        {
            // Another replica handling the same conversation waits here until this transaction ends.
            var lockKey = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
        }

        // A retry that raced this one may have finished while we waited for the lock.
        if (await FindStoredReplyAsync(inbound, cancellationToken) is { } raced)
        {
            return raced;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == inbound.ShopId, cancellationToken);
        var conversation = await db.Conversations.SingleOrDefaultAsync(
            c => c.ShopId == inbound.ShopId && c.Platform == inbound.Platform && c.BuyerId == inbound.BuyerId, cancellationToken);
        if (conversation is null)
        {
            conversation = new Conversation
            {
                ShopId = inbound.ShopId,
                Platform = inbound.Platform,
                BuyerId = inbound.BuyerId,
                IsTest = inbound.IsTest,
                CreatedAt = now,
                SessionStartedAt = now,
                LastMessageAt = now,
            };
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync(cancellationToken);
        }

        conversation.BuyerNick = inbound.BuyerNick ?? conversation.BuyerNick;
        conversation.ReplyTarget = inbound.ReplyTarget ?? conversation.ReplyTarget;
        if (conversation.Status == ConversationStatus.Resolved)
        {
            conversation.Status = ConversationStatus.Bot;
        }

        // While a person owns the conversation the bot only records what the buyer says.
        var decision = conversation.Status == ConversationStatus.Bot
            ? policy.Decide(new PolicyInput(shop, conversation, inbound.Text, inbound.ProductCode, inbound.OrderId, knowledge, now))
            : new PolicyDecision();
        conversation.LastMessageAt = now;

        var buyerMessage = new ConversationMessage
        {
            ShopId = inbound.ShopId,
            ConversationId = conversation.Id,
            Platform = inbound.Platform,
            PlatformMessageId = inbound.PlatformMessageId,
            Direction = MessageDirection.Buyer,
            Text = inbound.Text,
            Intent = decision.TopIntent,
            Confidence = decision.TopConfidence is { } confidence ? Math.Round(confidence, 4) : null,
            Emotion = decision.Emotion,
            IsTest = inbound.IsTest,
            CreatedAt = now,
        };
        db.ConversationMessages.Add(buyerMessage);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique key caught a duplicate that got past both locks (another process on SQLite).
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return await FindStoredReplyAsync(inbound, cancellationToken)
                ?? throw new InvalidOperationException("A duplicate message was refused but its reply is not stored.");
        }

        var reply = new BotReply(
            conversation.Id,
            buyerMessage.Id,
            conversation.Status,
            decision.Parts,
            decision.Cards,
            decision.QuickReplies,
            decision.HandoffReason is not null,
            decision.HandoffReason,
            decision.Questions,
            decision.Emotion);
        buyerMessage.ReplyJson = JsonSerializer.Serialize(reply, JsonSerializerOptions.Web);
        if (decision.Parts.Count > 0)
        {
            db.ConversationMessages.Add(new ConversationMessage
            {
                ShopId = inbound.ShopId,
                ConversationId = conversation.Id,
                Platform = inbound.Platform,
                Direction = MessageDirection.Bot,
                Text = string.Join("\n", decision.Parts),
                InReplyToId = buyerMessage.Id,
                IsTest = inbound.IsTest,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (decision.HandoffReason is not null)
        {
            logger.LogInformation("Conversation {ConversationId} of shop {ShopId} handed to a human: {Reason}", conversation.Id, inbound.ShopId, decision.HandoffReason);
        }

        return reply;
    }

    private async Task<BotReply?> FindStoredReplyAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var stored = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ShopId == inbound.ShopId && m.Platform == inbound.Platform && m.PlatformMessageId == inbound.PlatformMessageId)
            .Select(m => m.ReplyJson)
            .FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : JsonSerializer.Deserialize<BotReply>(stored, JsonSerializerOptions.Web)! with { Duplicate = true };
    }
}
