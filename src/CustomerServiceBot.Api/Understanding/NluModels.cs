using System.Diagnostics;
using CustomerServiceBot.Nlu;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Understanding;

// The loaded models of this replica. Until the base models are ready the service is not ready
// (/health/ready), and messages are not read.
internal sealed class NluModels(IOptions<NluOptions> options, IHostEnvironment environment, ILogger<NluModels> logger)
{
    private ModelStore? _store;
    private IReadOnlyList<TrainingExample> _baseCorpus = [];

    public bool IsReady => Volatile.Read(ref _store) is not null;

    public ModelStore Store => Volatile.Read(ref _store) ?? throw new InvalidOperationException("The NLU models are not loaded yet.");

    public IReadOnlyList<TrainingExample> BaseCorpus => _baseCorpus;

    public IReadOnlyList<string> BaseIntents => Store.BaseIntents.Labels;

    public async Task LoadBaseModelsAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var intents = TrainingData.Load(Path.GetFullPath(settings.IntentCorpus, AppContext.BaseDirectory));
        var emotions = TrainingData.Load(Path.GetFullPath(settings.EmotionCorpus, AppContext.BaseDirectory));
        var cache = Path.GetFullPath(settings.ModelCache, environment.ContentRootPath);
        Directory.CreateDirectory(cache);

        // A cached model is reused only by the build that trained it and only for the same corpus. Other
        // builds' models go once they have not been written for a day: two builds sharing a cache (a
        // rolling deploy, two checkouts) would otherwise delete each other's models and both retrain.
        var build = typeof(TextClassifier).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
        var staleBefore = DateTime.UtcNow - TimeSpan.FromDays(1);
        foreach (var stale in Directory.EnumerateFiles(cache, "*.zip")
                     .Where(f => !Path.GetFileName(f).Contains(build, StringComparison.Ordinal) && File.GetLastWriteTimeUtc(f) < staleBefore))
        {
            File.Delete(stale);
        }

        var intentModel = await Task.Run(() => LoadOrTrain(Path.Combine(cache, $"intents-{build}.zip"), intents,
            () => new TextClassifierTrainer(new TrainerOptions { OutOfScopeLabel = settings.OutOfScopeLabel }).Train(intents)), cancellationToken);
        var emotionModel = await Task.Run(() => LoadOrTrain(Path.Combine(cache, $"emotion-{build}.zip"), emotions,
            () => EmotionClassifier.Train(emotions).Model), cancellationToken);

        _baseCorpus = intents;
        Volatile.Write(ref _store, new ModelStore(intentModel, new EmotionClassifier(emotionModel)));
    }

    public TextClassifier TrainShopModel(IReadOnlyList<TrainingExample> shopExamples) =>
        new TextClassifierTrainer(new TrainerOptions { OutOfScopeLabel = options.Value.OutOfScopeLabel }).TrainForShop(_baseCorpus, shopExamples);

    private TextClassifier LoadOrTrain(string path, IReadOnlyList<TrainingExample> corpus, Func<TextClassifier> train)
    {
        var hash = TextClassifierTrainer.CorpusSha256(corpus);
        if (File.Exists(path))
        {
            var cached = TextClassifier.Load(path);
            if (cached.Info.CorpusSha256 == hash)
            {
                logger.LogInformation("Loaded model {Model} version {Version} from the cache", Path.GetFileName(path), cached.Version);
                return cached;
            }
        }

        var watch = Stopwatch.StartNew();
        var model = train();
        // Written beside and moved, so a crash never leaves a half-written model for the next start.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        model.Save(temporary);
        File.Move(temporary, path, overwrite: true);
        logger.LogInformation("Trained model {Model} on {Examples} examples in {Seconds:0.0} s", Path.GetFileName(path), corpus.Count, watch.Elapsed.TotalSeconds);
        return model;
    }
}
