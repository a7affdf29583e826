using System.Text.Json;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerServiceBot.Api.Reminders;

internal static class OrderWebhookEndpoints
{
    public static RouteGroupBuilder MapOrderWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/webhooks/{platform}/{shopId}")
            .WithTags("Webhooks")
            .RequireRateLimiting(RateLimiting.WebhookPolicy);
        group.MapPost("/orders", ReceiveOrderEvent).WithName("ReceiveOrderEvent")
            .WithSummary("An order event from a store platform (signed): created, paid, deposit_paid, cancelled, closed")
            .WithDescription("generic: Standard Webhooks headers (webhook-id is the event id) and a JSON body {type, orderId, kind, buyerId, buyerNick, buyerTags, items, amount, " +
                "balanceAmount, payUrl, replyTo, createdAt, autoCloseAt, balanceStartsAt, occurredAt}. shopify: X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body), " +
                "X-Shopify-Webhook-Id (the event id), X-Shopify-Topic orders/create | orders/paid | orders/cancelled | checkouts/create | checkouts/update. " +
                "A retried event id changes nothing and answers duplicate: true.")
            .Accepts<JsonElement>("application/json")
            .Produces<OrderEventResult>()
            .Produces<IgnoredDelivery>();
        return group;
    }

    private static async Task<Results<Ok<OrderEventResult>, Ok<IgnoredDelivery>, ProblemHttpResult>> ReceiveOrderEvent(
        string platform, string shopId, HttpRequest request, IEnumerable<IOrderEventAdapter> adapters, WebhookSecretCache secrets,
        OrderEventProcessor processor, TimeProvider clock, ILogger<OrderEventProcessor> logger, CancellationToken cancellationToken)
    {
        var adapter = adapters.FirstOrDefault(a => a.Platform == platform);
        if (adapter is null)
        {
            return Problems.NotFound($"Platform '{platform}' sends no order events.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        var now = clock.GetUtcNow();
        var active = await secrets.GetAsync(shopId, platform, cancellationToken);
        if (active.Count == 0 || !adapter.Verify(request.Headers, body, active, now))
        {
            logger.LogWarning("Refused a {Platform} order event for shop {ShopId}: bad, missing or stale signature", platform, shopId);
            return TypedResults.Problem("The webhook signature is missing, stale or does not match any active secret of this shop.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        switch (adapter.Parse(request.Headers, body, now))
        {
            case OrderEventOutcome.Invalid invalid:
                // A permanent error: 4xx so the platform stops retrying, and nothing is stored.
                logger.LogWarning("Rejected a {Platform} order event for shop {ShopId}: {Reason}", platform, shopId, invalid.Detail);
                return Problems.BadRequest(invalid.Detail);
            case OrderEventOutcome.Ignored ignored:
                return TypedResults.Ok(new IgnoredDelivery(true, ignored.Reason));
            case OrderEventOutcome.Event orderEvent:
                return TypedResults.Ok(await processor.HandleAsync(shopId, platform, orderEvent.Data, cancellationToken));
            default:
                throw new InvalidOperationException("Unknown adapter outcome.");
        }
    }
}
