namespace CustomerServiceBot.Recommendations;

// The features of one (context product, candidate) pair, shared by the learned ranker and the graph rules.
// Rates rather than raw counts where it matters, so that features counted on part of the orders (training,
// Ranker) mean the same as features counted on all of them (serving).
internal static class PairFeatures
{
    public const int Count = 20;

    private const int Accessory = 0, MainItem = 1, Bundle = 2, Similar = 3, Upgrade = 4, Downgrade = 5, Compatible = 6,
        SameCategory = 7, SameParent = 8, LogCoBought = 9, CandidateGivenContext = 10, ContextGivenCandidate = 11, LogLift = 12,
        CategoryRate = 13, ParentRate = 14, LogCoViewed = 15, ViewedGivenContext = 16, LogPopularity = 17, LogPriceRatio = 18,
        LogContextBought = 19;

    public static readonly string[] Names =
    [
        "accessory", "main_item", "bundle", "similar", "upgrade", "downgrade", "compatible", "same_category", "same_parent",
        "log_co_bought", "p_candidate_given_context", "p_context_given_candidate", "log_lift", "category_rate", "parent_rate",
        "log_co_viewed", "p_viewed_given_context", "log_popularity", "log_price_ratio", "log_context_bought",
    ];

    // Shrinks a rate estimated from few orders towards zero.
    private const float Prior = 5;

    public static void Fill(Span<float> features, Behaviour behaviour, int context, int candidate, CandidateKinds kinds)
    {
        features.Clear();
        features[Accessory] = Flag(kinds, CandidateKinds.Accessory);
        features[MainItem] = Flag(kinds, CandidateKinds.MainItem);
        features[Bundle] = Flag(kinds, CandidateKinds.Bundle);
        features[Similar] = Flag(kinds, CandidateKinds.Similar);
        features[Upgrade] = Flag(kinds, CandidateKinds.Upgrade);
        features[Downgrade] = Flag(kinds, CandidateKinds.Downgrade);
        features[Compatible] = Flag(kinds, CandidateKinds.Compatible);
        features[SameCategory] = Flag(kinds, CandidateKinds.SameCategory);
        features[SameParent] = Flag(kinds, CandidateKinds.SameParent);

        var baskets = behaviour.Baskets;
        var contextBought = behaviour.Bought[context];
        var candidateBought = behaviour.Bought[candidate];
        var coBought = behaviour.CoBoughtCount(context, candidate);
        features[LogCoBought] = MathF.Log(1 + coBought);
        features[CandidateGivenContext] = coBought / (contextBought + Prior);
        features[ContextGivenCandidate] = coBought / (candidateBought + Prior);
        features[LogLift] = MathF.Log((coBought + 0.5f) * (baskets + 1f) / ((contextBought + 1f) * (candidateBought + 1f)));

        features[CategoryRate] = CategoryRateOf(behaviour, behaviour.Category[context], behaviour.Category[candidate]);
        features[ParentRate] = CategoryRateOf(behaviour, behaviour.Parent[context], behaviour.Parent[candidate]);

        var coViewed = behaviour.CoViewedCount(context, candidate);
        features[LogCoViewed] = MathF.Log(1 + coViewed);
        features[ViewedGivenContext] = coViewed / (behaviour.Viewed[context] + Prior);

        features[LogPopularity] = MathF.Log(1 + candidateBought);
        var contextPrice = behaviour.Catalog[context].PriceMinor;
        var candidatePrice = behaviour.Catalog[candidate].PriceMinor;
        features[LogPriceRatio] = contextPrice > 0 && candidatePrice > 0 ? MathF.Log((float)candidatePrice / contextPrice) : 0;
        features[LogContextBought] = MathF.Log(1 + contextBought);
    }

    // Fixed weights for shops without enough orders to learn from: the merchant's own relations first, then the
    // category, then how often the pair was bought or looked at together (shrunk towards zero while the counts
    // are few), with popularity to order what the rest leaves equal. The numbers are judgement, not fitted.
    public static float RuleScore(ReadOnlySpan<float> f, Behaviour behaviour) =>
        3.0f * f[Accessory] + 3.0f * f[Bundle] + 2.5f * f[Similar] + 2.0f * f[Upgrade] + 2.0f * f[Compatible]
        + 1.5f * f[Downgrade] + 1.0f * f[MainItem] + 1.0f * f[SameCategory] + 0.4f * f[SameParent]
        + 4.0f * f[CandidateGivenContext] + 2.0f * f[ViewedGivenContext]
        + (behaviour.MaxBought > 0 ? 0.5f * f[LogPopularity] / MathF.Log(1 + behaviour.MaxBought) : 0);

    private static float Flag(CandidateKinds kinds, CandidateKinds flag) => (kinds & flag) != 0 ? 1 : 0;

    // How many items of the candidate's category come, on average, with one item of the context's category.
    private static float CategoryRateOf(Behaviour behaviour, int from, int to) =>
        from < 0 || to < 0 ? 0 : behaviour.CategoryPairCount(from, to) / (behaviour.CategoryItems[from] + Prior);
}
