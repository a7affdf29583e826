using System.Text.Json;
using static CustomerServiceBot.Api.Webhooks.JsonFields;

namespace CustomerServiceBot.Api.Webhooks;

// Chatwoot Agent Bot webhooks: only `message_created` events of incoming messages from contacts
// are buyer messages; the rest (the bot's and agents' own messages, status changes) are acknowledged.
internal sealed class ChatwootAdapter : IWebhookAdapter
{
    public string Platform => Shops.Platforms.Chatwoot;

    public bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        var timestamp = headers["X-Chatwoot-Timestamp"].ToString();
        var signature = headers["X-Chatwoot-Signature"].ToString();
        return WebhookSignatures.IsFresh(timestamp, now)
            && WebhookSignatures.VerifyChatwoot(timestamp, signature, body, secrets);
    }

    public AdapterOutcome ParseMessage(string shopId, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException exception)
        {
            return new AdapterOutcome.Invalid($"The body is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new AdapterOutcome.Invalid("The body must be a JSON object.");
            }

            var eventName = String(root, "event");
            if (eventName != "message_created")
            {
                return new AdapterOutcome.Ignored($"event '{eventName}' is not a new message");
            }

            if (String(root, "message_type") != "incoming"
                || !root.TryGetProperty("sender", out var sender) || String(sender, "type") is not ("contact" or null))
            {
                return new AdapterOutcome.Ignored("not an incoming message from a contact");
            }

            if (Boolean(root, "private"))
            {
                return new AdapterOutcome.Ignored("a private note");
            }

            var messageId = Scalar(root, "id");
            var conversationId = root.TryGetProperty("conversation", out var conversation) ? Scalar(conversation, "id") : null;
            var problem = MessageText.CheckId("id", messageId) ?? MessageText.CheckId("conversation.id", conversationId);
            if (problem is not null)
            {
                return new AdapterOutcome.Invalid(problem);
            }

            var text = MessageText.Clean(String(root, "content") ?? "");
            if (text.Length > MessageText.MaxLength)
            {
                return new AdapterOutcome.Invalid($"'content' is longer than {MessageText.MaxLength} characters.");
            }

            if (text.Length == 0)
            {
                return new AdapterOutcome.Ignored("a message without text (attachments only)");
            }

            // State is kept per buyer: the contact, or the conversation when Chatwoot sends no contact id.
            var buyerId = Scalar(sender, "id") is { Length: > 0 } contactId ? $"contact:{contactId}" : $"conversation:{conversationId}";
            var sentAt = root.TryGetProperty("created_at", out var created) && created.ValueKind == JsonValueKind.Number && created.TryGetInt64(out var unix)
                ? DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime
                : now.UtcDateTime;
            return new AdapterOutcome.Message(new InboundMessage(
                shopId, Platform, messageId!, buyerId, String(sender, "name"), text, sentAt, ReplyTarget: conversationId));
        }
    }
}
