namespace CustomerServiceBot.Api.Conversations;

public sealed record ProductCard(long ProductId, string Code, string Title, long Price, string? ImageUrl, string Reason);

public sealed record UnderstoodQuestion(string Intent, double Confidence, bool Understood);

// What goes back to the platform: text parts to send in order, optional product cards and quick
// replies. Empty parts mean the bot stays silent (a human owns the conversation).
public sealed record BotReply(
    long ConversationId,
    long? MessageId,
    string ConversationStatus,
    IReadOnlyList<string> Parts,
    IReadOnlyList<ProductCard> Cards,
    IReadOnlyList<string> QuickReplies,
    bool HandedOff,
    string? HandoffReason,
    IReadOnlyList<UnderstoodQuestion> Questions,
    string? Emotion,
    bool Duplicate = false);
