using System.Text.Json;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerServiceBot.Api.Webhooks;

public sealed record IgnoredDelivery(bool Ignored, string Reason);

internal static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/webhooks/{platform}/{shopId}")
            .WithTags("Webhooks")
            .RequireRateLimiting(RateLimiting.WebhookPolicy)
            // The body is read raw for its signature and parsed by the adapter, which rejects what it cannot use.
            .DisableValidation();
        group.MapPost("/messages", ReceiveMessage).WithName("ReceiveMessage")
            .WithSummary("A buyer message from a store platform (signed)")
            .WithDescription("generic: Standard Webhooks headers webhook-id, webhook-timestamp, webhook-signature (v1,<base64 HMAC-SHA256>) over the raw body. " +
                "chatwoot: X-Chatwoot-Signature (sha256=<hex>) over \"{X-Chatwoot-Timestamp}.{body}\". The signature is checked before the body is read as JSON; " +
                "a retried delivery of the same message id returns the stored reply.")
            .Accepts<JsonElement>("application/json")
            .Produces<BotReply>()
            .Produces<IgnoredDelivery>();
        return group;
    }

    private static async Task<Results<Ok<BotReply>, Ok<IgnoredDelivery>, ProblemHttpResult>> ReceiveMessage(
        string platform, string shopId, HttpRequest request, IEnumerable<IWebhookAdapter> adapters, WebhookSecretCache secrets,
        MessagePipeline pipeline, Understanding.NluModels models, TimeProvider clock, ILogger<WebhookAdapterLog> logger, CancellationToken cancellationToken)
    {
        var adapter = adapters.FirstOrDefault(a => a.Platform == platform);
        if (adapter is null)
        {
            return Problems.NotFound($"Unknown platform '{platform}'.");
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        var now = clock.GetUtcNow();
        var active = await secrets.GetAsync(shopId, platform, cancellationToken);
        if (active.Count == 0 || !adapter.Verify(request.Headers, body, active, now))
        {
            logger.LogWarning("Refused a {Platform} delivery for shop {ShopId}: bad, missing or stale signature", platform, shopId);
            return TypedResults.Problem("The webhook signature is missing, stale or does not match any active secret of this shop.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        switch (adapter.ParseMessage(shopId, body, now))
        {
            case AdapterOutcome.Invalid invalid:
                // A permanent error: 4xx so the platform stops retrying, never 5xx.
                logger.LogWarning("Rejected a {Platform} message for shop {ShopId}: {Reason}", platform, shopId, invalid.Detail);
                return Problems.BadRequest(invalid.Detail);
            case AdapterOutcome.Ignored ignored:
                return TypedResults.Ok(new IgnoredDelivery(true, ignored.Reason));
            case AdapterOutcome.Message when !models.IsReady:
                // Nothing is stored: the platform's retry after the models have loaded is processed as new.
                return Problems.ServiceUnavailable(request.HttpContext, "The service is starting and loading its language models; retry shortly.", 10);
            case AdapterOutcome.Message message:
                return TypedResults.Ok(await pipeline.HandleAsync(message.Inbound, cancellationToken));
            default:
                throw new InvalidOperationException("Unknown adapter outcome.");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < 65_536 ? (int)request.ContentLength : 4096);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}

internal sealed class WebhookAdapterLog;
