using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Webhooks;

namespace CustomerServiceBot.Api.Outbound;

// The generic platform answers buyer messages in the webhook response, but a reminder has no request
// to ride on: it is pushed as a signed webhook to the shop's own endpoint (the generic account's
// apiBaseUrl), which forwards it to the buyer however the shop reaches buyers. Signed the Standard
// Webhooks way with the account's access token as the secret, so the receiver verifies it with the
// same code that signs the bot's inbound webhooks; webhook-id is the row's idempotency key.
internal sealed class GenericPushClient(IHttpClientFactory httpClients, TimeProvider clock) : IPlatformClient
{
    public const string HttpClientName = "generic-push";

    public string Platform => Platforms.Generic;

    public string? MissingSettings(PlatformAccount? account) =>
        account is null ? "No generic account is linked to this shop (PUT /api/v1/shops/{shopId}/platform-accounts/generic)."
        : string.IsNullOrWhiteSpace(account.ApiBaseUrl) ? "The generic account has no apiBaseUrl (the shop's endpoint for pushed messages)."
        : string.IsNullOrWhiteSpace(account.AccessToken) ? "The generic account has no accessToken (the secret pushed messages are signed with)."
        : null;

    public async Task<DeliveryResult> SendAsync(PlatformAccount account, OutboxMessage message, OutboundPayload payload, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new PushedMessage(
            message.Kind, message.IdempotencyKey, message.ShopId, message.Target, payload.Text, payload.QuickReplies, payload.OrderId, payload.BuyerId),
            JsonText.Options);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, account.ApiBaseUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", message.IdempotencyKey);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(account.AccessToken!, message.IdempotencyKey, timestamp, body));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var text = response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(cancellationToken);
        return DeliveryResult.FromStatus((int)response.StatusCode, text);
    }

    private sealed record PushedMessage(
        string Type, string Id, string ShopId, string Target, string? Text, IReadOnlyList<string>? QuickReplies, string? OrderId, string? BuyerId);
}
