namespace CustomerServiceBot.Api.Webhooks;

// One store platform's webhook conventions: how deliveries are signed and what their bodies look like.
internal interface IWebhookAdapter
{
    string Platform { get; }

    // Checked over the raw body before anything parses it.
    bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now);

    AdapterOutcome ParseMessage(string shopId, ReadOnlySpan<byte> body, DateTimeOffset now);
}
