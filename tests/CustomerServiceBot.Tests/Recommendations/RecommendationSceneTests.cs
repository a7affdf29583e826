using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Tests.Recommendations;

// The scene rules on TinyShop with the graph rules (no orders), where the expected lists follow from the
// relations: DRESS-B is similar to DRESS-A and cheaper, DRESS-C its upgrade, CARDI its bundle, SCARF and HAT
// its accessories; DRESS-D and HAT are sold out.
public class RecommendationSceneTests
{
    private static readonly RecommendationModel Model = RecommendationModel.GraphOnly(TinyShop.Catalog);

    private static string[] Codes(IEnumerable<Recommendation> recommendations) => [.. recommendations.Select(r => r.SkuCode ?? r.ProductCode)];

    [Fact]
    public void PreSaleOffersSimilarItemsAndTheUpgradeButNothingSoldOut()
    {
        var result = Model.Recommend(RecommendationScene.PreSale, "DRESS-A");
        Assert.Equal(["DRESS-B", "DRESS-C"], Codes(result));
        Assert.Equal([ReasonCodes.Similar, ReasonCodes.Upgrade], result.Select(r => r.Reason));
    }

    [Fact]
    public void APriceSensitiveBuyerSeesTheCheaperAlternativeFirstAndNoUpgradePitch()
    {
        var result = Model.Recommend(new RecommendationQuery(RecommendationScene.PreSale, ["DRESS-A"], PriceSensitive: true));
        Assert.Equal("DRESS-B", result[0].ProductCode);
        Assert.Equal(ReasonCodes.Cheaper, result[0].Reason);
        Assert.DoesNotContain(result, r => r.Reason == ReasonCodes.Upgrade);
    }

    [Fact]
    public void APriceObjectionGetsOnlyCheaperAlternativesInStock()
    {
        var result = Model.Recommend(RecommendationScene.PriceObjection, "DRESS-A");
        var single = Assert.Single(result);
        Assert.Equal("DRESS-B", single.ProductCode);
        Assert.Equal(ReasonCodes.Cheaper, single.Reason);
        Assert.True(TinyShop.Catalog.Find(single.ProductCode)!.PriceMinor < TinyShop.Catalog.Find("DRESS-A")!.PriceMinor);
    }

    [Fact]
    public void OutOfStockOffersOtherColoursInTheSizeFirstThenAlternativesWithStockInTheSize()
    {
        var result = Model.Recommend(new RecommendationQuery(RecommendationScene.OutOfStock, ["DRESS-A"], Size: "M", Colour: "红色"));
        Assert.Equal(["DRESS-A-BLACK-M", "DRESS-A-WHITE-M", "DRESS-B"], Codes(result));
        Assert.Equal([ReasonCodes.OtherColour, ReasonCodes.OtherColour, ReasonCodes.Similar], result.Select(r => r.Reason));
        Assert.All(result, r => Assert.True(TinyShop.Catalog.Find(r.ProductCode)!.HasStockIn("M")));
    }

    [Fact]
    public void OutOfStockLeavesOutAlternativesWithoutStockInTheBuyersSize()
    {
        var result = Model.Recommend(new RecommendationQuery(RecommendationScene.OutOfStock, ["DRESS-A"], Size: "S"));
        Assert.Equal(["DRESS-C"], Codes(result));
    }

    [Fact]
    public void OutOfStockAsksTheServiceForCurrentStockWhenItPassesOne()
    {
        var query = new RecommendationQuery(RecommendationScene.OutOfStock, ["DRESS-A"], Size: "M", Colour: "红色",
            Available: (code, size) => code != "DRESS-B" && TinyShop.Catalog.Find(code)!.HasStockIn(size))
        {
            SkuAvailable = sku => sku != "DRESS-A-BLACK-M",
        };
        Assert.Equal(["DRESS-A-WHITE-M"], Codes(Model.Recommend(query)));
    }

    [Fact]
    public void AnOrderGetsTheBundleAndTheAccessoriesInStock()
    {
        var result = Model.Recommend(RecommendationScene.Order, "DRESS-A");
        Assert.Equal(["CARDI", "SCARF"], Codes(result));
        Assert.Equal([ReasonCodes.Bundle, ReasonCodes.Accessory], result.Select(r => r.Reason));
    }

    [Fact]
    public void AfterSaleOffersCareAccessoriesOfWhatWasBought()
    {
        var result = Model.Recommend(RecommendationScene.AfterSale, "DRESS-A");
        Assert.Equal(["SCARF"], Codes(result));
        Assert.Equal(ReasonCodes.Care, result[0].Reason);
    }

    [Fact]
    public void ExcludedAndAlreadyBoughtProductsAreNeverRecommended()
    {
        var result = Model.Recommend(new RecommendationQuery(RecommendationScene.Order, ["DRESS-A"], Exclude: new HashSet<string> { "SCARF" }));
        Assert.Equal(["CARDI"], Codes(result));
    }

    [Fact]
    public void TheServicesAvailabilityOverridesTheSnapshotStock()
    {
        var result = Model.Recommend(new RecommendationQuery(RecommendationScene.Order, ["DRESS-A"], Available: (code, _) => code != "CARDI"));
        Assert.Equal(["SCARF", "HAT"], Codes(result));
    }

    [Fact]
    public void ContextProductsAreNeverRecommendedBackToTheBuyer()
    {
        var result = Model.Recommend(RecommendationScene.PreSale, "DRESS-B", "DRESS-A");
        Assert.NotEmpty(result);
        Assert.DoesNotContain(result, r => r.ProductCode is "DRESS-A" or "DRESS-B");
    }

    [Fact]
    public void TheLimitCapsTheListAndKeepsTheBest()
    {
        Assert.Equal(["CARDI"], Codes(Model.Recommend(new RecommendationQuery(RecommendationScene.Order, ["DRESS-A"], Limit: 1))));
        Assert.Empty(Model.Recommend(new RecommendationQuery(RecommendationScene.Order, ["DRESS-A"], Limit: 0)));
    }

    [Fact]
    public void BrowseShowsBestSellersInTheFavouriteCategoriesFirst()
    {
        var orders = TinyShop.Orders(1, ["TEE", "CARDI", "JEANS", "HAT"], ["TEE", "CARDI", "JEANS", "HAT"], ["TEE", "CARDI", "HAT"], ["TEE", "SCARF", "HAT"], ["HAT"]);
        var model = RecommendationModel.GraphOnly(TinyShop.Catalog, orders);

        var popular = model.Recommend(RecommendationScene.Browse);
        Assert.Equal(["TEE", "CARDI", "JEANS"], Codes(popular));
        Assert.All(popular, r => Assert.Equal(ReasonCodes.Popular, r.Reason));

        var personal = model.Recommend(new RecommendationQuery(RecommendationScene.Browse, [], FavouriteCategories: ["A"]));
        Assert.Equal(["SCARF", "TEE", "CARDI"], Codes(personal));
    }

    [Fact]
    public void ProductsLookedAtInTheSameConversationsAreOfferedAsViewedTogether()
    {
        var views = Enumerable.Repeat<IReadOnlyList<string>>(["TEE", "JEANS"], 3).Concat(Enumerable.Repeat<IReadOnlyList<string>>(["CARDI"], 3)).ToList();
        var model = RecommendationModel.Build(TinyShop.Catalog, [], views);

        var result = model.Recommend(RecommendationScene.PreSale, "TEE");
        Assert.Equal(["JEANS"], Codes(result));
        Assert.Equal(ReasonCodes.ViewedTogether, result[0].Reason);
    }

    [Fact]
    public void AnUnknownProductGetsNoRecommendationsInsteadOfAnError()
    {
        Assert.Empty(Model.Recommend(RecommendationScene.Order, "NOT-IN-CATALOG"));
    }
}
