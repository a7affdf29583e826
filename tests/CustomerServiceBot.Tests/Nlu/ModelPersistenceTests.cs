using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerServiceBot.Nlu;

namespace CustomerServiceBot.Tests.Nlu;

public sealed class ModelPersistenceTests
{
    private static readonly string[] Probes = ["这个多少钱", "where is my package", "我要退貨", "谢谢亲", "随便问问", "12345"];

    [Fact]
    public void SavedAndLoadedModelPredictsIdentically()
    {
        var model = SmallCorpus.IntentModel;
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;
        var loaded = TextClassifier.Load(buffer);

        AssertSameScores(model, loaded);
    }

    private static void AssertSameScores(TextClassifier model, TextClassifier loaded)
    {
        foreach (var text in Probes)
        {
            var expected = new float[model.Labels.Count];
            var actual = new float[loaded.Labels.Count];
            model.Score(text, expected);
            loaded.Score(text, actual);
            Assert.Equal(expected, actual);
            Assert.Equal(model.Predict(text).IsUnderstood, loaded.Predict(text).IsUnderstood);
        }
    }

    [Fact]
    public void SavedModelKeepsItsMetadata()
    {
        var model = SmallCorpus.IntentModel;
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;
        var loaded = TextClassifier.Load(buffer);

        Assert.Equal("test-1", loaded.Version);
        Assert.Equal(model.Labels, loaded.Labels);
        Assert.Equal(model.Thresholds, loaded.Thresholds);
        Assert.Equal("out_of_scope", loaded.Info.OutOfScopeLabel);
        Assert.Equal(TextClassifierTrainer.CorpusSha256(SmallCorpus.Intents), loaded.Info.CorpusSha256);
        Assert.Equal(64, loaded.Info.CorpusSha256.Length);
        Assert.Equal(TrainerOptions.LbfgsFeatureScale, loaded.Info.FeatureScale);
        Assert.Equal(TrainerOptions.LbfgsIterations, loaded.Info.MaximumIterations);
    }

    [Fact]
    public void FormatOneModelLoadsAsTrainedOnUnscaledFeatures()
    {
        // Models saved before the feature scale existed have no such field and format 1.
        var model = new TextClassifierTrainer(SmallCorpus.Options with { FeatureScale = 1 }).Train(SmallCorpus.Intents);
        using var buffer = new MemoryStream();
        model.Save(buffer);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry(TextClassifier.InfoEntry)!;
            JsonObject info;
            using (var stream = entry.Open())
            {
                info = JsonNode.Parse(stream)!.AsObject();
            }

            info["Format"] = 1;
            info.Remove(nameof(ModelInfo.FeatureScale));
            info.Remove(nameof(ModelInfo.MaximumIterations));
            entry.Delete();
            using var rewritten = archive.CreateEntry(TextClassifier.InfoEntry).Open();
            JsonSerializer.Serialize(rewritten, info);
        }

        buffer.Position = 0;
        var loaded = TextClassifier.Load(buffer);

        Assert.Equal(1, loaded.Info.Format);
        Assert.Equal(1, loaded.Info.FeatureScale);
        AssertSameScores(model, loaded);
    }

    [Fact]
    public void ModelFileIsAnMlNetZipWithTheMetadataInside()
    {
        using var buffer = new MemoryStream();
        SmallCorpus.IntentModel.Save(buffer);
        buffer.Position = 0;
        using var archive = new ZipArchive(buffer, ZipArchiveMode.Read);
        var names = archive.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains(TextClassifier.InfoEntry, names);
        Assert.Contains(TextClassifier.FeaturesEntry, names);
        Assert.Contains(names, name => name.StartsWith("TransformerChain", StringComparison.Ordinal) || name.StartsWith("Model/", StringComparison.Ordinal));
    }

    [Fact]
    public void ZipWithoutMetadataIsRejected()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("something.txt");
        }

        buffer.Position = 0;
        var exception = Assert.Throws<CorpusFormatException>(() => TextClassifier.Load(buffer, "m.zip"));
        Assert.Equal("m.zip: not a csbot model (csbot/model.json missing)", exception.Message);
    }

    [Fact]
    public void ModelWithThresholdsFromCrossValidationAndNoOutOfScopeLabelCanBeSaved()
    {
        var model = new TextClassifierTrainer(SmallCorpus.Options with { OutOfScopeLabel = null, CrossValidationFolds = 2 }).Train(SmallCorpus.Emotions);
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;
        var loaded = TextClassifier.Load(buffer);
        Assert.Equal("cross-validation (2 folds)", loaded.Info.ThresholdsChosenOn);
        Assert.False(loaded.Info.Metrics.ContainsKey("heldOutOutOfScopeRecall"));
    }
}
