using System.Diagnostics;
using System.Globalization;

namespace CustomerServiceBot.Recommendations;

internal sealed record RecommendationEvaluationReport(
    int K,
    double HitRate,
    double Ndcg,
    double GraphHitRate,
    double GraphNdcg,
    double PopularityHitRate,
    double PopularityNdcg,
    double CoPurchaseHitRate,
    double CoPurchaseNdcg,
    int TrainBaskets,
    int TestBaskets,
    int TestCases,
    bool Learned,
    string? FallbackReason,
    int TrainingPairs,
    double TrainSeconds);

// Offline evaluation on a temporal split: train on the earlier orders, test on the last testShare of them by
// time. Each test order of two or more products is one case: the first product is the context, the others
// are what a good recommender would have shown. Compared: the model (learned when the training orders
// allow), the graph rules, the best sellers of the training period, and "bought together": the products most
// often in the same training orders as the context, best sellers after them.
internal static class RecommendationEvaluation
{
    public static RecommendationEvaluationReport Evaluate(CatalogGraph catalog, IReadOnlyList<Basket> baskets, int k = 5, double testShare = 0.2,
        RecommendationTraining? training = null, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (testShare is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(testShare), testShare, "the test share must be between 0 and 1");
        }

        var byTime = baskets.OrderBy(b => b.OrderedAtUtc).ToList();
        var testCount = (int)Math.Round(byTime.Count * testShare);
        var train = byTime[..(byTime.Count - testCount)];
        var test = byTime[(byTime.Count - testCount)..];
        var cases = test.Select(b => b.ProductCodes.Where(code => catalog.Find(code) is not null).ToList()).Where(codes => codes.Count >= 2).ToList();
        if (cases.Count == 0)
        {
            throw new RecommendationDataException($"none of the {test.Count} test orders (the last {(testShare * 100).ToString("0.#", CultureInfo.InvariantCulture)}% by time) has two or more products of the catalog; nothing to evaluate");
        }

        progress?.Invoke($"{train.Count} training orders up to {train.LastOrDefault()?.OrderedAtUtc:yyyy-MM-dd}, {test.Count} test orders, {cases.Count} test cases");
        var stopwatch = Stopwatch.StartNew();
        var model = RecommendationModel.Build(catalog, train, [], training, cancellationToken);
        var trainSeconds = stopwatch.Elapsed.TotalSeconds;
        progress?.Invoke(model.Info.Learned
            ? $"ranker trained on {model.Info.TrainingPairs} pairs in {trainSeconds:F1} s"
            : $"graph rules: {model.Info.FallbackReason}");
        var graph = RecommendationModel.GraphOnly(catalog, train);
        var bestSellers = train.SelectMany(b => b.ProductCodes.Distinct())
            .GroupBy(code => code, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        var together = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var basket in train)
        {
            foreach (var a in basket.ProductCodes)
            {
                var row = together.TryGetValue(a, out var existing) ? existing : together[a] = new(StringComparer.Ordinal);
                foreach (var b in basket.ProductCodes.Where(b => b != a))
                {
                    row[b] = row.GetValueOrDefault(b) + 1;
                }
            }
        }

        var bestSellerRank = bestSellers.Select((code, i) => (code, i)).ToDictionary(p => p.code, p => p.i, StringComparer.Ordinal);

        double hits = 0, ndcg = 0, graphHits = 0, graphNdcg = 0, popularHits = 0, popularNdcg = 0, togetherHits = 0, togetherNdcg = 0;
        foreach (var codes in cases)
        {
            var context = codes[0];
            var relevant = codes.Skip(1).ToHashSet(StringComparer.Ordinal);
            var learned = model.Related(context, k).Select(r => r.ProductCode).ToList();
            var rules = graph.Related(context, k).Select(r => r.ProductCode).ToList();
            var popular = bestSellers.Where(code => code != context).Take(k).ToList();
            var boughtWith = together.GetValueOrDefault(context)?
                .OrderByDescending(p => p.Value).ThenBy(p => bestSellerRank.GetValueOrDefault(p.Key, int.MaxValue)).Select(p => p.Key)
                .Concat(popular).Distinct().Take(k).ToList() ?? popular;
            hits += HitAt(learned, relevant, k);
            ndcg += NdcgAt(learned, relevant, k);
            graphHits += HitAt(rules, relevant, k);
            graphNdcg += NdcgAt(rules, relevant, k);
            popularHits += HitAt(popular, relevant, k);
            popularNdcg += NdcgAt(popular, relevant, k);
            togetherHits += HitAt(boughtWith, relevant, k);
            togetherNdcg += NdcgAt(boughtWith, relevant, k);
        }

        double Mean(double sum) => sum / cases.Count;
        return new RecommendationEvaluationReport(k, Mean(hits), Mean(ndcg), Mean(graphHits), Mean(graphNdcg), Mean(popularHits), Mean(popularNdcg), Mean(togetherHits), Mean(togetherNdcg),
            train.Count, test.Count, cases.Count, model.Info.Learned, model.Info.FallbackReason, model.Info.TrainingPairs, trainSeconds);
    }

    // 1 when any relevant item is among the first k, else 0.
    public static double HitAt(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                return 1;
            }
        }

        return 0;
    }

    // Binary relevance: DCG = sum over the first k of 1/log2(position + 1) for relevant items, divided by the DCG
    // of an ideal list that puts min(k, |relevant|) relevant items first.
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        if (relevant.Count == 0)
        {
            return 0;
        }

        double dcg = 0, ideal = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                dcg += 1 / Math.Log2(i + 2);
            }
        }

        for (var i = 0; i < Math.Min(k, relevant.Count); i++)
        {
            ideal += 1 / Math.Log2(i + 2);
        }

        return dcg / ideal;
    }
}
