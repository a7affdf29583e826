using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Webhooks;

namespace CustomerServiceBot.Api.Conversations;

// One buyer message from any source: exactly once, in order per conversation, and the message,
// the reply, the new state and any platform pushes committed together.
//
// Messages of one conversation enter one at a time, in arrival order (the in-process gate, held until
// the message is committed); messages of different conversations that arrive together share one
// transaction (MessageBatcher, MessageTransaction).
internal sealed class MessagePipeline(ConversationLocks locks, MessageBatcher batcher, DialoguePolicy policy, ShopKnowledgeCache knowledge)
{
    public async Task<BotReply> HandleAsync(InboundMessage inbound, CancellationToken cancellationToken)
    {
        // Read while it waits for its turn (DialoguePolicy.ReadAhead).
        var reading = policy.ReadAhead(inbound.ShopId, inbound.Text, knowledge.Latest(inbound.ShopId));
        using var gate = await locks.AcquireAsync(MessageTransaction.ConversationKey(inbound), cancellationToken);
        // Once queued the message is handled even if the caller goes away: a platform's retry then
        // finds the stored reply, and the gate stays held until the commit so the order holds.
        return await batcher.SubmitAsync(inbound, reading);
    }
}
