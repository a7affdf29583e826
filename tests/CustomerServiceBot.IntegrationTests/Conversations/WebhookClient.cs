using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CustomerServiceBot.Api.Webhooks;
using CustomerServiceBot.IntegrationTests.Infrastructure;

namespace CustomerServiceBot.IntegrationTests.Conversations;

// Signs and posts deliveries the way a platform does.
public sealed class WebhookClient(HttpClient http, string shopId, string secret)
{
    public async Task<HttpResponseMessage> SendGenericAsync(object message, DateTimeOffset? signedAt = null, string? signatureOverride = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web);
        return await SendRawGenericAsync(body, signedAt, signatureOverride);
    }

    public async Task<HttpResponseMessage> SendRawGenericAsync(byte[] body, DateTimeOffset? signedAt = null, string? signatureOverride = null, string platform = "generic")
    {
        var id = "wh_" + Guid.NewGuid().ToString("N");
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{platform}/{shopId}/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", signatureOverride ?? WebhookSignatures.SignStandard(secret, id, timestamp, body));
        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendChatwootAsync(string chatwootSecret, object payload)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, JsonSerializerOptions.Web);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/chatwoot/{shopId}/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Chatwoot-Timestamp", timestamp);
        request.Headers.Add("X-Chatwoot-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Chatwoot-Signature", WebhookSignatures.SignChatwoot(chatwootSecret, timestamp, body));
        return await http.SendAsync(request);
    }

    // One buyer message with a fresh message id, answered 200: the reply.
    public async Task<JsonElement> SayAsync(string buyerId, string text, string? productId = null, string nick = "小王") =>
        await (await SendGenericAsync(new { messageId = Guid.NewGuid().ToString("N"), buyerId, buyerNick = nick, text, sentAt = DateTimeOffset.UtcNow, productId }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

    public static object Message(string messageId, string buyerId, string text, string? productId = null) =>
        new { messageId, buyerId, buyerNick = "小王", text, sentAt = DateTimeOffset.UtcNow, productId };
}
