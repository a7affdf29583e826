using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CustomerServiceBot.Api.Buyers;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Outbound;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Conversations;

// One buyer message from any source: exactly once, in order per conversation, and the message,
// the reply, the new state and any platform pushes committed together.
//
// Database round trips are the cost of a message (the classifiers take microseconds), so the path
// is kept to four on PostgreSQL: one command that takes the conversation lock, checks for a
// duplicate, reads the shop's settings and knowledge versions and draws the new rows' ids from their
// sequences; the conversation row with the buyer's profile; one batched SaveChanges (the ids are known, so the inserts need
// no round trip between them); the commit. The shop's settings come from a cache the versions validate.
// Drawing the ids after the lock keeps them increasing within a conversation across replicas.
internal sealed class MessagePipeline(
    BotDbContext db,
    DialoguePolicy policy,
    ConversationLocks locks,
    ShopKnowledgeCache knowledgeCache,
    ShopSettingsCache shops,
    Outbox outbox,
    Reminders.ChatNudge nudge,
    BuyerProfiles profiles,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<MessagePipeline> logger)
{
    public async Task<BotReply> HandleAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var key = $"{inbound.ShopId}\n{inbound.Platform}\n{inbound.BuyerId}";
        using var gate = await locks.AcquireAsync(key, cancellationToken);
        var postgres = storage.Value.Provider == StorageProvider.PostgreSql;
        using var sqliteWriter = await locks.AcquireSqliteWriterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A retry that raced this one may have finished while we waited for the lock.
        var locked = postgres
            ? await LockAndFindStoredReplyAsync(transaction, key, inbound, cancellationToken)
            : new LockedState(await FindStoredReplyAsync(inbound, cancellationToken), RowIds.StoreGenerated, null);
        if (locked.StoredReply is { } earlier)
        {
            return earlier;
        }

        var ids = locked.Ids;
        var shop = await shops.GetAsync(db, inbound.ShopId, locked.ShopVersion, cancellationToken);
        var knowledge = await knowledgeCache.GetAsync(shop.Id, locked.ShopVersion?.KnowledgeVersion ?? shop.KnowledgeVersion, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var (conversation, profile) = await LoadConversationAsync(inbound, cancellationToken);
        if (conversation is null)
        {
            conversation = new Conversation
            {
                Id = ids.NextConversation(),
                ShopId = inbound.ShopId,
                Platform = inbound.Platform,
                BuyerId = inbound.BuyerId,
                IsTest = inbound.IsTest,
                CreatedAt = now,
                SessionStartedAt = now,
                LastMessageAt = now,
            };
            db.Conversations.Add(conversation);
            if (conversation.Id == 0)
            {
                // SQLite hands out the id on insert and the messages need it.
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        conversation.BuyerNick = inbound.BuyerNick ?? conversation.BuyerNick;
        conversation.ReplyTarget = inbound.ReplyTarget ?? conversation.ReplyTarget;
        if (conversation.Status == ConversationStatus.Resolved)
        {
            conversation.Status = ConversationStatus.Bot;
        }

        // Test traffic from the playground neither reads nor touches a buyer's profile, even under a real buyer's id.
        profile = inbound.IsTest ? null : profile ?? BuyerProfiles.Start(db, inbound.ShopId, inbound.BuyerId, now);

        var buyerTags = profile is null ? [] : profiles.TagsOf(profile, now).Select(t => t.Tag).ToList();

        // While a person owns the conversation the bot only records what the buyer says.
        var decision = conversation.Status == ConversationStatus.Bot
            ? policy.Decide(new PolicyInput(shop, conversation, inbound.Text, inbound.ProductCode, inbound.OrderId, knowledge, now, buyerTags, profile))
            : new PolicyDecision();
        conversation.LastMessageAt = now;
        if (decision.Parts.Count > 0 && decision.HandoffReason is null
            && await nudge.TryAddAsync(db, conversation, decision.Questions, shop.Currency, shop.BuyerSalutation, now, cancellationToken) is { } payment)
        {
            decision.Parts.Add(payment);
        }

        if (profile is not null)
        {
            var focus = conversation.FocusProductId is { } focusId ? knowledge?.Products.GetValueOrDefault(focusId)?.Code : null;
            profiles.RecordMessage(profile, new MessageFacts(decision.Questions, decision.Emotion, decision.HandoffReason, focus), now);
        }

        // Stored without ids: they are the row's own and are filled in when a retry reads it back.
        var reply = new BotReply(
            0,
            null,
            conversation.Status,
            decision.Parts,
            decision.Cards,
            decision.QuickReplies,
            decision.HandoffReason is not null,
            decision.HandoffReason,
            decision.Questions,
            decision.Emotion);
        var buyerMessage = new ConversationMessage
        {
            Id = ids.NextMessage(),
            ShopId = inbound.ShopId,
            ConversationId = conversation.Id,
            Platform = inbound.Platform,
            PlatformMessageId = inbound.PlatformMessageId,
            Direction = MessageDirection.Buyer,
            Text = inbound.Text,
            Intent = decision.TopIntent,
            Confidence = decision.TopConfidence is { } confidence ? Math.Round(confidence, 4) : null,
            Emotion = decision.Emotion,
            ReplyJson = JsonSerializer.Serialize(reply, JsonSerializerOptions.Web),
            IsTest = inbound.IsTest,
            CreatedAt = now,
        };
        db.ConversationMessages.Add(buyerMessage);
        if (decision.Parts.Count > 0)
        {
            db.ConversationMessages.Add(new ConversationMessage
            {
                Id = ids.NextMessage(),
                ShopId = inbound.ShopId,
                ConversationId = conversation.Id,
                Platform = inbound.Platform,
                Direction = MessageDirection.Bot,
                Text = string.Join("\n", decision.Parts),
                InReplyTo = buyerMessage,
                IsTest = inbound.IsTest,
                CreatedAt = now,
            });
        }

        var pushes = outbox.AddReply(db, conversation, inbound.PlatformMessageId, reply, now, ids.NextOutbox);
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

        await transaction.CommitAsync(cancellationToken);
        if (pushes > 0)
        {
            outbox.Committed();
        }

        if (decision.HandoffReason is not null)
        {
            logger.LogInformation("Conversation {ConversationId} of shop {ShopId} handed to a human: {Reason}", conversation.Id, inbound.ShopId, decision.HandoffReason);
        }

        return reply with { ConversationId = conversation.Id, MessageId = buyerMessage.Id };
    }

    // The buyer's profile comes with the conversation row in one query; only a buyer's first message
    // on this platform needs a second one.
    private async Task<(Conversation? Conversation, BuyerProfile? Profile)> LoadConversationAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var row = await (
            from c in db.Conversations
            where c.ShopId == inbound.ShopId && c.Platform == inbound.Platform && c.BuyerId == inbound.BuyerId
            join p in db.BuyerProfiles on new { c.ShopId, c.BuyerId } equals new { p.ShopId, p.BuyerId } into buyers
            from p in buyers.DefaultIfEmpty()
            select new { Conversation = c, Profile = p }).SingleOrDefaultAsync(cancellationToken);
        return row is not null
            ? (row.Conversation, row.Profile)
            : (null, await BuyerProfiles.FindAsync(db, inbound.ShopId, inbound.BuyerId, cancellationToken));
    }

    private async Task<BotReply?> FindStoredReplyAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        var stored = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ShopId == inbound.ShopId && m.Platform == inbound.Platform && m.PlatformMessageId == inbound.PlatformMessageId)
            .Select(m => new { m.Id, m.ConversationId, m.ReplyJson })
            .FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : StoredReply(stored.Id, stored.ConversationId, stored.ReplyJson);
    }

    // Another replica handling the same conversation waits at the advisory lock until its
    // transaction ends; the duplicate check and the id draw ride in the same round trip, after the lock.
    private async Task<LockedState> LockAndFindStoredReplyAsync(
        IDbContextTransaction transaction, string key, InboundMessage inbound, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"""
            SELECT pg_advisory_xact_lock(@lock);
            SELECT pg_advisory_xact_lock(3, @buyer);
            SELECT "Id", "ConversationId", "ReplyJson" FROM conversation_messages
            WHERE "ShopId" = @shop AND "Platform" = @platform AND "PlatformMessageId" = @message;
            SELECT "UpdatedAt", "KnowledgeVersion" FROM shops WHERE "Id" = @shop;
            SELECT nextval(pg_get_serial_sequence('conversations', 'Id'));
            SELECT nextval(pg_get_serial_sequence('conversation_messages', 'Id')) FROM generate_series(1, {RowIds.MessagesPerReply});
            SELECT nextval(pg_get_serial_sequence('outbox_messages', 'Id')) FROM generate_series(1, {Outbox.MaxRowsPerReply});
            """;
        AddParameter(command, "lock", BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0));
        AddParameter(command, "buyer", BuyerProfiles.LockKey(inbound.ShopId, inbound.BuyerId));
        AddParameter(command, "shop", inbound.ShopId);
        AddParameter(command, "platform", inbound.Platform);
        AddParameter(command, "message", inbound.PlatformMessageId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var stored = await reader.ReadAsync(cancellationToken)
            ? StoredReply(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
        await reader.NextResultAsync(cancellationToken);
        var version = await reader.ReadAsync(cancellationToken)
            ? new ShopVersion(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc), reader.GetInt64(1))
            : null;
        var sequences = new List<long>[3];
        for (var index = 0; index < sequences.Length; index++)
        {
            await reader.NextResultAsync(cancellationToken);
            sequences[index] = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                sequences[index].Add(reader.GetInt64(0));
            }
        }

        return new LockedState(stored, new RowIds(sequences[0], sequences[1], sequences[2]), version);
    }

    private sealed record LockedState(BotReply? StoredReply, RowIds Ids, ShopVersion? ShopVersion);

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static BotReply StoredReply(long messageId, long conversationId, string? json) =>
        json is null
            ? throw new InvalidOperationException($"Message {messageId} is stored without its reply.")
            : JsonSerializer.Deserialize<BotReply>(json, JsonSerializerOptions.Web)! with
            {
                ConversationId = conversationId,
                MessageId = messageId,
                Duplicate = true,
            };
}

// Ids drawn from PostgreSQL's sequences before the inserts, handed out in increasing order. Empty
// lists mean the database assigns ids on insert (SQLite), and 0 leaves the key to it.
internal sealed class RowIds(List<long> conversations, List<long> messages, List<long> outbox)
{
    // The buyer message and the bot's reply.
    public const int MessagesPerReply = 2;

    public static RowIds StoreGenerated => new([], [], []);

    private readonly Queue<long> _conversations = new(conversations.Order());
    private readonly Queue<long> _messages = new(messages.Order());
    private readonly Queue<long> _outbox = new(outbox.Order());

    public long NextConversation() => _conversations.TryDequeue(out var id) ? id : 0;

    public long NextMessage() => _messages.TryDequeue(out var id) ? id : 0;

    public long NextOutbox() => _outbox.TryDequeue(out var id) ? id : 0;
}
