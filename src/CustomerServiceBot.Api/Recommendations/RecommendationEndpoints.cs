using CustomerServiceBot.Api.Buyers;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Webhooks;
using CustomerServiceBot.Recommendations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Recommendations;

public sealed record RecommendationsResponse(string Scene, IReadOnlyList<ProductCard> Items, RecommendationModelStatus? Model);

// The merchant's side: settings and exclusions, recommendations for a product page or a buyer,
// and the state of the shop's model.
internal static class RecommendationEndpoints
{
    private static readonly Dictionary<string, RecommendationScene> Scenes = new(StringComparer.Ordinal)
    {
        ["presale"] = RecommendationScene.PreSale,
        ["out_of_stock"] = RecommendationScene.OutOfStock,
        ["price_objection"] = RecommendationScene.PriceObjection,
        ["order"] = RecommendationScene.Order,
        ["after_sale"] = RecommendationScene.AfterSale,
        ["browse"] = RecommendationScene.Browse,
    };

    public static RouteGroupBuilder MapRecommendationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/recommendations").WithTags("Recommendations");
        group.MapGet("", Recommend).WithName("Recommend")
            .WithSummary("Recommendations for a product page and/or a buyer, with the reason for each")
            .WithDescription("scene: presale (default with a product) | out_of_stock | price_objection | order | after_sale | browse (default without). " +
                "size/colour: the variant the buyer wants (out_of_stock alternatives have stock in that size). " +
                "buyer: leaves out what the buyer bought and leans on the categories they buy from. limit: 1-20.");
        group.MapGet("/settings", GetSettings).WithName("GetRecommendationSettings").WithSummary("Cards per reply, cooldown, per-session cap and excluded products");
        group.MapPut("/settings", PutSettings).WithName("PutRecommendationSettings").WithSummary("Replace the recommendation settings")
            .WithRequestExample(new RecommendationSettings(true, 2, 3, 6, ["AK-9003"]));
        group.MapGet("/model", GetModel).WithName("GetRecommendationModel")
            .WithSummary("The shop's model: learned from orders or graph rules (and why), baskets, training pairs, when it was built");
        group.MapPost("/model", Rebuild).WithName("RebuildRecommendationModel")
            .WithSummary("Rebuild the model now from the shop's paid orders and buyers' viewed products (202; in the background)");
        return group;
    }

    private static async Task<Results<Ok<RecommendationsResponse>, ValidationProblem, ProblemHttpResult>> Recommend(
        string shopId, BotDbContext db, ShopKnowledgeCache knowledgeCache, ReplyRecommendations recommendations, ShopRecommenders recommenders,
        BuyerProfiles profiles, TimeProvider clock, CancellationToken cancellationToken,
        string? product = null, string? buyer = null, string? scene = null, string? size = null, string? colour = null, int limit = 3, string language = "zh")
    {
        var errors = new Dictionary<string, string[]>();
        if (scene is not null && !Scenes.ContainsKey(scene))
        {
            errors["scene"] = [$"Unknown scene '{scene}'. Known: {string.Join(", ", Scenes.Keys)}."];
        }

        if (limit is < 1 or > 20)
        {
            errors["limit"] = ["limit is 1 to 20."];
        }

        if (language is not ("zh" or "en"))
        {
            errors["language"] = ["language is zh or en."];
        }

        foreach (var (parameter, value) in new[] { ("product", product), ("buyer", buyer), ("size", size), ("colour", colour) })
        {
            if (value is not null && MessageText.CheckId(parameter, value) is { } problem)
            {
                errors[parameter] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var knowledge = await knowledgeCache.GetAsync(db, shopId, cancellationToken);
        if (knowledge is null)
        {
            return Problems.ShopNotFound(shopId);
        }

        if (product is not null && !knowledge.ProductsByCode.ContainsKey(product))
        {
            errors["product"] = [$"The shop has no product '{product}'."];
        }

        var chosen = scene is not null ? Scenes.GetValueOrDefault(scene) : product is null ? RecommendationScene.Browse : RecommendationScene.PreSale;
        if (chosen != RecommendationScene.Browse && product is null && errors.Count == 0)
        {
            errors["product"] = [$"The scene '{scene}' needs a product."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var profile = buyer is null ? null
            : await db.BuyerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ShopId == shopId && p.BuyerId == buyer, cancellationToken);
        var tags = profile is null ? [] : profiles.TagsOf(profile, clock.GetUtcNow().UtcDateTime).Select(t => t.Tag).ToList();
        var settings = await db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => s.Recommendations).SingleAsync(cancellationToken);
        var cards = recommendations.Recommend(knowledge, settings with { Enabled = true }, new RecommendationMoment(chosen, product is null ? [] : [product], size, colour, Asked: true),
            null, profile, tags, language, limit);
        var name = Scenes.Single(s => s.Value == chosen).Key;
        return TypedResults.Ok(new RecommendationsResponse(name, cards, recommenders.Status(shopId)));
    }

    private static async Task<Results<Ok<RecommendationSettings>, ProblemHttpResult>> GetSettings(string shopId, BotDbContext db, CancellationToken cancellationToken)
    {
        var settings = await db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => s.Recommendations).SingleOrDefaultAsync(cancellationToken);
        return settings is null ? Problems.ShopNotFound(shopId) : TypedResults.Ok(settings);
    }

    private static async Task<Results<Ok<RecommendationSettings>, ProblemHttpResult>> PutSettings(
        string shopId, RecommendationSettings request, BotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = request with { ExcludedProducts = request.Excluded.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList() };
        var updated = await db.Shops.Where(s => s.Id == shopId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Recommendations, settings)
            .SetProperty(x => x.UpdatedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        return updated == 0 ? Problems.ShopNotFound(shopId) : TypedResults.Ok(settings);
    }

    private static async Task<Results<Ok<RecommendationModelStatus>, ProblemHttpResult>> GetModel(
        string shopId, BotDbContext db, ShopKnowledgeCache knowledgeCache, ShopRecommenders recommenders, CancellationToken cancellationToken)
    {
        var knowledge = await knowledgeCache.GetAsync(db, shopId, cancellationToken);
        if (knowledge is null)
        {
            return Problems.ShopNotFound(shopId);
        }

        recommenders.Get(knowledge);
        return TypedResults.Ok(recommenders.Status(shopId)!);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> Rebuild(
        string shopId, BotDbContext db, ShopRecommenders recommenders, CancellationToken cancellationToken)
    {
        if (!await db.Shops.AnyAsync(s => s.Id == shopId, cancellationToken))
        {
            return Problems.ShopNotFound(shopId);
        }

        _ = recommenders.RebuildAfterCurrentAsync(shopId);
        return TypedResults.Accepted($"/api/v1/shops/{shopId}/recommendations/model");
    }
}
