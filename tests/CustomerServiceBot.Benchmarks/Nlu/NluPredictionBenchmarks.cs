using BenchmarkDotNet.Attributes;
using CustomerServiceBot.Nlu;

namespace CustomerServiceBot.Benchmarks.Nlu;

// One short Chinese buyer message through intent + emotion, single thread, with models trained on the
// shipped corpus (data/nlu) or, before it exists, on CLINC150. Trained models are cached in the temp
// directory by corpus hash, so only the first run pays for training.
[MemoryDiagnoser]
public class NluPredictionBenchmarks
{
    private const string Message = "亲，这件衣服有L码吗？什么时候发货";

    private TextClassifier _intents = null!;
    private EmotionClassifier _emotion = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot();
        var intentCorpus = Path.Combine(root, "data", "nlu", "intents.train.tsv");
        if (!File.Exists(intentCorpus))
        {
            intentCorpus = Path.GetFullPath(Path.Combine(root, "..", "shared", "benchmarks", "clinc150", "train.tsv"));
        }

        var emotionCorpus = Path.Combine(root, "data", "nlu", "emotion.train.tsv");
        _intents = TrainedOrCached(intentCorpus, new TrainerOptions { OutOfScopeLabel = "out_of_scope", CrossValidationFolds = 0 });
        _emotion = File.Exists(emotionCorpus)
            ? new EmotionClassifier(TrainedOrCached(emotionCorpus, new TrainerOptions { CrossValidationFolds = 0 }))
            : new EmotionClassifier(_intents);
        Console.WriteLine($"// intents: {intentCorpus} ({_intents.Labels.Count} labels, {_intents.Featurizer.Dimension} features)");
    }

    [Benchmark(Baseline = true, Description = "intent (ranked) + emotion")]
    public (IntentPrediction, EmotionPrediction) IntentAndEmotion() => (_intents.Predict(Message), _emotion.Predict(Message));

    [Benchmark(Description = "intent top-1 only (no allocation)")]
    public TopIntent IntentTopOnly() => _intents.PredictTop(Message);

    [Benchmark(Description = "intent via pooled PredictionEngine")]
    public float[] IntentViaPredictionEngine() => _intents.ScoreWithPredictionEngine(Message);

    private static TextClassifier TrainedOrCached(string corpus, TrainerOptions options)
    {
        var examples = TrainingData.Load(corpus);
        var cached = Path.Combine(Path.GetTempPath(), $"csbot-bench-{TextClassifierTrainer.CorpusSha256(examples)[..12]}.zip");
        if (File.Exists(cached))
        {
            return TextClassifier.Load(cached);
        }

        var model = new TextClassifierTrainer(options).Train(examples);
        model.Save(cached);
        return model;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CustomerServiceBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CustomerServiceBot.sln not found above " + AppContext.BaseDirectory);
    }
}
