namespace CustomerServiceBot.Api.Webhooks;

// A buyer message as the pipeline sees it, whatever brought it: a webhook adapter today, a long-lived
// platform connection (Taobao, Pinduoduo) tomorrow. Transports translate into this and nothing else.
internal sealed record InboundMessage(
    string ShopId,
    string Platform,
    string PlatformMessageId,
    string BuyerId,
    string? BuyerNick,
    string Text,
    DateTime SentAt,
    string? ProductCode = null,
    string? OrderId = null,
    string? ImageUrl = null,
    bool IsTest = false,
    // Where a pushed reply goes on the platform (a Chatwoot conversation id), when the platform wants pushes.
    string? ReplyTarget = null);

internal abstract record AdapterOutcome
{
    public sealed record Message(InboundMessage Inbound) : AdapterOutcome;

    // A well-formed delivery the bot has nothing to do with (an agent's own message, a status event).
    public sealed record Ignored(string Reason) : AdapterOutcome;

    public sealed record Invalid(string Detail) : AdapterOutcome;
}
