using System.Globalization;
using System.Text.Json;
using static CustomerServiceBot.Api.Webhooks.JsonFields;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Webhooks;

namespace CustomerServiceBot.Api.Reminders;

internal static class OrderEventType
{
    public const string Created = "created";
    public const string Paid = "paid";
    public const string DepositPaid = "deposit_paid";
    public const string Cancelled = "cancelled";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Created, Paid, DepositPaid, Cancelled, Closed];
}

// An order event as the engine sees it, whatever platform sent it. Null fields were not in the delivery.
internal sealed record OrderEventData(
    string EventId,
    string Type,
    string OrderId,
    string Kind,
    DateTime OccurredAt,
    string? BuyerId = null,
    string? BuyerNick = null,
    IReadOnlyList<string>? BuyerTags = null,
    IReadOnlyList<OrderItem>? Items = null,
    long? AmountMinor = null,
    long? BalanceMinor = null,
    string? PayUrl = null,
    string? ReplyPlatform = null,
    string? ReplyTarget = null,
    DateTime? OrderCreatedAt = null,
    DateTime? AutoCloseAt = null,
    DateTime? BalanceStartsAt = null);

internal abstract record OrderEventOutcome
{
    public sealed record Event(OrderEventData Data) : OrderEventOutcome;

    // A well-formed delivery about something reminders do not follow (another Shopify topic, say).
    public sealed record Ignored(string Reason) : OrderEventOutcome;

    public sealed record Invalid(string Detail) : OrderEventOutcome;
}

// One platform's order webhooks: signature and body. Verify runs over the raw body before Parse.
internal interface IOrderEventAdapter
{
    string Platform { get; }

    bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now);

    OrderEventOutcome Parse(IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now);
}

internal static class OrderEventChecks
{
    public const int MaxItems = 100;

    // Shared by every adapter: what makes an event unusable, whichever platform sent it.
    public static string? Problem(OrderEventData data, DateTimeOffset now)
    {
        var problem = MessageText.CheckId("orderId", data.OrderId);
        if (problem is not null)
        {
            return problem;
        }

        if (data.Type is OrderEventType.Created)
        {
            problem = MessageText.CheckId("buyerId", data.BuyerId) ?? (data.AmountMinor is null ? "'amount' is required." : null);
            if (problem is not null)
            {
                return problem;
            }
        }
        else if (data.BuyerId is not null && MessageText.CheckId("buyerId", data.BuyerId) is { } buyerProblem)
        {
            return buyerProblem;
        }

        if (data.AmountMinor < 0 || data.BalanceMinor < 0)
        {
            return "Amounts are minor units (fen, cents) and never negative.";
        }

        if (data.BuyerNick?.Length > 100 || data.BuyerTags?.Count > 20 || data.BuyerTags?.Any(t => t.Length is 0 or > 40) == true)
        {
            return "'buyerNick' is at most 100 characters; 'buyerTags' at most 20 tags of 1-40 characters.";
        }

        if (data.Items is { } items && (items.Count > MaxItems || items.Any(i => i.Title.Length is 0 or > 200 || i.Quantity is < 1 or > 9999 || i.ProductId?.Length > 64
            || i.SkuCode?.Length > 64 || i.PriceMinor is < 0)))
        {
            return $"'items' holds at most {MaxItems} items, each with a title of 1-200 characters, a quantity of 1-9999, a productId and sku of at most 64 characters and a price (minor units) that is not negative.";
        }

        if (data.PayUrl is not null && (data.PayUrl.Length > 1000 || !Uri.TryCreate(data.PayUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            return "'payUrl' must be an absolute http(s) URL of at most 1000 characters.";
        }

        if (data.ReplyPlatform is not null && (data.ReplyPlatform != Platforms.Chatwoot || MessageText.CheckId("replyTo.target", data.ReplyTarget) is not null))
        {
            return "'replyTo' names a chatwoot conversation: {\"platform\": \"chatwoot\", \"target\": \"<conversation id>\"}.";
        }

        var future = now.UtcDateTime + WebhookSignatures.MaxClockSkew;
        if (data.OrderCreatedAt > future || data.OccurredAt > future)
        {
            return "'createdAt' and 'occurredAt' cannot be in the future.";
        }

        if (data.AutoCloseAt is { } closes && data.OrderCreatedAt is { } created && closes < created)
        {
            return "'autoCloseAt' is before 'createdAt'.";
        }

        return null;
    }
}

// The platform-neutral order webhook: Standard Webhooks signing (webhook-id is the event id) and a JSON body.
internal sealed class GenericOrderAdapter : IOrderEventAdapter
{
    private static readonly GenericAdapter Signing = new();

    public string Platform => Platforms.Generic;

    public bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now) =>
        Signing.Verify(headers, body, secrets, now);

    public OrderEventOutcome Parse(IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        GenericOrderEvent? message;
        try
        {
            message = JsonSerializer.Deserialize<GenericOrderEvent>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException exception)
        {
            return new OrderEventOutcome.Invalid($"The body is not valid JSON for an order event: {exception.Message}");
        }

        if (message is null)
        {
            return new OrderEventOutcome.Invalid("The body must be a JSON object.");
        }

        if (message.Type is null || !OrderEventType.All.Contains(message.Type))
        {
            return new OrderEventOutcome.Invalid($"'type' must be one of {string.Join(", ", OrderEventType.All)}.");
        }

        if (message.Kind is not (null or OrderKind.Order or OrderKind.Cart))
        {
            return new OrderEventOutcome.Invalid("'kind' is order (the default) or cart.");
        }

        if (message.Items?.Any(i => i is null || i.Title is null) == true)
        {
            return new OrderEventOutcome.Invalid("Every item needs a 'title'.");
        }

        var data = new OrderEventData(
            headers["webhook-id"].ToString(),
            message.Type,
            message.OrderId ?? "",
            message.Kind ?? OrderKind.Order,
            (message.OccurredAt ?? now).UtcDateTime,
            message.BuyerId,
            message.BuyerNick is null ? null : MessageText.Clean(message.BuyerNick),
            message.BuyerTags,
            message.Items?.Select(i => new OrderItem(i!.ProductId, MessageText.Clean(i.Title!), i.Quantity ?? 1, i.Sku, i.Price)).ToList(),
            message.Amount,
            message.BalanceAmount,
            message.PayUrl,
            message.ReplyTo?.Platform,
            message.ReplyTo?.Target,
            message.CreatedAt?.UtcDateTime,
            message.AutoCloseAt?.UtcDateTime,
            message.BalanceStartsAt?.UtcDateTime);
        return OrderEventChecks.Problem(data, now) is { } problem
            ? new OrderEventOutcome.Invalid(problem)
            : new OrderEventOutcome.Event(data);
    }

    private sealed record GenericOrderEvent(
        string? Type,
        string? OrderId,
        string? Kind,
        string? BuyerId,
        string? BuyerNick,
        List<string>? BuyerTags,
        List<GenericItem?>? Items,
        long? Amount,
        long? BalanceAmount,
        string? PayUrl,
        GenericReplyTo? ReplyTo,
        DateTimeOffset? CreatedAt,
        DateTimeOffset? AutoCloseAt,
        DateTimeOffset? BalanceStartsAt,
        DateTimeOffset? OccurredAt);

    private sealed record GenericItem(string? ProductId, string? Title, int? Quantity, string? Sku, long? Price);

    private sealed record GenericReplyTo(string? Platform, string? Target);
}

// Shopify order and checkout webhooks: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body,
// X-Shopify-Webhook-Id the event id (stable across retries), X-Shopify-Topic what happened.
internal sealed class ShopifyOrderAdapter : IOrderEventAdapter
{
    public string Platform => Platforms.Shopify;

    public bool Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now) =>
        headers["X-Shopify-Webhook-Id"].ToString().Length is > 0 and <= 256
        && WebhookSignatures.VerifyShopify(headers["X-Shopify-Hmac-Sha256"].ToString(), body, secrets);

    public OrderEventOutcome Parse(IHeaderDictionary headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var topic = headers["X-Shopify-Topic"].ToString();
        if (topic is not ("orders/create" or "orders/paid" or "orders/cancelled" or "checkouts/create" or "checkouts/update"))
        {
            return new OrderEventOutcome.Ignored($"topic '{topic}' is not followed by reminders");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException exception)
        {
            return new OrderEventOutcome.Invalid($"The body is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new OrderEventOutcome.Invalid("The body must be a JSON object.");
            }

            var checkout = topic.StartsWith("checkouts/", StringComparison.Ordinal);
            var id = Scalar(root, "id");
            if (!TryMoney(root, "total_price", out var amount) || !TryTime(root, "created_at", out var createdAt) || !TryTime(root, "cancelled_at", out var cancelledAt)
                || !TryTime(root, "completed_at", out var completedAt) || !TryTime(root, "updated_at", out var updatedAt))
            {
                return new OrderEventOutcome.Invalid("'total_price' must be a non-negative decimal string and times ISO 8601.");
            }

            var type = topic switch
            {
                "orders/paid" => OrderEventType.Paid,
                "orders/cancelled" => OrderEventType.Cancelled,
                "orders/create" when String(root, "financial_status") == "paid" => OrderEventType.Paid,
                _ when checkout && completedAt is not null => OrderEventType.Paid,
                _ => OrderEventType.Created,
            };
            var customer = root.TryGetProperty("customer", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
            var customerId = customer is { } found ? Scalar(found, "id") : null;
            var buyerId = customerId is not null ? $"customer:{customerId}"
                : checkout && String(root, "token") is { } token ? $"checkout:{token}"
                : null;
            var items = root.TryGetProperty("line_items", out var lines) && lines.ValueKind == JsonValueKind.Array
                ? lines.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.Object).Select(l => new OrderItem(
                    Scalar(l, "product_id"), MessageText.Clean(String(l, "title") ?? "?"),
                    l.TryGetProperty("quantity", out var q) && q.TryGetInt32(out var quantity) ? quantity : 1,
                    String(l, "sku") is { Length: > 0 } sku ? sku : null,
                    TryMoney(l, "price", out var price) ? price : null)).ToList()
                : null;
            var occurred = type switch
            {
                OrderEventType.Cancelled => cancelledAt,
                OrderEventType.Paid when checkout => completedAt,
                _ => updatedAt,
            };
            var data = new OrderEventData(
                headers["X-Shopify-Webhook-Id"].ToString(),
                type,
                id is null ? "" : checkout ? $"checkout-{id}" : id,
                checkout ? OrderKind.Cart : OrderKind.Order,
                occurred ?? now.UtcDateTime,
                buyerId,
                customer is { } who ? String(who, "first_name") : null,
                null,
                items,
                amount,
                null,
                String(root, checkout ? "abandoned_checkout_url" : "order_status_url"),
                null,
                null,
                createdAt);
            return OrderEventChecks.Problem(data, now) is { } problem
                ? new OrderEventOutcome.Invalid(problem)
                : new OrderEventOutcome.Event(data);
        }
    }

    // Shopify sends money as a decimal string in the shop's currency ("199.00").
    private static bool TryMoney(JsonElement element, string name, out long? minor)
    {
        minor = null;
        var text = Scalar(element, name);
        if (text is null)
        {
            return true;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value * 100 != decimal.Truncate(value * 100) || value > 1_000_000_000m)
        {
            return false;
        }

        minor = (long)(value * 100);
        return true;
    }

    private static bool TryTime(JsonElement element, string name, out DateTime? time)
    {
        time = null;
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            time = parsed.UtcDateTime;
            return true;
        }

        return false;
    }
}
