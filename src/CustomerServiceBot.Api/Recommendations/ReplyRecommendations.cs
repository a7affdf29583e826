using CustomerServiceBot.Api.Buyers;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Api.Recommendations;

// What the dialogue knows when it considers recommending: the scene, the products in question,
// the variant asked for, and whether the buyer asked for recommendations outright.
internal sealed record RecommendationMoment(
    RecommendationScene Scene, IReadOnlyList<string> ContextProducts, string? Size, string? Colour, bool Asked);

// Product cards for one reply, from the shop's recommendation model and the live catalog, under
// the merchant's settings and the conversation's limits. Never sold-out products, never what the
// buyer already bought or was already offered this session, never the merchant's exclusions.
internal sealed class ReplyRecommendations(ShopRecommenders recommenders)
{
    public IReadOnlyList<ProductCard> Recommend(
        ShopKnowledge knowledge, RecommendationSettings settings, RecommendationMoment moment, Conversation? conversation, BuyerProfile? profile,
        IReadOnlyList<string> buyerTags, string language, int limit, IEnumerable<string>? alsoExclude = null)
    {
        if (!settings.Enabled || limit <= 0)
        {
            return [];
        }

        var exclude = new HashSet<string>(settings.Excluded, StringComparer.Ordinal);
        exclude.UnionWith(profile?.BoughtProducts ?? []);
        exclude.UnionWith(conversation?.RecommendedProducts ?? []);
        exclude.UnionWith(alsoExclude ?? []);
        var model = recommenders.Get(knowledge);
        var picked = model.Recommend(new RecommendationQuery(
            moment.Scene,
            moment.ContextProducts,
            moment.Size,
            moment.Colour,
            exclude,
            profile?.CategoriesBought.Select(c => c.Value).ToList(),
            buyerTags.Contains(BuyerTags.PriceSensitive),
            limit,
            (code, size) => Available(knowledge, code, size))
        {
            SkuAvailable = code => knowledge.SkusByCode.TryGetValue(code, out var sku) && sku.Stock > 0,
        });
        return picked.Select(r => Card(knowledge, r, language)).OfType<ProductCard>().ToList();
    }

    // The conversation's own limits: one round of cards every few messages, a few per session, and
    // none for a buyer who is upset; a buyer who asks for recommendations always gets an answer.
    public static int Allowance(RecommendationSettings settings, Conversation conversation, IReadOnlyList<string> buyerTags, string? emotion, bool asked)
    {
        var room = Math.Min(settings.MaxCardsPerReply, RecommendationSettings.MaxCards);
        if (asked)
        {
            return room;
        }

        if (emotion is "angry" or "anxious" || buyerTags.Contains(BuyerTags.AtRisk))
        {
            return 0;
        }

        if (conversation.MessagesSinceRecommendation is { } since && since < settings.CooldownMessages)
        {
            return 0;
        }

        return Math.Clamp(settings.MaxCardsPerSession - conversation.RecommendedProducts.Count, 0, room);
    }

    public static void Shown(Conversation conversation, IEnumerable<ProductCard> cards)
    {
        conversation.RecommendedProducts = [.. conversation.RecommendedProducts, .. cards.Select(c => c.Code)];
        conversation.MessagesSinceRecommendation = 0;
    }

    private static bool Available(ShopKnowledge knowledge, string code, string? size) =>
        knowledge.ProductsByCode.TryGetValue(code, out var product)
        && (product.Skus.Length == 0 || product.Skus.Any(s => s.Stock > 0 && (size is null || s.Size == size)));

    private static ProductCard? Card(ShopKnowledge knowledge, Recommendation recommendation, string language)
    {
        if (!knowledge.ProductsByCode.TryGetValue(recommendation.ProductCode, out var product))
        {
            return null;
        }

        var sku = recommendation.SkuCode is { } code && knowledge.SkusByCode.TryGetValue(code, out var found) && found.ProductId == product.Id ? found : null;
        return new ProductCard(
            product.Id,
            product.Code,
            product.DisplayTitle(language) + (sku is null ? "" : $" ({sku.Variant})"),
            sku?.Price ?? product.FromPrice,
            product.ImageUrl,
            RecommendationReasons.Label(recommendation.Reason, language),
            recommendation.Reason,
            sku?.Code);
    }
}
