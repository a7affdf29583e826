using System.Diagnostics;
using Microsoft.ML;

namespace CustomerServiceBot.Recommendations;

// Every context product's candidates scored once at build time and kept sorted, so a reply's recommendation
// is a walk down one or two short arrays with the scene's filter, the stock check and the exclusions.
// Immutable after Build: one instance serves any number of threads.
internal sealed class RecommendationModel
{
    // In Browse the favourite categories come first; elsewhere they only break near-ties.
    private const float FavouriteTier = 1f;
    private const float FavouriteBonus = 1e-3f;
    private const float CheaperBonus = 1f;
    private const int MaxContexts = 8;

    private static readonly string[] Reasons =
    [
        ReasonCodes.Accessory, ReasonCodes.Bundle, ReasonCodes.BoughtTogether, ReasonCodes.ViewedTogether, ReasonCodes.Similar,
        ReasonCodes.Upgrade, ReasonCodes.Cheaper, ReasonCodes.OtherColour, ReasonCodes.Popular, ReasonCodes.Care,
    ];

    private const byte Accessory = 0, Bundle = 1, BoughtTogether = 2, ViewedTogether = 3, Similar = 4, Upgrade = 5, Cheaper = 6,
        OtherColour = 7, Popular = 8, Care = 9, Skip = byte.MaxValue;

    private const CandidateKinds Alternatives = CandidateKinds.Similar | CandidateKinds.SameCategory | CandidateKinds.Downgrade;

    private readonly int[] _offsets;
    private readonly int[] _candidates;
    private readonly float[] _scores;
    private readonly CandidateKinds[] _kinds;
    private readonly int[] _bestSellers;
    private readonly float[] _popularity;
    private readonly Dictionary<string, int[]> _bestSellersIn = new(StringComparer.Ordinal);

    private RecommendationModel(CatalogGraph catalog, int[] offsets, int[] candidates, float[] scores, CandidateKinds[] kinds,
        Behaviour behaviour, int[] bestSellers, RecommendationModelInfo info)
    {
        Catalog = catalog;
        Info = info;
        _offsets = offsets;
        _candidates = candidates;
        _scores = scores;
        _kinds = kinds;
        _bestSellers = bestSellers;
        _popularity = [.. behaviour.Bought.Select(b => behaviour.MaxBought == 0 ? 0f : (float)b / behaviour.MaxBought)];
        foreach (var group in bestSellers.SelectMany(i => new[] { (Code: catalog[i].CategoryCode, Product: i), (Code: catalog[i].ParentCategoryCode, Product: i) })
            .Where(p => p.Code is not null).GroupBy(p => p.Code!, StringComparer.Ordinal))
        {
            _bestSellersIn[group.Key] = [.. group.Select(p => p.Product)];
        }
    }

    public RecommendationModelInfo Info { get; }

    public CatalogGraph Catalog { get; }

    // Learns the ranking from the orders when there are enough of them (training.MinBaskets orders of two or
    // more products); otherwise, or when they teach nothing, ranks by the graph rules and says why in Info.
    public static RecommendationModel Build(CatalogGraph catalog, IReadOnlyList<Basket> baskets, IReadOnlyList<IReadOnlyList<string>> viewSessions,
        RecommendationTraining? training = null, CancellationToken cancellationToken = default) =>
        Create(catalog, baskets, viewSessions, training ?? new RecommendationTraining(), learn: true, cancellationToken);

    // Rules only, no training: for a new shop, and to answer the first requests while Build runs.
    public static RecommendationModel GraphOnly(CatalogGraph catalog, IReadOnlyList<Basket>? baskets = null) =>
        Create(catalog, baskets ?? [], [], new RecommendationTraining(), learn: false, CancellationToken.None);

    private static RecommendationModel Create(CatalogGraph catalog, IReadOnlyList<Basket> baskets, IReadOnlyList<IReadOnlyList<string>> viewSessions,
        RecommendationTraining training, bool learn, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(training.Folds, 2, nameof(training.Folds));
        ArgumentOutOfRangeException.ThrowIfLessThan(training.NegativesPerPositive, 1, nameof(training.NegativesPerPositive));
        ArgumentOutOfRangeException.ThrowIfLessThan(training.Trees, 1, nameof(training.Trees));
        ArgumentOutOfRangeException.ThrowIfLessThan(training.MaxCandidatesPerProduct, 1, nameof(training.MaxCandidatesPerProduct));
        var build = Stopwatch.StartNew();
        var behaviour = Behaviour.Count(catalog, baskets, viewSessions);
        var candidates = new Candidates(behaviour, training);
        var lists = new List<(int Candidate, CandidateKinds Kinds)>[catalog.Count];
        for (var i = 0; i < lists.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lists[i] = candidates.For(i);
        }

        ITransformer? ranker = null;
        var pairs = 0;
        var trainSeconds = 0.0;
        string? fallback;
        if (!learn)
        {
            fallback = "graph rules requested";
        }
        else if (behaviour.MultiItemBaskets < training.MinBaskets)
        {
            fallback = $"{behaviour.MultiItemBaskets} orders with two or more products; the ranker learns from {training.MinBaskets} or more";
        }
        else
        {
            var train = Stopwatch.StartNew();
            (ranker, pairs) = Ranker.Train(catalog, baskets, viewSessions, candidates, lists, training, cancellationToken);
            trainSeconds = train.Elapsed.TotalSeconds;
            fallback = ranker is null ? "every candidate in the orders was bought; nothing to rank against" : null;
        }

        var scores = ScoreAll(behaviour, lists, ranker, cancellationToken);
        var (offsets, kept, keptScores, keptKinds) = SortAndKeep(lists, scores, training.MaxCandidatesPerProduct);
        var info = new RecommendationModelInfo(
            Learned: ranker is not null,
            FallbackReason: fallback,
            Baskets: behaviour.Baskets,
            TrainingPairs: pairs,
            TrainSeconds: trainSeconds,
            MultiItemBaskets: behaviour.MultiItemBaskets,
            Products: catalog.Count,
            CandidatePairs: kept.Length,
            BuildSeconds: build.Elapsed.TotalSeconds);
        return new RecommendationModel(catalog, offsets, kept, keptScores, keptKinds, behaviour, candidates.BestSellers, info);
    }

    // Scores in chunks so a large catalog's feature matrix never has to be held at once.
    private static float[][] ScoreAll(Behaviour behaviour, List<(int Candidate, CandidateKinds Kinds)>[] lists, ITransformer? ranker, CancellationToken cancellationToken)
    {
        const int ChunkPairs = 50_000;
        var scores = new float[lists.Length][];
        var features = new float[ChunkPairs * PairFeatures.Count];
        var start = 0;
        while (start < lists.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = start;
            var rows = 0;
            while (end < lists.Length && (rows == 0 || rows + lists[end].Count <= ChunkPairs))
            {
                rows += lists[end].Count;
                end++;
            }

            if (rows > features.Length / PairFeatures.Count)
            {
                features = new float[rows * PairFeatures.Count];
            }

            var row = 0;
            for (var context = start; context < end; context++)
            {
                foreach (var (candidate, kinds) in lists[context])
                {
                    PairFeatures.Fill(features.AsSpan(row++ * PairFeatures.Count, PairFeatures.Count), behaviour, context, candidate, kinds);
                }
            }

            var chunk = ranker is null
                ? [.. Enumerable.Range(0, rows).Select(r => PairFeatures.RuleScore(features.AsSpan(r * PairFeatures.Count, PairFeatures.Count), behaviour))]
                : Ranker.Score(ranker, features, rows);
            row = 0;
            for (var context = start; context < end; context++)
            {
                scores[context] = chunk[row..(row + lists[context].Count)];
                row += lists[context].Count;
            }

            start = end;
        }

        return scores;
    }

    // Best first per context, cut to the cap, and scaled to 0..1 over the whole model so that the lists of
    // several context products can be merged on one scale.
    private static (int[] Offsets, int[] Candidates, float[] Scores, CandidateKinds[] Kinds) SortAndKeep(
        List<(int Candidate, CandidateKinds Kinds)>[] lists, float[][] scores, int cap)
    {
        var offsets = new int[lists.Length + 1];
        var order = new int[lists.Length][];
        for (var i = 0; i < lists.Length; i++)
        {
            var byScore = scores[i];
            var list = lists[i];
            order[i] = [.. Enumerable.Range(0, list.Count).OrderByDescending(j => byScore[j]).ThenBy(j => list[j].Candidate).Take(cap)];
            offsets[i + 1] = offsets[i] + order[i].Length;
        }

        var candidates = new int[offsets[^1]];
        var kept = new float[offsets[^1]];
        var kinds = new CandidateKinds[offsets[^1]];
        for (var i = 0; i < lists.Length; i++)
        {
            for (var j = 0; j < order[i].Length; j++)
            {
                candidates[offsets[i] + j] = lists[i][order[i][j]].Candidate;
                kinds[offsets[i] + j] = lists[i][order[i][j]].Kinds;
                kept[offsets[i] + j] = scores[i][order[i][j]];
            }
        }

        if (kept.Length > 0)
        {
            var min = kept.Min();
            var range = kept.Max() - min;
            for (var j = 0; j < kept.Length; j++)
            {
                kept[j] = range > 0 ? (kept[j] - min) / range : 1;
            }
        }

        return (offsets, candidates, kept, kinds);
    }

    public IReadOnlyList<Recommendation> Recommend(RecommendationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0)
        {
            return [];
        }

        Span<int> contexts = stackalloc int[MaxContexts];
        var contextCount = 0;
        for (var i = 0; i < query.ContextProducts.Count; i++)
        {
            var index = Catalog.IndexOf(query.ContextProducts[i]);
            if (index >= 0 && contextCount < MaxContexts && !contexts[..contextCount].Contains(index))
            {
                contexts[contextCount++] = index;
            }
        }

        contexts = contexts[..contextCount];
        Span<Hit> hits = query.Limit <= 32 ? stackalloc Hit[query.Limit] : new Hit[query.Limit];
        var count = 0;
        if (query.Scene == RecommendationScene.Browse || (contextCount == 0 && query.Scene == RecommendationScene.PreSale))
        {
            count = BestSellers(query, contexts, hits);
        }
        else if (contextCount > 0)
        {
            if (query.Scene == RecommendationScene.OutOfStock)
            {
                count = OtherColours(query, contexts[0], hits);
            }

            count += Ranked(query, contexts, hits[count..]);
        }

        var result = new Recommendation[count];
        for (var i = 0; i < count; i++)
        {
            var product = Catalog[hits[i].Product];
            result[i] = new Recommendation(product.Code, hits[i].Sku >= 0 ? product.Skus[hits[i].Sku].Code : null, Reasons[hits[i].Reason], Math.Round(hits[i].Score, 4));
        }

        return result;
    }

    // A context product's candidates in model order with no scene, stock or exclusion filter: what the
    // offline evaluation measures (docs/recommendations.md).
    public IReadOnlyList<Recommendation> Related(string productCode, int limit)
    {
        var context = Catalog.IndexOf(productCode);
        if (context < 0 || limit <= 0)
        {
            return [];
        }

        var end = Math.Min(_offsets[context + 1], _offsets[context] + limit);
        var result = new List<Recommendation>(end - _offsets[context]);
        for (var j = _offsets[context]; j < end; j++)
        {
            result.Add(new Recommendation(Catalog[_candidates[j]].Code, null, Reasons[GeneralReason(_kinds[j])], _scores[j]));
        }

        return result;
    }

    private int Ranked(RecommendationQuery query, ReadOnlySpan<int> contexts, Span<Hit> hits)
    {
        var scene = query.Scene;
        var size = scene == RecommendationScene.OutOfStock ? query.Size : null;
        var favourites = query.FavouriteCategories is { Count: > 0 };
        var bonusMax = (query.PriceSensitive ? CheaperBonus : 0) + (favourites ? FavouriteBonus : 0);
        var count = 0;
        for (var c = 0; c < contexts.Length; c++)
        {
            // The product under discussion leads; products mentioned before it count for less.
            var weight = c == 0 ? 1f : 0.5f;
            var contextPrice = Catalog[contexts[c]].PriceMinor;
            for (var j = _offsets[contexts[c]]; j < _offsets[contexts[c] + 1]; j++)
            {
                var lowest = count < hits.Length ? float.NegativeInfinity : Lowest(hits[..count]);
                if (_scores[j] * weight + bonusMax <= lowest)
                {
                    break;
                }

                var candidate = _candidates[j];
                var product = Catalog[candidate];
                var cheaper = product.PriceMinor > 0 && product.PriceMinor < contextPrice;
                var reason = SceneReason(scene, _kinds[j], cheaper, query.PriceSensitive);
                if (reason == Skip || contexts.Contains(candidate))
                {
                    continue;
                }

                var score = _scores[j] * weight
                    + (reason == Cheaper && query.PriceSensitive ? CheaperBonus : 0)
                    + (favourites && InFavourites(product, query.FavouriteCategories!) ? FavouriteBonus : 0);
                if (score <= lowest || IsExcluded(query, product.Code) || !IsAvailable(query, product, size))
                {
                    continue;
                }

                count = Insert(hits, count, new Hit(candidate, -1, score, reason));
            }
        }

        SortByScore(hits[..count]);
        return count;
    }

    // Other colours of the out-of-stock product that have stock in the buyer's size, one SKU per colour.
    private int OtherColours(RecommendationQuery query, int context, Span<Hit> hits)
    {
        var product = Catalog[context];
        if (IsExcluded(query, product.Code) || (query.Available is { } available && !available(product.Code, query.Size)))
        {
            return 0;
        }

        var count = 0;
        for (var s = 0; s < product.Skus.Count && count < hits.Length; s++)
        {
            var sku = product.Skus[s];
            if (sku.Colour is null
                || string.Equals(sku.Colour, query.Colour, StringComparison.OrdinalIgnoreCase)
                || (query.Size is not null && !string.Equals(sku.Size, query.Size, StringComparison.OrdinalIgnoreCase))
                || !(query.SkuAvailable?.Invoke(sku.Code) ?? sku.Stock > 0)
                || query.Exclude?.Contains(sku.Code) == true
                || SameColourTaken(hits[..count], product, sku.Colour))
            {
                continue;
            }

            hits[count++] = new Hit(context, s, 1f, OtherColour);
        }

        return count;
    }

    private int BestSellers(RecommendationQuery query, ReadOnlySpan<int> contexts, Span<Hit> hits)
    {
        var count = 0;
        for (var i = 0; i < (query.FavouriteCategories?.Count ?? 0); i++)
        {
            if (_bestSellersIn.TryGetValue(query.FavouriteCategories![i], out var products))
            {
                count = AddBestSellers(query, contexts, products, hits, count, FavouriteTier);
            }
        }

        count = AddBestSellers(query, contexts, _bestSellers, hits, count, 0);
        SortByScore(hits[..count]);
        return count;
    }

    private int AddBestSellers(RecommendationQuery query, ReadOnlySpan<int> contexts, int[] products, Span<Hit> hits, int count, float bonus)
    {
        foreach (var candidate in products)
        {
            var lowest = count < hits.Length ? float.NegativeInfinity : Lowest(hits[..count]);
            var score = _popularity[candidate] + bonus;
            if (score <= lowest)
            {
                break;
            }

            var product = Catalog[candidate];
            if (contexts.Contains(candidate) || IsExcluded(query, product.Code) || !IsAvailable(query, product, null))
            {
                continue;
            }

            count = Insert(hits, count, new Hit(candidate, -1, score, Popular));
        }

        return count;
    }

    // Keeps the best hits.Length hits, one per product, with each product's best score.
    private static int Insert(Span<Hit> hits, int count, Hit hit)
    {
        for (var i = 0; i < count; i++)
        {
            if (hits[i].Product == hit.Product && hits[i].Sku == hit.Sku)
            {
                if (hit.Score > hits[i].Score)
                {
                    hits[i] = hit;
                }

                return count;
            }
        }

        if (count < hits.Length)
        {
            hits[count] = hit;
            return count + 1;
        }

        var lowest = 0;
        for (var i = 1; i < count; i++)
        {
            if (hits[i].Score < hits[lowest].Score)
            {
                lowest = i;
            }
        }

        hits[lowest] = hit;
        return count;
    }

    // Insertion sort, best first: a handful of hits, and no comparer to allocate.
    private static void SortByScore(Span<Hit> hits)
    {
        for (var i = 1; i < hits.Length; i++)
        {
            var hit = hits[i];
            var j = i - 1;
            while (j >= 0 && hits[j].Score < hit.Score)
            {
                hits[j + 1] = hits[j];
                j--;
            }

            hits[j + 1] = hit;
        }
    }

    private static float Lowest(ReadOnlySpan<Hit> hits)
    {
        var lowest = float.PositiveInfinity;
        foreach (var hit in hits)
        {
            lowest = Math.Min(lowest, hit.Score);
        }

        return lowest;
    }

    private static bool SameColourTaken(ReadOnlySpan<Hit> hits, CatalogProduct product, string colour)
    {
        foreach (var hit in hits)
        {
            if (string.Equals(product.Skus[hit.Sku].Colour, colour, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExcluded(RecommendationQuery query, string code) => query.Exclude?.Contains(code) == true;

    private static bool IsAvailable(RecommendationQuery query, CatalogProduct product, string? size) =>
        query.Available?.Invoke(product.Code, size) ?? product.HasStockIn(size);

    private static bool InFavourites(CatalogProduct product, IReadOnlyList<string> favourites)
    {
        for (var i = 0; i < favourites.Count; i++)
        {
            if (favourites[i] == product.CategoryCode || favourites[i] == product.ParentCategoryCode)
            {
                return true;
            }
        }

        return false;
    }

    // Which candidates a scene lets through, and the reason that best explains each (Skip: not in this scene).
    private static byte SceneReason(RecommendationScene scene, CandidateKinds kinds, bool cheaper, bool priceSensitive)
    {
        bool Is(CandidateKinds kind) => (kinds & kind) != 0;
        return scene switch
        {
            RecommendationScene.PreSale when priceSensitive && cheaper && Is(Alternatives) => Cheaper,
            RecommendationScene.PreSale when Is(CandidateKinds.Upgrade) && !priceSensitive => Upgrade,
            RecommendationScene.PreSale when Is(CandidateKinds.Similar) => Similar,
            RecommendationScene.PreSale when Is(CandidateKinds.BoughtTogether) => BoughtTogether,
            RecommendationScene.PreSale when Is(CandidateKinds.ViewedTogether) => ViewedTogether,
            RecommendationScene.PreSale when Is(CandidateKinds.SameCategory) => Similar,

            RecommendationScene.OutOfStock when Is(CandidateKinds.Similar | CandidateKinds.SameCategory) => Similar,
            RecommendationScene.OutOfStock when Is(CandidateKinds.Upgrade) => Upgrade,
            RecommendationScene.OutOfStock when Is(CandidateKinds.Downgrade) => cheaper ? Cheaper : Similar,

            RecommendationScene.PriceObjection when cheaper && Is(Alternatives) => Cheaper,

            RecommendationScene.Order when Is(CandidateKinds.Accessory | CandidateKinds.MainItem) => Accessory,
            RecommendationScene.Order when Is(CandidateKinds.Bundle | CandidateKinds.Compatible) => Bundle,
            RecommendationScene.Order when Is(CandidateKinds.BoughtTogether) => BoughtTogether,

            RecommendationScene.AfterSale when Is(CandidateKinds.Accessory) => Care,
            RecommendationScene.AfterSale when Is(CandidateKinds.Compatible) => Accessory,
            _ => Skip,
        };
    }

    private static byte GeneralReason(CandidateKinds kinds)
    {
        bool Is(CandidateKinds kind) => (kinds & kind) != 0;
        return Is(CandidateKinds.Accessory | CandidateKinds.MainItem) ? Accessory
            : Is(CandidateKinds.Bundle | CandidateKinds.Compatible) ? Bundle
            : Is(CandidateKinds.Upgrade) ? Upgrade
            : Is(CandidateKinds.Similar | CandidateKinds.Downgrade) ? Similar
            : Is(CandidateKinds.BoughtTogether) ? BoughtTogether
            : Is(CandidateKinds.ViewedTogether) ? ViewedTogether
            : Is(CandidateKinds.SameCategory) ? Similar
            : Popular;
    }

    private readonly record struct Hit(int Product, int Sku, float Score, byte Reason);
}
