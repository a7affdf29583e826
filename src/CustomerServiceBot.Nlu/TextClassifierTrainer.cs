using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CustomerServiceBot.Nlu;

internal enum TrainerKind
{
    // L-BFGS below AutoSdcaAbove (examples × labels), SDCA above it.
    Auto,
    Lbfgs,
    Sdca,
}

internal sealed record TrainerOptions
{
    public FeatureSettings Features { get; init; } = new();
    // L-BFGS is the more accurate and reproducible of the two on shop-sized corpora (the shipped
    // one: 83.9 against 82.3 raw in-scope accuracy) and on CLINC150 (docs/nlu.md has the comparison).
    public TrainerKind Trainer { get; init; } = TrainerKind.Auto;
    // CLINC150 (15,100 examples x 151 labels = 2.3M) trains with L-BFGS: 92.6 against 92.2 raw
    // in-scope accuracy, ECE 0.04 against 0.17, deterministic, ~50 s on two free cores like SDCA.
    public long AutoSdcaAbove { get; init; } = 3_000_000;

    // Null = per trainer: ML.NET's defaults underfit (SDCA's automatic L2, L-BFGS's 1.0), they
    // flatten every probability and the thresholds then reject good answers. L-BFGS's L2 applies to
    // a summed loss, SDCA's to a mean one, hence the different scales.
    public float? L2 { get; init; }
    // 0.01: on a held-out fifth of the shipped training corpus, same raw accuracy as 0.03, ECE 0.05
    // against 0.09 (L-BFGS, 200 iterations).
    public const float LbfgsL2 = 0.01f;
    public const int LbfgsIterations = 200;
    public const float SdcaL2 = 1e-5f;
    // Above LbfgsFewerIterationsAbove examples × labels (CLINC150: 2.3M) L-BFGS stops after
    // LbfgsLargeIterations: each iteration is a pass over examples × labels × features per example
    // (~2.5 s on CLINC150 with two cores), and at feature scale 64 the 20th iteration already holds
    // 92.2 in-scope accuracy on CLINC150 against 92.4 after 200 (docs/nlu.md has the curve).
    public long LbfgsFewerIterationsAbove { get; init; } = 1_000_000;
    public const int LbfgsLargeIterations = 20;
    // Null = the trainer's own default (SDCA picks its number of passes from the data).
    public int? MaximumIterations { get; init; }
    // L-BFGS trains on the feature values times this (s) and with L2 times s². ML.NET's L2 is
    // λ/2·‖w‖² without the biases, λs²/2·‖w/s‖² = λ/2·‖w‖² and (w/s)·(s·x) = w·x, so the optimum
    // is the same model with weights s times smaller; they are multiplied back when they are
    // extracted (ModelInfo.FeatureScale). It is for the optimiser: its first line search starts with
    // a step of length 1, far too short for L2-normalised features (CLINC150: 7 loss evaluations to
    // find the step at scale 1, 1 at 64), and as the biases are not scaled their weight in the
    // quasi-Newton steps changes too: on CLINC150 20 iterations at 64 reach the accuracy of 30 at 1
    // (docs/nlu.md has the runs). SDCA ignores it.
    public float FeatureScale { get; init; } = LbfgsFeatureScale;
    public const float LbfgsFeatureScale = 64;

    // The label of "none of the intents" examples, if the corpus has them. Predicting it means
    // "not understood", like falling under the thresholds.
    public string? OutOfScopeLabel { get; init; }

    // Used to choose thresholds when no validation set is given; 0 or 1 = keep DefaultThresholds.
    public int CrossValidationFolds { get; init; } = 5;
    public Thresholds DefaultThresholds { get; init; } = new(0.5f, 0f);
    public ThresholdObjective Objective { get; init; } = new();
    public int Seed { get; init; } = 1;
    public string? Version { get; init; }
}

internal sealed class TextClassifierTrainer(TrainerOptions options, Action<string>? log = null)
{
    public TrainerOptions Options { get; } = options;

    // Per-shop model: the shipped corpus plus the shop's own examples; its thresholds are chosen
    // again because the shop's labels change the competition between intents.
    public TextClassifier TrainForShop(IReadOnlyList<TrainingExample> baseCorpus, IReadOnlyList<TrainingExample> shopExamples) =>
        Train([.. baseCorpus, .. shopExamples]);

    public TextClassifier Train(IReadOnlyList<TrainingExample> train, IReadOnlyList<TrainingExample>? validation = null)
    {
        TrainingData.EnsureTrainable(train, "training data");
        var stopwatch = Stopwatch.StartNew();
        var labels = train.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var labelIndex = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var outOfScope = Options.OutOfScopeLabel is { } oos && labelIndex.TryGetValue(oos, out var oosIndex) ? oosIndex : -1;

        var model = Fit(train, labels, labelIndex);
        Log($"trained on {train.Count} examples, {labels.Length} labels, {model.Featurizer.Dimension} features in {stopwatch.Elapsed.TotalSeconds:F1} s");
        var trainSeconds = stopwatch.Elapsed.TotalSeconds;

        Thresholds thresholds;
        string chosenOn;
        var metrics = new Dictionary<string, double>();
        List<ScoredExample>? heldOut = null;
        if (validation is { Count: > 0 })
        {
            heldOut = ScoreAll(model, validation, labelIndex);
            chosenOn = "validation";
        }
        else if (Options.CrossValidationFolds >= 2)
        {
            heldOut = CrossValidate(train, labels, labelIndex);
            chosenOn = $"cross-validation ({Options.CrossValidationFolds} folds)";
        }
        else
        {
            chosenOn = "default";
        }

        if (heldOut is not null)
        {
            var choice = ThresholdSelector.Choose(heldOut, outOfScope, Options.Objective);
            thresholds = choice.Thresholds;
            metrics["heldOutInScopeAccuracy"] = choice.InScopeAccuracy;
            if (!double.IsNaN(choice.OutOfScopeRecall))
            {
                metrics["heldOutOutOfScopeRecall"] = choice.OutOfScopeRecall;
            }

            metrics["heldOutCost"] = choice.Cost;
            metrics["objectiveOutOfScopeShare"] = choice.OutOfScopeShare;
            metrics["objectiveClarifyCost"] = Options.Objective.ClarifyCost;
            Log($"thresholds on {chosenOn} (out-of-scope share {choice.OutOfScopeShare:P1}, clarify cost {Options.Objective.ClarifyCost:F2}): confidence {thresholds.Confidence:F2}, margin {thresholds.Margin:F2} " +
                $"(in-scope accuracy {choice.InScopeAccuracy:P1}, out-of-scope recall {(double.IsNaN(choice.OutOfScopeRecall) ? "n/a" : choice.OutOfScopeRecall.ToString("P1"))})");
        }
        else
        {
            thresholds = Options.DefaultThresholds;
        }

        var created = DateTime.UtcNow;
        var corpusHash = CorpusSha256(train);
        var info = model.Info with
        {
            Version = Options.Version ?? $"{created:yyyyMMdd'T'HHmmss'Z'}-{corpusHash[..8]}",
            CreatedUtc = created,
            CorpusSha256 = corpusHash,
            ConfidenceThreshold = thresholds.Confidence,
            MarginThreshold = thresholds.Margin,
            ThresholdsChosenOn = chosenOn,
            TrainSeconds = trainSeconds,
            Metrics = metrics,
        };
        return model.WithInfo(info);
    }

    internal readonly record struct ScoredExample(int Truth, int Predicted, float Confidence, float Margin);

    internal static List<ScoredExample> ScoreAll(TextClassifier model, IReadOnlyList<TrainingExample> examples, IReadOnlyDictionary<string, int>? labelIndex = null)
    {
        labelIndex ??= model.Labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var probabilities = new float[model.Labels.Count];
        var result = new List<ScoredExample>(examples.Count);
        foreach (var example in examples)
        {
            var top = model.Classify(example.Text, probabilities);
            // A label the model never saw can only be got wrong; -1 keeps it out of every class's recall.
            result.Add(new ScoredExample(labelIndex.TryGetValue(example.Label, out var truth) ? truth : -1, top.Index, top.Confidence, top.Margin));
        }

        return result;
    }

    private List<ScoredExample> CrossValidate(IReadOnlyList<TrainingExample> train, string[] labels, Dictionary<string, int> labelIndex)
    {
        var folds = Options.CrossValidationFolds;
        // Stratified: each label's examples are dealt round-robin over the folds after a seeded shuffle.
        var random = new Random(Options.Seed);
        var fold = new int[train.Count];
        foreach (var group in Enumerable.Range(0, train.Count).GroupBy(i => train[i].Label, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var offset = random.Next(folds);
            for (var k = 0; k < members.Length; k++)
            {
                fold[members[k]] = (k + offset) % folds;
            }
        }

        var scored = new List<ScoredExample>(train.Count);
        for (var f = 0; f < folds; f++)
        {
            var fitOn = new List<TrainingExample>();
            var holdOut = new List<TrainingExample>();
            for (var i = 0; i < train.Count; i++)
            {
                (fold[i] == f ? holdOut : fitOn).Add(train[i]);
            }

            var model = Fit(fitOn, labels, labelIndex);
            scored.AddRange(ScoreAll(model, holdOut, labelIndex));
            Log($"cross-validation fold {f + 1}/{folds} done");
        }

        return scored;
    }

    private TextClassifier Fit(IReadOnlyList<TrainingExample> examples, string[] labels, Dictionary<string, int> labelIndex)
    {
        var featurizeWatch = Stopwatch.StartNew();
        var featurizer = Featurizer.Learn(examples.Select(e => e.Text).ToArray(), Options.Features);
        var dimension = Math.Max(featurizer.Dimension, 1);
        var kind = Options.Trainer switch
        {
            TrainerKind.Auto => (long)examples.Count * labels.Length > Options.AutoSdcaAbove ? TrainerKind.Sdca : TrainerKind.Lbfgs,
            var chosen => chosen,
        };
        var l2 = Options.L2 ?? (kind == TrainerKind.Sdca ? TrainerOptions.SdcaL2 : TrainerOptions.LbfgsL2);
        var scale = kind == TrainerKind.Sdca ? 1f : Options.FeatureScale;
        var lbfgsIterations = Options.MaximumIterations
            ?? ((long)examples.Count * labels.Length > Options.LbfgsFewerIterationsAbove ? TrainerOptions.LbfgsLargeIterations : TrainerOptions.LbfgsIterations);
        var rows = new FeatureRow[examples.Count];
        var indices = new int[featurizer.MaxFeatureCount(TextNormalizer.MaxLength)];
        var values = new float[indices.Length];
        for (var i = 0; i < examples.Count; i++)
        {
            var count = featurizer.Featurize(examples[i].Text, indices, values);
            for (var k = 0; k < count; k++)
            {
                values[k] *= scale;
            }

            rows[i] = new FeatureRow
            {
                Features = new VBuffer<float>(dimension, count, values[..count], indices[..count]),
                // A uint field mapped to a key column holds the 0-based class; ML.NET adds the 1 of
                // its 1-based keys itself (0 = missing) when it reads the row.
                Label = (uint)labelIndex[examples[i].Label],
            };
        }

        var ml = new MLContext(seed: Options.Seed);
        var schema = FeatureRow.Schema(dimension, labels.Length);
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows, schema));
        IEstimator<ITransformer> trainer = kind switch
        {
            TrainerKind.Sdca => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                L1Regularization = 0,
                L2Regularization = l2,
                MaximumNumberOfIterations = Options.MaximumIterations,
                // Parallel SDCA is not bit-for-bit reproducible (its threads race on the weights); one
                // thread is, but took over 5 minutes on CLINC150 instead of under one.
                Shuffle = true,
            }),
            _ => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                L1Regularization = 0,
                L2Regularization = l2 * scale * scale,
                MaximumNumberOfIterations = lbfgsIterations,
                OptimizationTolerance = 1e-6f,
                HistorySize = 20,
            }),
        };
        var featurizeSeconds = featurizeWatch.Elapsed.TotalSeconds;
        var fitWatch = Stopwatch.StartNew();
        // Where training time goes: featurising is ~1 s on CLINC150, the optimiser the rest (docs/nlu.md).
        var transformer = trainer.Fit(data);
        Log($"featurised {examples.Count} examples in {featurizeSeconds:F1} s, {kind} fit in {fitWatch.Elapsed.TotalSeconds:F1} s");
        var info = new ModelInfo
        {
            Version = "",
            CreatedUtc = default,
            CorpusSha256 = "",
            Labels = labels,
            OutOfScopeLabel = Options.OutOfScopeLabel is { } oos && labelIndex.ContainsKey(oos) ? oos : null,
            ConfidenceThreshold = Options.DefaultThresholds.Confidence,
            MarginThreshold = Options.DefaultThresholds.Margin,
            ThresholdsChosenOn = "default",
            Trainer = kind == TrainerKind.Sdca ? "SdcaMaximumEntropy" : "LbfgsMaximumEntropy",
            L2 = l2,
            FeatureScale = scale,
            MaximumIterations = kind == TrainerKind.Sdca ? Options.MaximumIterations : lbfgsIterations,
            Features = Options.Features,
            TrainExamples = examples.Count,
            TrainSeconds = 0,
        };
        return new TextClassifier(ml, transformer, data.Schema, featurizer, info);
    }

    internal static string CorpusSha256(IEnumerable<TrainingExample> examples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var example in examples)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{example.Text}\t{example.Label}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private void Log(string message) => log?.Invoke(message);
}
