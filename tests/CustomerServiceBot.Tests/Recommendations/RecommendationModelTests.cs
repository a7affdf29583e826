using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Tests.Recommendations;

public class RecommendationModelTests
{
    // 300 orders of two products: enough for the ranker (MinBaskets 200). TEE and JEANS are unrelated in the
    // graph; only the orders say that they go together.
    private static readonly List<Basket> ManyOrders = TinyShop.Orders(60,
        ["TEE", "JEANS"], ["TEE", "JEANS"], ["DRESS-A", "CARDI"], ["DRESS-B", "SCARF"], ["DRESS-A", "SCARF"], ["TEE"], ["CARDI"]);

    [Fact]
    public void FewOrdersFallBackToTheGraphRulesAndSayWhy()
    {
        var model = RecommendationModel.Build(TinyShop.Catalog, TinyShop.Orders(10, ["TEE", "JEANS"], ["CARDI"]), []);

        Assert.False(model.Info.Learned);
        Assert.Equal("10 orders with two or more products; the ranker learns from 200 or more", model.Info.FallbackReason);
        Assert.Equal(["CARDI", "SCARF"], model.Recommend(RecommendationScene.Order, "DRESS-A").Select(r => r.ProductCode));
    }

    [Fact]
    public void EnoughOrdersTrainTheRankerWhichFindsWhatIsBoughtTogetherOutsideTheGraph()
    {
        var model = RecommendationModel.Build(TinyShop.Catalog, ManyOrders, []);

        Assert.True(model.Info.Learned, model.Info.FallbackReason);
        Assert.Null(model.Info.FallbackReason);
        Assert.Equal(300, model.Info.MultiItemBaskets);
        Assert.True(model.Info.TrainingPairs > 600);
        var first = model.Recommend(RecommendationScene.Order, "TEE")[0];
        Assert.Equal(("JEANS", ReasonCodes.BoughtTogether), (first.ProductCode, first.Reason));
    }

    [Fact]
    public void TheSameOrdersAndSeedBuildTheSameModel()
    {
        var first = RecommendationModel.Build(TinyShop.Catalog, ManyOrders, []);
        var second = RecommendationModel.Build(TinyShop.Catalog, ManyOrders, []);

        foreach (var product in TinyShop.Catalog.Products)
        {
            Assert.Equal(first.Related(product.Code, 10), second.Related(product.Code, 10));
        }
    }

    [Fact]
    public void TheGraphRulesWeighWhatWasBoughtTogetherAlongsideTheGraph()
    {
        var model = RecommendationModel.GraphOnly(TinyShop.Catalog, ManyOrders);

        Assert.False(model.Info.Learned);
        // SCARF: bought with DRESS-B in every one of its orders; DRESS-A: similar; DRESS-C: same category only.
        var result = model.Recommend(RecommendationScene.PreSale, "DRESS-B");
        Assert.Equal(["SCARF", "DRESS-A", "DRESS-C"], result.Select(r => r.ProductCode));
        Assert.Equal([ReasonCodes.BoughtTogether, ReasonCodes.Similar, ReasonCodes.Similar], result.Select(r => r.Reason));
    }
}

// One ranker trained on a generated history of the demo catalog, shared by the tests that need a learned model.
public sealed class DemoModelFixture
{
    public DemoModelFixture()
    {
        var catalog = CatalogGraph.ReadCatalogJson(Path.Combine(AppContext.BaseDirectory, "data", "demo", "catalog.json"));
        // A product launched after the history was recorded: in the graph, in no order.
        Catalog = new CatalogGraph(
            catalog.Products.Append(new CatalogProduct("WD-NEW", "W-DRS", "W", 9900, [new CatalogSku("WD-NEW-RED-M", "红色", "M", 9900, 20)])),
            catalog.Relations.Append(new CatalogRelation("WD-NEW", "WD-1001", RelationTypes.SimilarTo)));
        Orders = DemoOrderHistory.Generate(catalog, 3000, seed: 11);
        Model = RecommendationModel.Build(Catalog, Orders, []);
    }

    internal CatalogGraph Catalog { get; }

    internal IReadOnlyList<Basket> Orders { get; }

    internal RecommendationModel Model { get; }
}

public class LearnedRecommendationTests(DemoModelFixture demo) : IClassFixture<DemoModelFixture>
{
    [Fact]
    public void TheLearnedModelBeatsPopularityOnAGeneratedDemoHistory()
    {
        var report = RecommendationEvaluation.Evaluate(demo.Catalog, demo.Orders, k: 5);

        Assert.True(report.Learned, report.FallbackReason);
        Assert.True(report.TestCases > 200, $"{report.TestCases} test cases");
        Assert.True(report.HitRate > report.PopularityHitRate + 0.2, $"model {report.HitRate:P1}, popularity {report.PopularityHitRate:P1}");
        Assert.True(report.Ndcg > report.PopularityNdcg, $"model {report.Ndcg:F3}, popularity {report.PopularityNdcg:F3}");
    }

    [Fact]
    public void AProductWithNoOrdersIsRankedThroughItsGraphRelations()
    {
        Assert.True(demo.Model.Info.Learned);
        var result = demo.Model.Recommend(new RecommendationQuery(RecommendationScene.PreSale, ["WD-NEW"]));
        Assert.Contains(result, r => r.ProductCode == "WD-1001" && r.Reason == ReasonCodes.Similar);
        Assert.All(result, r => Assert.Equal("W-DRS", demo.Catalog.Find(r.ProductCode)!.CategoryCode));
    }

    [Fact]
    public void EveryRecommendationOfTheLearnedModelRespectsItsScene()
    {
        var bought = new HashSet<string> { "AS-7001", "MT-4003" };
        foreach (var product in demo.Catalog.Products)
        {
            foreach (var scene in Enum.GetValues<RecommendationScene>())
            {
                var query = new RecommendationQuery(scene, [product.Code], Size: "M", Exclude: bought, Limit: 5);
                var result = demo.Model.Recommend(query);
                Assert.True(result.Count <= 5);
                Assert.Equal(result.Count, result.Select(r => r.SkuCode ?? r.ProductCode).Distinct().Count());
                foreach (var recommendation in result)
                {
                    var recommended = demo.Catalog.Find(recommendation.ProductCode)!;
                    Assert.DoesNotContain(recommendation.ProductCode, bought);
                    Assert.True(recommendation.ProductCode != product.Code || recommendation.Reason == ReasonCodes.OtherColour);
                    Assert.True(scene == RecommendationScene.OutOfStock ? recommended.HasStockIn("M") : recommended.InStock);
                    if (scene == RecommendationScene.PriceObjection)
                    {
                        Assert.True(recommended.PriceMinor < product.PriceMinor);
                    }
                }
            }
        }
    }
}
