using System.Text.Json;

namespace CustomerServiceBot.Api.Webhooks;

// The platform-neutral webhook: Standard Webhooks signing and a small JSON body.
internal sealed class GenericAdapter : IWebhookAdapter
{
    public string Platform => Shops.Platforms.Generic;

    public bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        var id = headers["webhook-id"].ToString();
        var timestamp = headers["webhook-timestamp"].ToString();
        var signature = headers["webhook-signature"].ToString();
        return id.Length is > 0 and <= 256
            && WebhookSignatures.IsFresh(timestamp, now)
            && WebhookSignatures.VerifyStandard(id, timestamp, signature, body, secrets);
    }

    public AdapterOutcome ParseMessage(string shopId, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        GenericMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<GenericMessage>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException exception)
        {
            return new AdapterOutcome.Invalid($"The body is not valid JSON for a generic message: {exception.Message}");
        }

        if (message is null)
        {
            return new AdapterOutcome.Invalid("The body must be a JSON object.");
        }

        var problem = MessageText.CheckId("messageId", message.MessageId)
            ?? MessageText.CheckId("buyerId", message.BuyerId ?? message.ConversationId);
        if (problem is not null)
        {
            return new AdapterOutcome.Invalid(problem);
        }

        var text = MessageText.Clean(message.Text ?? "");
        if (text.Length == 0 && message.ImageUrl is null)
        {
            return new AdapterOutcome.Invalid("'text' is required (or 'imageUrl' for a picture).");
        }

        if (text.Length > MessageText.MaxLength)
        {
            return new AdapterOutcome.Invalid($"'text' is longer than {MessageText.MaxLength} characters.");
        }

        if (message.ImageUrl is not null && (!Uri.TryCreate(message.ImageUrl, UriKind.Absolute, out var image) || image.Scheme is not ("http" or "https") || message.ImageUrl.Length > 1000))
        {
            return new AdapterOutcome.Invalid("'imageUrl' must be an absolute http(s) URL of at most 1000 characters.");
        }

        if (message.BuyerNick?.Length > 100 || message.ProductId?.Length > 64 || message.OrderId?.Length > 64)
        {
            return new AdapterOutcome.Invalid("'buyerNick' is at most 100 characters, 'productId' and 'orderId' at most 64.");
        }

        var sentAt = message.SentAt?.ToUniversalTime() ?? now;
        return new AdapterOutcome.Message(new InboundMessage(
            shopId,
            Platform,
            message.MessageId!,
            (message.BuyerId ?? message.ConversationId)!,
            message.BuyerNick is null ? null : MessageText.Clean(message.BuyerNick),
            text,
            sentAt.UtcDateTime,
            message.ProductId,
            message.OrderId,
            message.ImageUrl));
    }

    private sealed record GenericMessage(
        string? MessageId,
        string? BuyerId,
        string? ConversationId,
        string? BuyerNick,
        string? Text,
        DateTimeOffset? SentAt,
        string? ProductId,
        string? OrderId,
        string? ImageUrl);
}
