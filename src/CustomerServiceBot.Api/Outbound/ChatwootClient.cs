using System.Globalization;
using System.Net.Http.Json;
using CustomerServiceBot.Api.Shops;

namespace CustomerServiceBot.Api.Outbound;

// Chatwoot's application API as an Agent Bot uses it: messages go to
// POST {base}/api/v1/accounts/{account}/conversations/{conversation}/messages and a handoff opens the
// conversation for agents (toggle_status → open). The account's external id is the Chatwoot account id,
// its access token the Agent Bot's api_access_token.
internal sealed class ChatwootClient(IHttpClientFactory httpClients) : IPlatformClient
{
    public const string HttpClientName = "chatwoot";

    public string Platform => Platforms.Chatwoot;

    public string? MissingSettings(PlatformAccount? account) =>
        account is null ? "No chatwoot account is linked to this shop (PUT /api/v1/shops/{shopId}/platform-accounts/chatwoot)."
        : string.IsNullOrWhiteSpace(account.ApiBaseUrl) ? "The chatwoot account has no apiBaseUrl."
        : string.IsNullOrWhiteSpace(account.AccessToken) ? "The chatwoot account has no accessToken (the Agent Bot's api_access_token)."
        : null;

    public async Task<DeliveryResult> SendAsync(PlatformAccount account, OutboxMessage message, OutboundPayload payload, CancellationToken cancellationToken)
    {
        var conversation = $"{account.ApiBaseUrl!.TrimEnd('/')}/api/v1/accounts/{Uri.EscapeDataString(account.ExternalId)}/conversations/{Uri.EscapeDataString(message.Target)}";
        using var request = message.Kind switch
        {
            OutboxKind.Handoff => new HttpRequestMessage(HttpMethod.Post, $"{conversation}/toggle_status")
            {
                Content = JsonContent.Create(new { status = "open" }),
            },
            OutboxKind.Cards => new HttpRequestMessage(HttpMethod.Post, $"{conversation}/messages")
            {
                Content = JsonContent.Create(CardsMessage(payload, message.IdempotencyKey)),
            },
            _ => new HttpRequestMessage(HttpMethod.Post, $"{conversation}/messages")
            {
                Content = JsonContent.Create(TextMessage(payload, message.IdempotencyKey)),
            },
        };
        request.Headers.Add("api_access_token", account.AccessToken);
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var body = response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(cancellationToken);
        return DeliveryResult.FromStatus((int)response.StatusCode, body);
    }

    private static Dictionary<string, object?> TextMessage(OutboundPayload payload, string echoId)
    {
        var message = new Dictionary<string, object?>
        {
            ["content"] = payload.Text,
            ["message_type"] = "outgoing",
            ["private"] = false,
            ["echo_id"] = echoId,
        };
        if (payload.QuickReplies is { Count: > 0 } quickReplies)
        {
            // Chatwoot renders input_select items as buttons; a click comes back as the buyer's message.
            message["content_type"] = "input_select";
            message["content_attributes"] = new { items = quickReplies.Select(q => new { title = q, value = q }) };
        }

        return message;
    }

    private static Dictionary<string, object?> CardsMessage(OutboundPayload payload, string echoId) => new()
    {
        ["content"] = payload.Text ?? "",
        ["message_type"] = "outgoing",
        ["private"] = false,
        ["echo_id"] = echoId,
        ["content_type"] = "cards",
        ["content_attributes"] = new
        {
            items = (payload.Cards ?? []).Select(card => new
            {
                media_url = card.ImageUrl,
                title = card.Title,
                description = $"{Price(card.Price)} · {card.Reason}",
                actions = new[] { new { type = "postback", text = card.Code, payload = card.Code } },
            }),
        },
    };

    private static string Price(long minorUnits) =>
        (minorUnits / 100m).ToString(minorUnits % 100 == 0 ? "0" : "0.00", CultureInfo.InvariantCulture);
}
