using System.Data.Common;
using CustomerServiceBot.Api.Buyers;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Outbound;
using CustomerServiceBot.Api.Reminders;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Understanding;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Conversations;

// Buyer messages of different conversations handled in one transaction: each exactly once, each reply
// decided on its conversation's committed state, all written together.
//
// Database round trips are the cost (the classifiers take microseconds), and here they are paid per
// batch, not per message. On PostgreSQL: one command takes the conversations' and buyers' locks, finds
// the messages already handled, reads the shops' settings and knowledge versions, draws the new rows'
// ids from their sequences and reads the conversation rows, the buyers' profiles and their open unpaid
// orders (EntityRows; the orders for the payment nudge); one round trip writes everything, a statement
// per table (RowChanges finds what changed, SetBasedSave writes it; the ids are known, so the inserts need
// no round trip between them); the commit. Drawing the ids after the locks keeps them increasing within a
// conversation across replicas. On SQLite EF reads and writes the rows.
internal sealed class MessageTransaction(
    DialoguePolicy policy,
    ConversationLocks locks,
    ShopKnowledgeCache knowledgeCache,
    ShopSettingsCache shops,
    Outbox outbox,
    ChatNudge nudge,
    BuyerProfiles profiles,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<MessageTransaction> logger)
{
    private IdSequences? _idSequences;

    public static string ConversationKey(InboundMessage inbound) => ConversationLocks.Key(inbound.ShopId, inbound.Platform, inbound.BuyerId);

    // The caller holds every message's conversation gate and no two messages share a conversation. readings
    // are the messages read ahead, index by index; null where one was not.
    public async Task<BotReply[]> RunAsync(
        BotDbContext db, IReadOnlyList<InboundMessage> messages, IReadOnlyList<MessageReading?> readings, CancellationToken cancellationToken)
    {
        var postgres = storage.Value.Provider == StorageProvider.PostgreSql;
        var beforeLocks = clock.GetUtcNow().UtcDateTime;
        using var sqliteWriter = await locks.AcquireSqliteWriterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A failed SaveChanges rolls the whole transaction back, so the savepoint EF would set around each
        // one (two more round trips) protects nothing.
        db.Database.AutoSavepointsEnabled = false;

        // A retry that raced this one may have finished while we waited for the locks.
        var locked = postgres
            ? await LockAsync(db, transaction, messages, beforeLocks, cancellationToken)
            : new LockedBatch(await FindStoredRepliesAsync(db, messages, cancellationToken), RowIds.StoreGenerated, [], null);
        var replies = new BotReply[messages.Count];
        var fresh = new List<InboundMessage>(messages.Count);
        var freshReadings = new List<MessageReading?>(messages.Count);
        for (var index = 0; index < messages.Count; index++)
        {
            if (locked.StoredReplies.TryGetValue(MessageKey.Of(messages[index]), out var earlier))
            {
                replies[index] = earlier;
            }
            else
            {
                fresh.Add(messages[index]);
                freshReadings.Add(readings[index]);
            }
        }

        if (fresh.Count == 0)
        {
            return replies;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changes = RowChanges.For(db);
        var state = LoadedState.Attach(changes, locked.Rows ?? await LoadAsync(db, fresh, cancellationToken));
        // Read when the first message asks about paying, then for every buyer of the batch at once.
        Dictionary<(string ShopId, string BuyerId), Order>? unpaidOrders = null;
        async Task<Order?> UnpaidOrderAsync(InboundMessage inbound)
        {
            if (unpaidOrders is null)
            {
                var buyers = fresh.Where(m => !m.IsTest).Select(m => (m.ShopId, m.BuyerId)).ToHashSet();
                unpaidOrders = locked.Rows?.UnpaidOrders is { } open
                    ? ChatNudge.NewestOpenUnpaid(open, buyers, now)
                    : await ChatNudge.UnpaidOrdersAsync(db, buyers, now, cancellationToken);
            }

            return unpaidOrders.GetValueOrDefault((inbound.ShopId, inbound.BuyerId));
        }

        var conversations = fresh.Select(inbound => state.Conversations.GetValueOrDefault((inbound.ShopId, inbound.Platform, inbound.BuyerId)) ?? Start(changes, inbound, locked.Ids, now)).ToList();
        if (conversations.Any(c => c.Id == 0))
        {
            // SQLite hands out the id on insert and the messages need it.
            await changes.SaveAsync(cancellationToken);
        }

        var handled = new List<Handled>(fresh.Count);
        var settings = new Dictionary<string, Shop>(StringComparer.Ordinal);
        for (var index = 0; index < fresh.Count; index++)
        {
            var inbound = fresh[index];
            if (!settings.TryGetValue(inbound.ShopId, out var shop))
            {
                shop = await shops.GetAsync(db, inbound.ShopId, locked.ShopVersions.GetValueOrDefault(inbound.ShopId), cancellationToken);
                settings[inbound.ShopId] = shop;
            }

            var profile = inbound.IsTest ? null : state.Profile(changes, inbound, now);
            handled.Add(await DecideAsync(db, changes, inbound, freshReadings[index], shop, locked, conversations[index], profile, UnpaidOrderAsync, now, cancellationToken));
        }

        try
        {
            await changes.SaveLastAsync(cancellationToken);
        }
        catch (DbUpdateException) when (messages.Count == 1)
        {
            // The unique key caught a duplicate that got past both locks (another process on SQLite).
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return [(await FindStoredRepliesAsync(db, messages, cancellationToken)).Values.SingleOrDefault()
                ?? throw new InvalidOperationException("A duplicate message was refused but its reply is not stored.")];
        }

        await transaction.CommitAsync(cancellationToken);
        if (handled.Any(h => h.Pushes > 0))
        {
            outbox.Committed();
        }

        var next = 0;
        for (var index = 0; index < replies.Length; index++)
        {
            if (replies[index] is not null)
            {
                continue;
            }

            var done = handled[next++];
            if (done.Reply.HandoffReason is { } reason)
            {
                logger.LogInformation("Conversation {ConversationId} of shop {ShopId} handed to a human: {Reason}", done.Conversation.Id, done.Conversation.ShopId, reason);
            }

            replies[index] = done.Reply with { ConversationId = done.Conversation.Id, MessageId = done.Message.Id };
        }

        return replies;
    }

    private async Task<Handled> DecideAsync(
        BotDbContext db, RowChanges changes, InboundMessage inbound, MessageReading? reading, Shop shop, LockedBatch locked, Conversation conversation, BuyerProfile? profile,
        Func<InboundMessage, Task<Order?>> unpaidOrder, DateTime now, CancellationToken cancellationToken)
    {
        var knowledge = await knowledgeCache.GetAsync(shop.Id, locked.ShopVersions.GetValueOrDefault(shop.Id)?.KnowledgeVersion ?? shop.KnowledgeVersion, cancellationToken);
        conversation.BuyerNick = inbound.BuyerNick ?? conversation.BuyerNick;
        conversation.ReplyTarget = inbound.ReplyTarget ?? conversation.ReplyTarget;
        if (conversation.Status == ConversationStatus.Resolved)
        {
            conversation.Status = ConversationStatus.Bot;
        }

        var buyerTags = profile is null ? [] : profiles.TagsOf(profile, now).Select(t => t.Tag).ToList();

        // While a person owns the conversation the bot only records what the buyer says.
        var decision = conversation.Status == ConversationStatus.Bot
            ? policy.Decide(new PolicyInput(shop, conversation, inbound.Text, inbound.ProductCode, inbound.OrderId, knowledge, now, buyerTags, profile, reading))
            : new PolicyDecision();
        conversation.LastMessageAt = now;
        // Test traffic never nudges: the reminder it records would count against a real buyer's limits.
        if (decision.Parts.Count > 0 && decision.HandoffReason is null && !inbound.IsTest && ChatNudge.Wants(decision.Questions)
            && await unpaidOrder(inbound) is { } order
            && await nudge.TryAddAsync(db, changes, conversation, order, shop.Currency, shop.BuyerSalutation, now, cancellationToken) is { } payment)
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
            Id = locked.Ids.NextMessage(),
            ShopId = inbound.ShopId,
            ConversationId = conversation.Id,
            Platform = inbound.Platform,
            PlatformMessageId = inbound.PlatformMessageId,
            Direction = MessageDirection.Buyer,
            Text = inbound.Text,
            Intent = decision.TopIntent,
            Confidence = decision.TopConfidence is { } confidence ? Math.Round(confidence, 4) : null,
            Emotion = decision.Emotion,
            ReplyJson = ConversationMessage.ReplyJsonOf(reply),
            IsTest = inbound.IsTest,
            CreatedAt = now,
        };
        // The reply is stored on the buyer message it answers, not as a row of its own: one row per message.
        changes.Add(buyerMessage);
        var pushes = outbox.AddReply(changes, conversation, inbound.PlatformMessageId, reply, now, locked.Ids.NextOutbox);
        return new Handled(conversation, buyerMessage, reply, pushes);
    }

    private static Conversation Start(RowChanges changes, InboundMessage inbound, RowIds ids, DateTime now) =>
        changes.Add(new Conversation
        {
            Id = ids.NextConversation(),
            ShopId = inbound.ShopId,
            Platform = inbound.Platform,
            BuyerId = inbound.BuyerId,
            IsTest = inbound.IsTest,
            CreatedAt = now,
            SessionStartedAt = now,
            LastMessageAt = now,
        });

    // The conversation rows and the buyers' profiles of a batch on SQLite (PostgreSQL reads them in LockAsync),
    // untracked. The filters match every combination of the batch's shops, platforms and buyers, and the
    // rows are then picked by their exact keys.
    private static async Task<StoredRows> LoadAsync(BotDbContext db, IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken)
    {
        var shopIds = messages.Select(m => m.ShopId).Distinct().ToList();
        var platforms = messages.Select(m => m.Platform).Distinct().ToList();
        var buyerIds = messages.Select(m => m.BuyerId).Distinct().ToList();
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => shopIds.Contains(c.ShopId) && platforms.Contains(c.Platform) && buyerIds.Contains(c.BuyerId))
            .ToListAsync(cancellationToken);
        var profileBuyers = messages.Where(m => !m.IsTest).Select(m => m.BuyerId).Distinct().ToList();
        var profiles = profileBuyers.Count == 0 ? [] : await db.BuyerProfiles.AsNoTracking()
            .Where(p => shopIds.Contains(p.ShopId) && profileBuyers.Contains(p.BuyerId))
            .ToListAsync(cancellationToken);
        return new StoredRows(conversations, profiles, null);
    }

    private static async Task<Dictionary<MessageKey, BotReply>> FindStoredRepliesAsync(
        BotDbContext db, IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken)
    {
        var shopIds = messages.Select(m => m.ShopId).Distinct().ToList();
        var platforms = messages.Select(m => m.Platform).Distinct().ToList();
        var ids = messages.Select(m => m.PlatformMessageId).Distinct().ToList();
        var stored = await db.ConversationMessages.AsNoTracking()
            .Where(m => shopIds.Contains(m.ShopId) && platforms.Contains(m.Platform) && m.PlatformMessageId != null && ids.Contains(m.PlatformMessageId))
            .Select(m => new { m.ShopId, m.Platform, m.PlatformMessageId, m.Id, m.ConversationId, m.ReplyJson })
            .ToListAsync(cancellationToken);
        return stored.ToDictionary(
            m => new MessageKey(m.ShopId, m.Platform, m.PlatformMessageId!),
            m => StoredReply(m.Id, m.ConversationId, m.ReplyJson));
    }

    // Another replica handling one of these conversations waits at its advisory lock until that
    // transaction ends. The duplicate check, the conversations and the profiles look each key up on its
    // own through its unique index (LATERAL ... LIMIT 1): Npgsql prepares these statements and PostgreSQL
    // soon plans them once for all parameter values, at a moment when the tables may still be small; a
    // plan that scans a small table then keeps scanning it as it grows. The rows are read after the
    // locks, so they are the state the last transaction on them committed; the unpaid orders are every
    // order open at `before`, and ChatNudge.NewestOpenUnpaid chooses among them as of the batch's clock.
    // Locks are taken in key order, conversations before buyers, as every batch does, so two batches cannot
    // each hold a lock the other waits for.
    // The id-drawing statement is planned once per connection and the plan kept (plan_cache_mode): left to
    // choose, PostgreSQL planned it afresh for every batch, which took as long as running it, because
    // generate_series' row count is known only with the parameter. Its plan reads no table, so it cannot go
    // stale as tables grow; the statements that read tables keep the connection's setting. The sequences are
    // named in the statement (IdSequences), so PostgreSQL resolves them when it parses it, once per connection:
    // looking them up in every batch (pg_get_serial_sequence) made the statement two and a half times as costly.
    private async Task<LockedBatch> LockAsync(
        BotDbContext db, IDbContextTransaction transaction, IReadOnlyList<InboundMessage> messages, DateTime before, CancellationToken cancellationToken)
    {
        var pushing = messages.Count(m => outbox.Pushes(m.Platform));
        var connection = db.Database.GetDbConnection();
        var sequences = _idSequences ??= await IdSequences.FindAsync(connection, transaction.GetDbTransaction(), cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $$"""
            SELECT pg_advisory_xact_lock(k) FROM unnest(@locks) AS k;
            SELECT pg_advisory_xact_lock(3, k) FROM unnest(@buyers) AS k;
            SELECT m."ShopId", m."Platform", m."PlatformMessageId", m."Id", m."ConversationId", m."ReplyJson"
            FROM unnest(@shops, @platforms, @messages) AS d(shop, platform, message)
            CROSS JOIN LATERAL (
                SELECT * FROM conversation_messages m
                WHERE m."ShopId" = d.shop AND m."Platform" = d.platform AND m."PlatformMessageId" = d.message LIMIT 1) m;
            SELECT "Id", "UpdatedAt", "KnowledgeVersion" FROM shops WHERE "Id" = ANY(@shopIds);
            SET LOCAL plan_cache_mode = force_generic_plan;
            SELECT
                ARRAY(SELECT nextval({{sequences.Conversations}}) FROM generate_series(1, @conversationIds)),
                ARRAY(SELECT nextval({{sequences.Messages}}) FROM generate_series(1, @messageIds)),
                ARRAY(SELECT nextval({{sequences.Outbox}}) FROM generate_series(1, @outboxIds));
            RESET plan_cache_mode;
            SELECT c.* FROM unnest(@shops, @platforms, @buyerIds) AS k(shop, platform, buyer)
            CROSS JOIN LATERAL (
                SELECT * FROM conversations c
                WHERE c."ShopId" = k.shop AND c."Platform" = k.platform AND c."BuyerId" = k.buyer LIMIT 1) c;
            SELECT p.* FROM unnest(@profileShops, @profileBuyers) AS k(shop, buyer)
            CROSS JOIN LATERAL (SELECT * FROM buyer_profiles p WHERE p."ShopId" = k.shop AND p."BuyerId" = k.buyer LIMIT 1) p;
            SELECT o.* FROM unnest(@profileShops, @profileBuyers) AS k(shop, buyer)
            CROSS JOIN LATERAL (
                SELECT * FROM orders o
                WHERE o."ShopId" = k.shop AND o."BuyerId" = k.buyer AND o."Kind" = '{{OrderKind.Order}}'
                  AND o."Status" IN ('{{OrderStatus.Pending}}', '{{OrderStatus.DepositPaid}}') AND (o."AutoCloseAt" IS NULL OR o."AutoCloseAt" > @before)) o;
            """;
        AddParameter(command, "locks", ConversationLocks.DatabaseKeys(messages.Select(ConversationKey)));
        AddParameter(command, "buyers", messages.Where(m => !m.IsTest).Select(m => BuyerProfiles.LockKey(m.ShopId, m.BuyerId)).Distinct().Order().ToArray());
        AddParameter(command, "shops", messages.Select(m => m.ShopId).ToArray());
        AddParameter(command, "platforms", messages.Select(m => m.Platform).ToArray());
        AddParameter(command, "messages", messages.Select(m => m.PlatformMessageId).ToArray());
        AddParameter(command, "shopIds", messages.Select(m => m.ShopId).Distinct().ToArray());
        AddParameter(command, "conversationIds", messages.Count);
        AddParameter(command, "messageIds", messages.Count);
        AddParameter(command, "outboxIds", pushing * Outbox.MaxRowsPerReply);
        AddParameter(command, "buyerIds", messages.Select(m => m.BuyerId).ToArray());
        var buyers = messages.Where(m => !m.IsTest).Select(m => (m.ShopId, m.BuyerId)).Distinct().ToList();
        AddParameter(command, "profileShops", buyers.Select(b => b.ShopId).ToArray());
        AddParameter(command, "profileBuyers", buyers.Select(b => b.BuyerId).ToArray());
        AddParameter(command, "before", before);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var stored = new Dictionary<MessageKey, BotReply>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[new MessageKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))] =
                StoredReply(reader.GetInt64(3), reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5));
        }

        await reader.NextResultAsync(cancellationToken);
        var versions = new Dictionary<string, ShopVersion>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = new ShopVersion(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), reader.GetInt64(2));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var ids = new RowIds(reader.GetFieldValue<long[]>(0), reader.GetFieldValue<long[]>(1), reader.GetFieldValue<long[]>(2));
        await reader.NextResultAsync(cancellationToken);
        var conversations = await EntityRows.ReadAsync<Conversation>(reader, db, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var profiles = await EntityRows.ReadAsync<BuyerProfile>(reader, db, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var unpaidOrders = await EntityRows.ReadAsync<Order>(reader, db, cancellationToken);
        return new LockedBatch(stored, ids, versions, new StoredRows(conversations, profiles, unpaidOrders));
    }

    // The sequences behind the three tables' keys, as regclass literals: the same in every database of this schema,
    // so read once per process.
    private sealed record IdSequences(string Conversations, string Messages, string Outbox)
    {
        public static async Task<IdSequences> FindAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                SELECT pg_get_serial_sequence('conversations', 'Id'), pg_get_serial_sequence('conversation_messages', 'Id'),
                       pg_get_serial_sequence('outbox_messages', 'Id')
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new IdSequences(Literal(reader, 0, "conversations"), Literal(reader, 1, "conversation_messages"), Literal(reader, 2, "outbox_messages"));
        }

        private static string Literal(DbDataReader reader, int ordinal, string table) =>
            reader.IsDBNull(ordinal)
                ? throw new InvalidOperationException($"The key of {table} has no sequence; the migrations have not run.")
                : $"'{reader.GetString(ordinal).Replace("'", "''", StringComparison.Ordinal)}'::regclass";
    }

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
            : ConversationMessage.ReplyOf(json)! with
            {
                ConversationId = conversationId,
                MessageId = messageId,
                Duplicate = true,
            };

    private readonly record struct MessageKey(string ShopId, string Platform, string PlatformMessageId)
    {
        public static MessageKey Of(InboundMessage inbound) => new(inbound.ShopId, inbound.Platform, inbound.PlatformMessageId);
    }

    // Rows is null where the conversations and profiles are still to be read (SQLite).
    private sealed record LockedBatch(Dictionary<MessageKey, BotReply> StoredReplies, RowIds Ids, Dictionary<string, ShopVersion> ShopVersions, StoredRows? Rows);

    // Read untracked. UnpaidOrders are the buyers' orders open and unpaid before the locks were taken, among
    // which ChatNudge chooses; null where they are read only when a message asks about paying (SQLite).
    private sealed record StoredRows(List<Conversation> Conversations, List<BuyerProfile> Profiles, List<Order>? UnpaidOrders);

    private sealed record Handled(Conversation Conversation, ConversationMessage Message, BotReply Reply, int Pushes);

    private sealed class LoadedState
    {
        public Dictionary<(string ShopId, string Platform, string BuyerId), Conversation> Conversations { get; } = [];

        public Dictionary<(string ShopId, string BuyerId), BuyerProfile> Profiles { get; } = [];

        public static LoadedState Of(IEnumerable<Conversation> conversations, IEnumerable<BuyerProfile> profiles)
        {
            var state = new LoadedState();
            foreach (var conversation in conversations)
            {
                state.Conversations[(conversation.ShopId, conversation.Platform, conversation.BuyerId)] = conversation;
            }

            foreach (var profile in profiles)
            {
                state.Profiles[(profile.ShopId, profile.BuyerId)] = profile;
            }

            return state;
        }

        // The rows the batch may change, written back where they do.
        public static LoadedState Attach(RowChanges changes, StoredRows rows)
        {
            foreach (var conversation in rows.Conversations)
            {
                changes.Attach(conversation);
            }

            foreach (var profile in rows.Profiles)
            {
                changes.Attach(profile);
            }

            return Of(rows.Conversations, rows.Profiles);
        }

        // One profile per buyer, also when the buyer writes on two platforms in one batch.
        public BuyerProfile Profile(RowChanges changes, InboundMessage inbound, DateTime now)
        {
            var key = (inbound.ShopId, inbound.BuyerId);
            if (!Profiles.TryGetValue(key, out var profile))
            {
                profile = changes.Add(BuyerProfiles.New(inbound.ShopId, inbound.BuyerId, now));
                Profiles[key] = profile;
            }

            return profile;
        }
    }
}

// Ids drawn from PostgreSQL's sequences before the inserts, handed out in increasing order. Empty
// lists mean the database assigns ids on insert (SQLite), and 0 leaves the key to it.
internal sealed class RowIds(IReadOnlyList<long> conversations, IReadOnlyList<long> messages, IReadOnlyList<long> outbox)
{
    public static RowIds StoreGenerated => new([], [], []);

    private readonly Queue<long> _conversations = new(conversations.Order());
    private readonly Queue<long> _messages = new(messages.Order());
    private readonly Queue<long> _outbox = new(outbox.Order());

    public long NextConversation() => _conversations.TryDequeue(out var id) ? id : 0;

    public long NextMessage() => _messages.TryDequeue(out var id) ? id : 0;

    public long NextOutbox() => _outbox.TryDequeue(out var id) ? id : 0;
}
