using System.ComponentModel.DataAnnotations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Conversations;

public sealed record ConversationSummary(
    long Id, string Platform, string BuyerId, string? BuyerNick, string Status, string? HandoffReason, string? HandoffSummary,
    DateTime? HandoffAt, string? AssignedAgent, string? LastIntent, string? LastEmotion, DateTime LastMessageAt, bool IsTest);

// BotReply is what the bot answered a buyer message with, when it said something or handed the buyer over
// (not while a person owned the conversation); agent messages carry the buyer message they answer in InReplyToId.
public sealed record MessageView(
    long Id, string Direction, string Text, string? Intent, double? Confidence, string? Emotion, long? InReplyToId, string? AgentName, DateTime CreatedAt,
    MessageBotReply? BotReply = null);

public sealed record MessageBotReply(IReadOnlyList<string> Parts, IReadOnlyList<ProductCard> Cards, IReadOnlyList<string> QuickReplies, string? HandoffReason);

public sealed record ConversationDetail(ConversationSummary Conversation, IReadOnlyList<MessageView> Messages);

public sealed record AgentRequest([property: Required, StringLength(100, MinimumLength = 1)] string Agent);

public sealed record AgentReplyRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Agent,
    [property: Required, StringLength(MessageText.MaxLength, MinimumLength = 1)] string Text,
    long? InReplyToMessageId);

// The help desk side of a handoff: bot → waiting_for_human → human → resolved (or back to bot).
internal static class AgentEndpoints
{
    public static RouteGroupBuilder MapAgentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/conversations").WithTags("Conversations");
        group.MapGet("", ListConversations).WithName("ListConversations")
            .WithSummary("Conversations by status; status=waiting_for_human is the handoff queue, oldest first");
        group.MapGet("/{conversationId:long}", GetConversation).WithName("GetConversation").WithSummary("A conversation with its messages");
        group.MapPost("/{conversationId:long}/claim", Claim).WithName("ClaimConversation")
            .WithSummary("An agent takes the conversation; the bot falls silent").WithRequestExample(new AgentRequest("小美"));
        group.MapPost("/{conversationId:long}/replies", Reply).WithName("AgentReply")
            .WithSummary("An agent's reply, stored with the buyer message it answers")
            .WithRequestExample(new AgentReplyRequest("小美", "亲，已经帮您催促快递了，预计明天送达~", null));
        group.MapPost("/{conversationId:long}/release", Release).WithName("ReleaseConversation").WithSummary("Give the conversation back to the bot");
        group.MapPost("/{conversationId:long}/resolve", Resolve).WithName("ResolveConversation").WithSummary("Close the case; the next buyer message reopens it with the bot");
        return group;
    }

    private static async Task<Ok<List<ConversationSummary>>> ListConversations(
        string shopId, BotDbContext db, CancellationToken cancellationToken, string status = ConversationStatus.WaitingForHuman, int limit = 50)
    {
        // The queue index holds the conversations a person has touched; saying so lets it serve the query.
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.ShopId == shopId && c.Status == status && (status == ConversationStatus.Bot || c.Status != ConversationStatus.Bot))
            .OrderBy(c => c.HandoffAt ?? c.LastMessageAt)
            .Take(Math.Clamp(limit, 1, 200))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(Summary).ToList());
    }

    private static async Task<Results<Ok<ConversationDetail>, ProblemHttpResult>> GetConversation(
        string shopId, long conversationId, BotDbContext db, CancellationToken cancellationToken, int limit = 100)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.ShopId == shopId && c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return NotFound(conversationId);
        }

        var rows = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Direction != MessageDirection.Bot)
            .OrderByDescending(m => m.Id)
            .Take(Math.Clamp(limit, 1, 500))
            .Select(m => new { m.Id, m.Direction, m.Text, m.Intent, m.Confidence, m.Emotion, m.InReplyToId, m.AgentName, m.CreatedAt, m.ReplyJson })
            .ToListAsync(cancellationToken);
        var messages = rows
            .AsEnumerable()
            .Reverse()
            .Select(m => new MessageView(m.Id, m.Direction, m.Text, m.Intent, m.Confidence, m.Emotion, m.InReplyToId, m.AgentName, m.CreatedAt, BotReplyOf(m.ReplyJson)))
            .ToList();
        return TypedResults.Ok(new ConversationDetail(Summary(conversation), messages));
    }

    private static MessageBotReply? BotReplyOf(string? replyJson) =>
        replyJson is null || ConversationMessage.ReplyOf(replyJson) is not { } reply
            || reply.Parts.Count == 0 && reply.HandoffReason is null
            ? null
            : new MessageBotReply(reply.Parts, reply.Cards, reply.QuickReplies, reply.HandoffReason);

    private static Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> Claim(
        string shopId, long conversationId, AgentRequest request, BotDbContext db, ConversationLocks locks, CancellationToken cancellationToken) =>
        TransitionAsync(db, locks, shopId, conversationId, cancellationToken, conversation =>
        {
            if (conversation.Status == ConversationStatus.Human && conversation.AssignedAgent != request.Agent)
            {
                return $"The conversation is already claimed by {conversation.AssignedAgent}.";
            }

            conversation.Status = ConversationStatus.Human;
            conversation.AssignedAgent = request.Agent;
            return null;
        });

    private static Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> Release(
        string shopId, long conversationId, BotDbContext db, ConversationLocks locks, CancellationToken cancellationToken) =>
        TransitionAsync(db, locks, shopId, conversationId, cancellationToken, conversation =>
        {
            if (conversation.Status is not (ConversationStatus.Human or ConversationStatus.WaitingForHuman))
            {
                return $"Only a conversation waiting for or owned by a human can go back to the bot (it is {conversation.Status}).";
            }

            conversation.Status = ConversationStatus.Bot;
            conversation.AssignedAgent = null;
            conversation.FailureCount = 0;
            conversation.AngerCount = 0;
            return null;
        });

    private static Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> Resolve(
        string shopId, long conversationId, BotDbContext db, ConversationLocks locks, CancellationToken cancellationToken) =>
        TransitionAsync(db, locks, shopId, conversationId, cancellationToken, conversation =>
        {
            conversation.Status = ConversationStatus.Resolved;
            conversation.FailureCount = 0;
            conversation.AngerCount = 0;
            conversation.PendingSlot = null;
            conversation.PendingIntent = null;
            return null;
        });

    private static async Task<Results<Created<MessageView>, ProblemHttpResult>> Reply(
        string shopId, long conversationId, AgentReplyRequest request, BotDbContext db, ConversationLocks locks, Outbound.Outbox outbox, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        using var held = await LockAsync(db, locks, shopId, conversationId, cancellationToken);
        var conversation = held is null ? null : await db.Conversations.SingleOrDefaultAsync(c => c.ShopId == shopId && c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return NotFound(conversationId);
        }

        if (conversation.Status != ConversationStatus.Human || conversation.AssignedAgent != request.Agent)
        {
            return Problems.Conflict("Claim the conversation before replying: only the agent who owns it replies.");
        }

        var answered = request.InReplyToMessageId is { } given
            ? await db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Id == given && m.Direction == MessageDirection.Buyer).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken)
            : await db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Buyer).OrderByDescending(m => m.Id).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (request.InReplyToMessageId is not null && answered is null)
        {
            return Problems.BadRequest($"Message {request.InReplyToMessageId} is not a buyer message of this conversation.");
        }

        var message = new ConversationMessage
        {
            ShopId = shopId,
            ConversationId = conversationId,
            Platform = conversation.Platform,
            Direction = MessageDirection.Agent,
            Text = MessageText.Clean(request.Text),
            InReplyToId = answered,
            AgentName = request.Agent,
            IsTest = conversation.IsTest,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ConversationMessages.Add(message);
        // On a platform that takes pushes the buyer sees the reply there; queued with the message.
        var pushes = outbox.AddAgentReply(db, conversation, Guid.NewGuid(), message.Text, message.CreatedAt);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        if (pushes > 0)
        {
            outbox.Committed();
        }

        return TypedResults.Created($"/api/v1/shops/{shopId}/conversations/{conversationId}",
            new MessageView(message.Id, message.Direction, message.Text, null, null, null, message.InReplyToId, message.AgentName, message.CreatedAt));
    }

    private static async Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> TransitionAsync(
        BotDbContext db, ConversationLocks locks, string shopId, long conversationId, CancellationToken cancellationToken, Func<Conversation, string?> transition)
    {
        using var held = await LockAsync(db, locks, shopId, conversationId, cancellationToken);
        var conversation = held is null ? null : await db.Conversations.SingleOrDefaultAsync(c => c.ShopId == shopId && c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return NotFound(conversationId);
        }

        if (transition(conversation) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.Database.CommitTransactionAsync(cancellationToken);
        return TypedResults.Ok(Summary(conversation));
    }

    // An agent's change and a buyer message of the same conversation are decided one after the other, each
    // on the state the other committed: two agents claiming at once get one claim and one conflict, and a
    // message is never answered by the bot on a read from before a claim. Null when there is no such conversation.
    private static async Task<IDisposable?> LockAsync(BotDbContext db, ConversationLocks locks, string shopId, long conversationId, CancellationToken cancellationToken)
    {
        var key = await db.Conversations.AsNoTracking()
            .Where(c => c.ShopId == shopId && c.Id == conversationId)
            .Select(c => new { c.ShopId, c.Platform, c.BuyerId })
            .SingleOrDefaultAsync(cancellationToken);
        return key is null ? null : await locks.LockConversationsAsync(db, [ConversationLocks.Key(key.ShopId, key.Platform, key.BuyerId)], cancellationToken);
    }

    private static ProblemHttpResult NotFound(long conversationId) => Problems.NotFound($"Conversation {conversationId} was not found.");

    private static ConversationSummary Summary(Conversation c) => new(
        c.Id, c.Platform, c.BuyerId, c.BuyerNick, c.Status, c.HandoffReason, c.HandoffSummary, c.HandoffAt, c.AssignedAgent,
        c.RecentIntents.LastOrDefault(), c.RecentEmotions.LastOrDefault(), c.LastMessageAt, c.IsTest);
}
