using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace CustomerServiceBot.Recommendations;

// LambdaRank gradient-boosted trees (ML.NET FastTree) on implicit feedback. One query group per (order, item in
// it): the order's other items are the positives, candidates of the item that the order did not contain are the
// negatives. The orders are split into folds and an example's counts come from the other folds only: counted
// with its own order, a feature would contain the answer; counted with just that order subtracted, every
// positive would show one purchase fewer than the same pair as a negative, which the trees learn instead.
internal static class Ranker
{
    private const string GroupKey = "GroupKey";

    // Null when the orders give nothing to tell apart (every candidate was bought).
    public static (ITransformer? Model, int Pairs) Train(
        CatalogGraph catalog, IReadOnlyList<Basket> baskets, IReadOnlyList<IReadOnlyList<string>> viewSessions, Candidates candidates,
        IReadOnlyList<(int Candidate, CandidateKinds Kinds)>[] lists, RecommendationTraining settings, CancellationToken cancellationToken)
    {
        var learnFrom = baskets.Where(b => b.ProductCodes.Count >= 2).TakeLast(settings.MaxTrainingBaskets).ToArray();
        var foldOf = new Dictionary<Basket, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < learnFrom.Length; i++)
        {
            foldOf[learnFrom[i]] = i % settings.Folds;
        }

        var random = new Random(settings.Seed);
        var rows = new List<PairRow>();
        var items = new List<int>();
        var pool = new List<int>();
        var group = 0u;
        for (var fold = 0; fold < settings.Folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outOfFold = Behaviour.Count(catalog, [.. baskets.Where(b => !foldOf.TryGetValue(b, out var f) || f != fold)], viewSessions);
            for (var i = fold; i < learnFrom.Length; i += settings.Folds)
            {
                outOfFold.Resolve(learnFrom[i].ProductCodes, items);
                if (items.Count < 2)
                {
                    continue;
                }

                foreach (var context in items)
                {
                    group++;
                    foreach (var positive in items)
                    {
                        if (positive != context)
                        {
                            rows.Add(Row(outOfFold, context, positive, candidates.CatalogKinds(context, positive), 1, group));
                        }
                    }

                    pool.Clear();
                    foreach (var (candidate, _) in lists[context])
                    {
                        if (!items.Contains(candidate))
                        {
                            pool.Add(candidate);
                        }
                    }

                    var negatives = Math.Min(pool.Count, settings.NegativesPerPositive * (items.Count - 1));
                    for (var n = 0; n < negatives; n++)
                    {
                        var pick = random.Next(n, pool.Count);
                        (pool[n], pool[pick]) = (pool[pick], pool[n]);
                        rows.Add(Row(outOfFold, context, pool[n], candidates.CatalogKinds(context, pool[n]), 0, group));
                    }
                }
            }
        }

        if (!rows.Any(r => r.Label == 0))
        {
            return (null, rows.Count);
        }

        var ml = new MLContext(settings.Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var keyed = ml.Transforms.Conversion.MapValueToKey(GroupKey, nameof(PairRow.Group)).Fit(data).Transform(data);
        var trainer = ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
        {
            LabelColumnName = nameof(PairRow.Label),
            FeatureColumnName = nameof(PairRow.Features),
            RowGroupColumnName = GroupKey,
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinExamplesPerLeaf,
            LearningRate = settings.LearningRate,
            // One thread: the same orders and seed give the same model, and the service's other work keeps its core.
            NumberOfThreads = 1,
        });
        return (trainer.Fit(keyed), rows.Count);
    }

    public static float[] Score(ITransformer model, float[] features, int rows)
    {
        var ml = new MLContext();
        var input = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new ScoringRow { Features = features.AsSpan(i * PairFeatures.Count, PairFeatures.Count).ToArray() }));
        return [.. model.Transform(input).GetColumn<float>("Score")];
    }

    private static PairRow Row(Behaviour behaviour, int context, int candidate, CandidateKinds kinds, float label, uint group)
    {
        var features = new float[PairFeatures.Count];
        PairFeatures.Fill(features, behaviour, context, candidate, kinds);
        return new PairRow { Label = label, Group = group, Features = features };
    }

    private sealed class PairRow
    {
        public float Label { get; set; }

        public uint Group { get; set; }

        [VectorType(PairFeatures.Count)]
        public float[] Features { get; set; } = [];
    }

    private sealed class ScoringRow
    {
        [VectorType(PairFeatures.Count)]
        public float[] Features { get; set; } = [];
    }
}
