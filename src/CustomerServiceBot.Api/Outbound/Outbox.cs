using System.Text.Json;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;

namespace CustomerServiceBot.Api.Outbound;

// Adds the platform calls a reply needs to the caller's unit of work, so they commit with it, and
// wakes the dispatcher once they are committed.
internal sealed class Outbox(IEnumerable<IPlatformClient> clients, OutboundSignal signal)
{
    // A text message, a cards message and a handoff.
    public const int MaxRowsPerReply = 3;

    private readonly HashSet<string> _pushPlatforms = clients.Select(c => c.Platform).ToHashSet(StringComparer.Ordinal);

    public bool Pushes(string platform) => _pushPlatforms.Contains(platform);

    // Returns how many rows were added. `platformMessageId` is the buyer message answered: with the shop
    // (and the platform, one per conversation) it makes the keys unique, so a reply is queued once.
    public int AddReply(RowChanges rows, Conversation conversation, string platformMessageId, BotReply reply, DateTime now, Func<long> nextId)
    {
        if (!Pushes(conversation.Platform) || conversation.ReplyTarget is null)
        {
            return 0;
        }

        var added = 0;
        if (reply.Parts.Count > 0)
        {
            rows.Add(Row(nextId(), conversation, ReplyKey(platformMessageId, OutboxKind.Message), OutboxKind.Message,
                new OutboundPayload(string.Join("\n", reply.Parts), reply.QuickReplies), now));
            added++;
        }

        if (reply.Cards.Count > 0)
        {
            rows.Add(Row(nextId(), conversation, ReplyKey(platformMessageId, OutboxKind.Cards), OutboxKind.Cards,
                new OutboundPayload(Cards: reply.Cards), now));
            added++;
        }

        if (reply.HandedOff)
        {
            rows.Add(Row(nextId(), conversation, ReplyKey(platformMessageId, OutboxKind.Handoff), OutboxKind.Handoff,
                new OutboundPayload(HandoffReason: reply.HandoffReason), now));
            added++;
        }

        return added;
    }

    public int AddAgentReply(BotDbContext db, Conversation conversation, Guid replyId, string text, DateTime now)
    {
        if (!Pushes(conversation.Platform) || conversation.ReplyTarget is null)
        {
            return 0;
        }

        db.OutboxMessages.Add(Row(0, conversation, $"agent:{replyId:N}", OutboxKind.Message, new OutboundPayload(text), now));
        return 1;
    }

    // After the commit: rows written here need not wait for the next poll.
    public void Committed() => signal.Notify();

    private static string ReplyKey(string platformMessageId, string kind) => $"reply:{platformMessageId}:{kind}";

    private static OutboxMessage Row(long id, Conversation conversation, string key, string kind, OutboundPayload payload, DateTime now) =>
        new()
        {
            Id = id,
            ShopId = conversation.ShopId,
            Platform = conversation.Platform,
            ConversationId = conversation.Id,
            Target = conversation.ReplyTarget!,
            Kind = kind,
            PayloadJson = JsonSerializer.Serialize(payload, JsonText.Options),
            IdempotencyKey = key,
            NextAttemptAt = now,
            CreatedAt = now,
        };
}

// Wakes the dispatcher when this process commits outbox rows.
internal sealed class OutboundSignal : Hosting.WakeSignal;
