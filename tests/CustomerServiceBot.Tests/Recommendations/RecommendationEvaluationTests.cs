using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Tests.Recommendations;

public class RecommendationEvaluationTests
{
    private static HashSet<string> Set(params string[] codes) => [.. codes];

    [Fact]
    public void AHitIsAnyRelevantItemWithinTheFirstK()
    {
        Assert.Equal(1, RecommendationEvaluation.HitAt(["a", "b", "c"], Set("c"), 3));
        Assert.Equal(0, RecommendationEvaluation.HitAt(["a", "b", "c"], Set("c"), 2));
        Assert.Equal(0, RecommendationEvaluation.HitAt([], Set("c"), 5));
    }

    [Fact]
    public void NdcgDiscountsByPositionAndNormalisesByTheIdealList()
    {
        // Relevant at position 2 of 3, one relevant item: (1/log2 3) / 1.
        Assert.Equal(1 / Math.Log2(3), RecommendationEvaluation.NdcgAt(["a", "b", "c"], Set("b"), 3), 12);
        // Relevant at positions 1 and 3 of two relevant: (1 + 1/2) / (1 + 1/log2 3).
        Assert.Equal(1.5 / (1 + 1 / Math.Log2(3)), RecommendationEvaluation.NdcgAt(["a", "x", "b"], Set("a", "b"), 3), 12);
        // Three relevant but k = 2: the ideal list holds only two of them, so a perfect top 2 scores 1.
        Assert.Equal(1, RecommendationEvaluation.NdcgAt(["a", "b", "x"], Set("a", "b", "c"), 2), 12);
        Assert.Equal(0, RecommendationEvaluation.NdcgAt(["x", "y"], Set("a"), 2));
    }

    [Fact]
    public void TheSplitIsByTimeAndOnlyTestOrdersOfTwoProductsAreCases()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        // Written newest first, to show that the split sorts by time and not by file order.
        var orders = Enumerable.Range(0, 10).Reverse().Select(i => new Basket($"O{i}", "b", start.AddDays(i),
            i switch { 8 => ["TEE"], 9 => ["TEE", "JEANS"], _ => ["DRESS-A", "CARDI"] })).ToList();

        var report = RecommendationEvaluation.Evaluate(TinyShop.Catalog, orders, k: 1, testShare: 0.2);

        Assert.Equal(8, report.TrainBaskets);
        Assert.Equal(2, report.TestBaskets);
        Assert.Equal(1, report.TestCases);
        Assert.False(report.Learned);
        // Best seller of the training period other than TEE is DRESS-A or CARDI (bought 8 times), not JEANS.
        Assert.Equal(0, report.PopularityHitRate);
    }

    [Fact]
    public void AHistoryWithoutTestOrdersOfTwoProductsIsADataError()
    {
        var orders = TinyShop.Orders(5, ["TEE"]);
        var exception = Assert.Throws<RecommendationDataException>(() => RecommendationEvaluation.Evaluate(TinyShop.Catalog, orders));
        Assert.Equal("none of the 1 test orders (the last 20% by time) has two or more products of the catalog; nothing to evaluate", exception.Message);
    }
}
