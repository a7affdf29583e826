namespace CustomerServiceBot.Api.Conversations;

// Reason is the buyer-facing label ("配套"); ReasonCode the stable code behind it (accessory, cheaper,
// other_colour, ...); SkuCode names the variant when the card is about one (another colour in stock).
public sealed record ProductCard(long ProductId, string Code, string Title, long Price, string? ImageUrl, string Reason, string? ReasonCode = null, string? SkuCode = null);

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
