using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using CustomerServiceBot.Nlu;
using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Cli;

// `csbot`: train and evaluate NLU models, generate order histories and evaluate recommendations, from files. Results go to stdout, progress and errors to
// stderr; exit code 0 = done, 1 = bad data (file, header, labels), 2 = bad usage.
internal static class CliApp
{
    public const int Ok = 0;
    public const int DataError = 1;
    public const int UsageError = 2;

    private const string Usage =
        "usage: csbot train --data <tsv|yml> --out <model.zip> [--validation <tsv>] [--oos-label <label>] [options]\n" +
        "       csbot evaluate --train <tsv|yml> --test <tsv> [--validation <tsv>] [--oos-label <label>] [--json] [--out <model.zip>] [options]\n" +
        "       csbot predict --model <model.zip> --text <message>\n" +
        "       csbot generate-orders --catalog <catalog.json> --out <orders.csv> [--orders 20000] [--seed 42]\n" +
        "       csbot evaluate-recommendations [--orders <csv|tsv>] [--catalog <catalog.json>] [--k 5] [--test-share 0.2] [--json]\n" +
        "                                      [--demo-orders 20000] [--seed 42] (without --orders: a generated history of the catalog)\n" +
        "options: --trainer auto|lbfgs|sdca  --l2 <x>  --iterations <n>  --feature-scale <x>  --char-ngrams <min-max>  --word-ngrams <n>\n" +
        "         --min-df <n>  --max-df <share>  --max-features <n>  --folds <n>  --clarify-cost <x>  --oos-share <x>  --seed <n>";

    private static readonly string[] TrainingFlags =
        ["oos-label", "validation", "trainer", "l2", "iterations", "feature-scale", "char-ngrams", "word-ngrams", "min-df", "max-features", "folds", "clarify-cost", "oos-share", "seed", "version", "max-df"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
            {
                stderr.WriteLine(Usage);
                return args.Length == 0 ? UsageError : Ok;
            }

            var rest = args.AsSpan(1).ToArray();
            return args[0] switch
            {
                "train" => Train(rest, stdout, stderr),
                "evaluate" => Evaluate(rest, stdout, stderr),
                "predict" => Predict(rest, stdout),
                "generate-orders" => GenerateOrders(rest, stdout),
                "evaluate-recommendations" => EvaluateRecommendations(rest, stdout, stderr),
                _ => throw new CliUsageException($"unknown command '{args[0]}' (expected train, evaluate, predict, generate-orders or evaluate-recommendations)"),
            };
        }
        catch (CliUsageException exception)
        {
            stderr.WriteLine($"csbot: {exception.Message}");
            stderr.WriteLine("run 'csbot help' for usage");
            return UsageError;
        }
        catch (Exception exception) when (exception is CorpusFormatException or RecommendationDataException)
        {
            stderr.WriteLine($"csbot: {exception.Message}");
            return DataError;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // Expected failures of the outside world (a locked file, a full disk, a bad setting):
            // one line, no stack trace.
            stderr.WriteLine($"csbot: {exception.Message}");
            return DataError;
        }
    }

    private static int Train(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var arguments = new CliArguments(args, new HashSet<string>([.. TrainingFlags, "data", "out"]), new HashSet<string>());
        var dataPath = arguments.Required("data");
        var outPath = arguments.Required("out");
        var options = TrainerOptionsFrom(arguments);
        var train = TrainingData.Load(dataPath);
        TrainingData.EnsureTrainable(train, dataPath);
        var validation = arguments.Optional("validation") is { } validationPath ? TsvCorpus.Read(validationPath) : null;

        var model = new TextClassifierTrainer(options, message => stderr.WriteLine(message)).Train(train, validation);
        model.Save(outPath);
        stdout.WriteLine($"saved {outPath}: version {model.Version}, {model.Labels.Count} labels, {new FileInfo(outPath).Length / 1024.0 / 1024.0:F1} MB, " +
            $"threshold {model.Thresholds.Confidence:F2}, margin {model.Thresholds.Margin:F2} ({model.Info.ThresholdsChosenOn})");
        return Ok;
    }

    private static int Evaluate(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var arguments = new CliArguments(args, new HashSet<string>([.. TrainingFlags, "train", "test", "out"]), new HashSet<string>(["json"]));
        var trainPath = arguments.Required("train");
        var testPath = arguments.Required("test");
        var options = TrainerOptionsFrom(arguments);
        var train = TrainingData.Load(trainPath);
        TrainingData.EnsureTrainable(train, trainPath);
        var test = TsvCorpus.Read(testPath);
        var validation = arguments.Optional("validation") is { } validationPath ? TsvCorpus.Read(validationPath) : null;

        stderr.WriteLine($"training on {train.Count} examples from {trainPath}");
        var stopwatch = Stopwatch.StartNew();
        var model = new TextClassifierTrainer(options, message => stderr.WriteLine(message)).Train(train, validation);
        var trainSeconds = stopwatch.Elapsed.TotalSeconds;

        long modelBytes;
        if (arguments.Optional("out") is { } outPath)
        {
            model.Save(outPath);
            modelBytes = new FileInfo(outPath).Length;
        }
        else
        {
            using var buffer = new MemoryStream();
            model.Save(buffer);
            modelBytes = buffer.Length;
        }

        stderr.WriteLine($"evaluating on {test.Count} examples from {testPath}");
        var report = Evaluation.Evaluate(model, test, train.Count, trainSeconds, modelBytes);
        if (validation is not null && model.OutOfScopeIndex >= 0)
        {
            report = report with { OperatingPoints = Evaluation.OperatingPoints(model, validation, test) };
        }

        if (arguments.Has("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, Json));
        }
        else
        {
            WriteText(report, stdout);
        }

        return Ok;
    }

    private static int Predict(string[] args, TextWriter stdout)
    {
        var arguments = new CliArguments(args, new HashSet<string>(["model", "text"]), new HashSet<string>());
        var model = TextClassifier.Load(arguments.Required("model"));
        var text = arguments.Required("text");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliUsageException("--text is empty");
        }

        stdout.WriteLine(JsonSerializer.Serialize(model.Predict(text, 5), Json));
        return Ok;
    }

    private static int GenerateOrders(string[] args, TextWriter stdout)
    {
        var arguments = new CliArguments(args, new HashSet<string>(["catalog", "out", "orders", "seed"]), new HashSet<string>());
        var catalogPath = arguments.Required("catalog");
        var outPath = arguments.Required("out");
        var orders = Positive(arguments, "orders", 20_000);
        var catalog = CatalogGraph.ReadCatalogJson(catalogPath);
        var baskets = DemoOrderHistory.Generate(catalog, orders, arguments.Int("seed", 42));
        OrderHistoryFile.Write(outPath, baskets, catalog);
        stdout.WriteLine($"wrote {outPath}: {baskets.Count} orders, {baskets.Sum(b => b.ProductCodes.Count)} lines, " +
            $"{baskets.Select(b => b.BuyerId).Distinct().Count()} buyers, {baskets[0].OrderedAtUtc:yyyy-MM-dd} to {baskets[^1].OrderedAtUtc:yyyy-MM-dd}");
        return Ok;
    }

    private static int EvaluateRecommendations(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var arguments = new CliArguments(args, new HashSet<string>(["orders", "catalog", "k", "test-share", "demo-orders", "seed"]), new HashSet<string>(["json"]));
        var k = Positive(arguments, "k", 5);
        var testShare = arguments.Float("test-share", 0.2f);
        if (testShare is <= 0 or >= 1)
        {
            throw new CliUsageException("--test-share must be between 0 and 1, e.g. 0.2");
        }

        var catalogPath = arguments.Optional("catalog");
        var ordersPath = arguments.Optional("orders");
        if (ordersPath is null && catalogPath is null)
        {
            throw new CliUsageException("give --orders <file>, or --catalog <catalog.json> to evaluate on a generated history of that catalog");
        }

        if (ordersPath is not null && (arguments.Optional("demo-orders") ?? arguments.Optional("seed")) is not null)
        {
            throw new CliUsageException("--demo-orders and --seed shape a generated history; they do not go with --orders");
        }

        var catalog = catalogPath is null ? null : CatalogGraph.ReadCatalogJson(catalogPath);
        IReadOnlyList<Basket> baskets;
        if (ordersPath is not null)
        {
            var history = OrderHistoryFile.Load(ordersPath, catalog);
            stderr.WriteLine($"read {ordersPath}: {history.Baskets.Count} paid orders from {history.Lines} lines" +
                (history.UnpaidOrders > 0 ? $", {history.UnpaidOrders} unpaid orders left out" : "") +
                (history.UnknownProductLines > 0 ? $", {history.UnknownProductLines} lines with products not in the catalog left out" : "") +
                (history.LinesWithoutProduct > 0 ? $", {history.LinesWithoutProduct} lines without a product or quantity left out" : ""));
            baskets = history.Baskets;
            catalog ??= CatalogGraph.FromOrders(baskets, history.UnitPrices);
        }
        else
        {
            var orders = Positive(arguments, "demo-orders", 20_000);
            var seed = arguments.Int("seed", 42);
            baskets = DemoOrderHistory.Generate(catalog!, orders, seed);
            stderr.WriteLine($"generated {baskets.Count} demo orders over {catalog!.Products.Count} products (seed {seed})");
        }

        var report = RecommendationEvaluation.Evaluate(catalog, baskets, k, testShare, progress: message => stderr.WriteLine(message));
        if (arguments.Has("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, Json));
            return Ok;
        }

        stdout.WriteLine($"                hit-rate@{k}   NDCG@{k}");
        stdout.WriteLine($"model           {report.HitRate,9:P1}   {report.Ndcg,7:F4}   ({(report.Learned ? "learned ranker" : "graph rules: " + report.FallbackReason)})");
        stdout.WriteLine($"graph rules     {report.GraphHitRate,9:P1}   {report.GraphNdcg,7:F4}");
        stdout.WriteLine($"popularity      {report.PopularityHitRate,9:P1}   {report.PopularityNdcg,7:F4}");
        stdout.WriteLine($"bought together {report.CoPurchaseHitRate,9:P1}   {report.CoPurchaseNdcg,7:F4}");
        stdout.WriteLine($"{report.TrainBaskets} training orders, {report.TestBaskets} test orders, {report.TestCases} test cases; " +
            $"trained in {report.TrainSeconds:F1} s on {report.TrainingPairs} pairs");
        return Ok;
    }

    private static int Positive(CliArguments arguments, string name, int fallback) =>
        arguments.Int(name, fallback) is var value and > 0 ? value : throw new CliUsageException($"--{name} must be a positive whole number");

    private static TrainerOptions TrainerOptionsFrom(CliArguments arguments)
    {
        var defaults = new TrainerOptions();
        var features = defaults.Features;
        if (arguments.Range("char-ngrams") is { } chars)
        {
            features = features with { CharNgramMin = chars.Min, CharNgramMax = chars.Max };
        }

        features = features with
        {
            WordNgramMax = arguments.Int("word-ngrams", features.WordNgramMax),
            MinDocumentFrequency = arguments.Int("min-df", features.MinDocumentFrequency),
            MaxFeatures = arguments.Int("max-features", features.MaxFeatures),
            MaxDocumentShare = arguments.Float("max-df", (float)features.MaxDocumentShare),
        };
        try
        {
            features.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new CliUsageException(exception.Message);
        }

        var trainer = arguments.Optional("trainer") switch
        {
            null or "auto" => TrainerKind.Auto,
            "lbfgs" => TrainerKind.Lbfgs,
            "sdca" => TrainerKind.Sdca,
            var other => throw new CliUsageException($"--trainer: '{other}' is not auto, lbfgs or sdca"),
        };
        float? l2 = arguments.Optional("l2") is null ? null : arguments.Float("l2", 0);
        var folds = arguments.Int("folds", defaults.CrossValidationFolds);
        if (l2 < 0 || folds < 0)
        {
            throw new CliUsageException("--l2 and --folds must not be negative");
        }

        var featureScale = arguments.Float("feature-scale", defaults.FeatureScale);
        if (!(featureScale > 0) || float.IsInfinity(featureScale))
        {
            throw new CliUsageException("--feature-scale must be a positive number");
        }

        if (arguments.Float("oos-share", 0) is < 0 or > 1 || arguments.Float("clarify-cost", 0) is < 0 or > 1)
        {
            throw new CliUsageException("--oos-share and --clarify-cost must be between 0 and 1");
        }

        return defaults with
        {
            Features = features,
            Trainer = trainer,
            L2 = l2,
            MaximumIterations = arguments.Optional("iterations") is null ? defaults.MaximumIterations : arguments.Int("iterations", 0),
            FeatureScale = featureScale,
            OutOfScopeLabel = arguments.Optional("oos-label"),
            CrossValidationFolds = folds,
            Seed = arguments.Int("seed", defaults.Seed),
            Version = arguments.Optional("version"),
            Objective = new ThresholdObjective
            {
                ClarifyCost = arguments.Float("clarify-cost", (float)defaults.Objective.ClarifyCost),
                OutOfScopeShare = arguments.Optional("oos-share") is null ? defaults.Objective.OutOfScopeShare : arguments.Float("oos-share", 0),
            },
        };
    }

    private static void WriteText(EvaluationReport report, TextWriter stdout)
    {
        stdout.WriteLine($"in-scope accuracy   {report.InScopeAccuracy:P2} (answered wrongly {report.InScopeWrongAnswers:P2}, asked back {1 - report.InScopeAccuracy - report.InScopeWrongAnswers:P2})");
        if (report.OutOfScopeRecall is { } recall)
        {
            stdout.WriteLine($"out-of-scope recall {recall:P2}");
        }

        stdout.WriteLine($"raw top-1 accuracy  {report.RawAccuracy:P2} (in-scope rows {report.RawInScopeAccuracy:P2}), no thresholds");
        stdout.WriteLine($"macro F1            {report.MacroF1:F4}");
        stdout.WriteLine($"calibration (ECE)   {report.ExpectedCalibrationError:F4}");
        stdout.WriteLine($"thresholds          confidence {report.Threshold:F2}, margin {report.Margin:F2} ({report.ThresholdsChosenOn})");
        stdout.WriteLine($"train               {report.TrainSeconds:F1} s on {report.TrainExamples} examples, {report.Intents} labels, {report.Features} features, {report.Trainer}");
        stdout.WriteLine($"speed               {report.PredictionsPerSecond:F0} predictions/s, median {report.MedianMicroseconds:F1} µs (one thread)");
        stdout.WriteLine($"model               {report.ModelBytes / 1024.0 / 1024.0:F1} MB");
        foreach (var point in report.OperatingPoints ?? [])
        {
            stdout.WriteLine($"objective π={point.OutOfScopeShare:F3} c={point.ClarifyCost:F2}: thresholds {point.Threshold:F2}/{point.Margin:F2} → in-scope {point.InScopeAccuracy:P2}, out-of-scope {point.OutOfScopeRecall:P2}");
        }

        stdout.WriteLine();
        stdout.WriteLine("label\tsupport\tprecision\trecall\tF1");
        foreach (var metrics in report.PerIntent)
        {
            stdout.WriteLine($"{metrics.Label}\t{metrics.Support}\t{metrics.Precision:F3}\t{metrics.Recall:F3}\t{metrics.F1:F3}");
        }

        stdout.WriteLine();
        stdout.WriteLine("expected\tpredicted\tcount");
        foreach (var confusion in report.TopConfusions)
        {
            stdout.WriteLine($"{confusion.Expected}\t{confusion.Predicted}\t{confusion.Count}");
        }
    }
}
