using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;

namespace CustomerServiceBot.Api.Outbound;

// What an outbox row carries; which fields are set depends on its kind.
internal sealed record OutboundPayload(
    string? Text = null,
    IReadOnlyList<string>? QuickReplies = null,
    IReadOnlyList<ProductCard>? Cards = null,
    string? HandoffReason = null,
    string? OrderId = null,
    string? BuyerId = null);

internal enum DeliveryOutcome
{
    Delivered,
    // Worth trying again later: network failure, timeout, 408, 429, 5xx.
    Retry,
    // The platform will never accept it (bad credentials, unknown conversation, a malformed call).
    Refused,
}

internal readonly record struct DeliveryResult(DeliveryOutcome Outcome, int? StatusCode = null, string? Error = null)
{
    public static DeliveryResult FromStatus(int statusCode, string? body) => statusCode switch
    {
        >= 200 and < 300 => new(DeliveryOutcome.Delivered, statusCode),
        408 or 425 or 429 or >= 500 => new(DeliveryOutcome.Retry, statusCode, Describe(statusCode, body)),
        _ => new(DeliveryOutcome.Refused, statusCode, Describe(statusCode, body)),
    };

    private static string Describe(int statusCode, string? body) =>
        $"HTTP {statusCode}: {(body is { Length: > 300 } ? body[..300] : body)}";
}

// The push side of a store platform. A platform that takes replies in the webhook response has none.
internal interface IPlatformClient
{
    string Platform { get; }

    // Null when the account holds what this platform needs to be called; otherwise why not.
    string? MissingSettings(PlatformAccount? account);

    Task<DeliveryResult> SendAsync(PlatformAccount account, OutboxMessage message, OutboundPayload payload, CancellationToken cancellationToken);
}

// A feature whose rows can go stale between queueing and sending (a reminder for an order paid
// meanwhile) says which; the dispatcher asks right before it calls the platform and cancels those rows.
internal interface IOutboxSendCheck
{
    string Kind { get; }

    // Row id → why it must not be sent.
    Task<IReadOnlyDictionary<long, string>> StaleAsync(BotDbContext db, IReadOnlyList<OutboxMessage> rows, CancellationToken cancellationToken);
}
