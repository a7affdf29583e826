namespace CustomerServiceBot.Recommendations;

// Where in the conversation the buyer is; each scene lets different candidates through (docs/recommendations.md).
internal enum RecommendationScene
{
    PreSale,
    OutOfStock,
    PriceObjection,
    Order,
    AfterSale,
    Browse,
}

// Why an item was picked, for the reply to phrase.
internal static class ReasonCodes
{
    public const string Accessory = "accessory";             // 配套
    public const string Bundle = "bundle";                   // 搭配
    public const string BoughtTogether = "bought_together";  // 买了还买
    public const string ViewedTogether = "viewed_together";  // 看了还看
    public const string Similar = "similar";                 // 相似款
    public const string Upgrade = "upgrade";                 // 升级款
    public const string Cheaper = "cheaper";                 // 更便宜
    public const string OtherColour = "other_colour";        // 同款其他颜色
    public const string Popular = "popular";                 // 热卖
    public const string Care = "care";                       // 售后护理/配件
}

// SkuCode is set where the suggestion is one SKU (another colour of the same product in the buyer's size).
internal readonly record struct Recommendation(string ProductCode, string? SkuCode, string Reason, double Score);

internal sealed record RecommendationQuery(
    RecommendationScene Scene,
    IReadOnlyList<string> ContextProducts,
    string? Size = null,
    string? Colour = null,
    IReadOnlySet<string>? Exclude = null,
    IReadOnlyList<string>? FavouriteCategories = null,
    bool PriceSensitive = false,
    int Limit = 3,
    Func<string, string?, bool>? Available = null)
{
    // (skuCode) -> can be bought now, for other-colour suggestions; when null the graph's SKU stock is used.
    public Func<string, bool>? SkuAvailable { get; init; }
}

internal sealed record RecommendationTraining(
    int MinBaskets = 200,
    int Seed = 7,
    int NegativesPerPositive = 8,
    int Trees = 100,
    int Leaves = 16,
    int MinExamplesPerLeaf = 20,
    double LearningRate = 0.1,
    int MaxCandidatesPerProduct = 200,
    int MaxSameCategoryCandidates = 40,
    int MaxPopularCandidates = 20,
    int MaxTrainingBaskets = 50_000,
    int Folds = 5);

// Learned: the FastTree ranker orders the candidates; otherwise the graph rules do, for FallbackReason.
internal sealed record RecommendationModelInfo(
    bool Learned,
    string? FallbackReason,
    int Baskets,
    int TrainingPairs,
    double TrainSeconds,
    int MultiItemBaskets = 0,
    int Products = 0,
    int CandidatePairs = 0,
    double BuildSeconds = 0);
