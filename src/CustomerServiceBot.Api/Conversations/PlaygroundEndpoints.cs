using System.ComponentModel.DataAnnotations;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerServiceBot.Api.Conversations;

public sealed record PlaygroundMessageRequest(
    [property: Required, StringLength(MessageText.MaxLength, MinimumLength = 1)] string Text,
    [property: StringLength(MessageText.MaxIdLength)] string? BuyerId,
    [property: StringLength(64)] string? ProductCode,
    [property: StringLength(64)] string? OrderId);

internal static class PlaygroundEndpoints
{
    public const string Platform = "playground";

    public static RouteGroupBuilder MapPlaygroundEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/playground").WithTags("Conversations");
        group.MapPost("/messages", SendMessage).WithName("PlaygroundMessage")
            .WithSummary("Try the bot: the same pipeline as a platform message, marked as test traffic")
            .WithDescription("Keep the same buyerId across calls to hold a multi-turn conversation.")
            .WithRequestExample(new PlaygroundMessageRequest("亲，WD-1001有红色M码吗？", "swagger-tester", null, null));
        return group;
    }

    private static async Task<Results<Ok<BotReply>, ProblemHttpResult>> SendMessage(
        string shopId, PlaygroundMessageRequest request, MessagePipeline pipeline, Understanding.NluModels models, HttpContext context,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!models.IsReady)
        {
            return Problems.ServiceUnavailable(context, "The language models are still loading; retry in a few seconds.", 10);
        }

        var inbound = new InboundMessage(
            shopId,
            Platform,
            Guid.NewGuid().ToString("N"),
            request.BuyerId ?? "playground",
            "playground",
            MessageText.Clean(request.Text),
            clock.GetUtcNow().UtcDateTime,
            request.ProductCode,
            request.OrderId,
            IsTest: true);
        return TypedResults.Ok(await pipeline.HandleAsync(inbound, cancellationToken));
    }
}
