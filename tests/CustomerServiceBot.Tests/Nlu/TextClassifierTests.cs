using CustomerServiceBot.Nlu;

namespace CustomerServiceBot.Tests.Nlu;

public sealed class TextClassifierTests
{
    [Fact]
    public void TrainedModelRecognisesItsTrainingExamples()
    {
        var model = SmallCorpus.IntentModel;
        var wrong = SmallCorpus.Intents.Where(e => model.Predict(e.Text).Intent != e.Label).Select(e => e.Text).ToArray();
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(TrainerOptions.LbfgsFeatureScale)]
    public void ExtractedScorerAgreesWithThePooledPredictionEngine(float featureScale)
    {
        // The engine runs ML.NET's model on the scaled values, the extracted scorer the rescaled
        // weights on the featurizer's own values.
        var model = new TextClassifierTrainer(SmallCorpus.Options with { FeatureScale = featureScale }).Train(SmallCorpus.Intents);
        Assert.Equal(featureScale, model.Info.FeatureScale);
        var probabilities = new float[model.Labels.Count];
        foreach (var text in new[] { "这个多少钱", "where is my package", "我要退货呀", "随便说点什么" })
        {
            model.Score(text, probabilities);
            var engine = model.ScoreWithPredictionEngine(text);
            Assert.Equal(probabilities.Length, engine.Length);
            for (var i = 0; i < probabilities.Length; i++)
            {
                Assert.Equal(engine[i], probabilities[i], 4);
            }
        }
    }

    [Fact]
    public void ScaledFeaturesTrainTheSameModel()
    {
        // Features times s with L2 times s² is the same problem in s-times-smaller weights; both
        // runs stop near the optimum, so the served probabilities agree to a few thousandths. A wrong
        // L2 scaling moves the optimum.
        var options = SmallCorpus.Options with { L2 = 0.3f, MaximumIterations = 1000 };
        var unscaled = new TextClassifierTrainer(options with { FeatureScale = 1 }).Train(SmallCorpus.Intents);
        var scaled = new TextClassifierTrainer(options with { FeatureScale = 64 }).Train(SmallCorpus.Intents);
        var expected = new float[unscaled.Labels.Count];
        var actual = new float[scaled.Labels.Count];
        foreach (var text in new[] { "这个多少钱", "where is my package", "我要退货呀", "随便说点什么", "谢谢亲" })
        {
            unscaled.Score(text, expected);
            scaled.Score(text, actual);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 2);
            }
        }
    }

    [Theory]
    [InlineData(1_000_000, TrainerOptions.LbfgsIterations)]
    [InlineData(0, TrainerOptions.LbfgsLargeIterations)]
    public void LbfgsStopsSoonerAboveTheSizeLimit(long fewerIterationsAbove, int iterations)
    {
        var options = SmallCorpus.Options with { LbfgsFewerIterationsAbove = fewerIterationsAbove };
        var model = new TextClassifierTrainer(options).Train(SmallCorpus.Intents);
        Assert.Equal(iterations, model.Info.MaximumIterations);
        Assert.Equal("product_price", model.Predict("这个多少钱").Intent);
    }

    [Theory]
    [InlineData(1_000_000, "LbfgsMaximumEntropy", 0.01f)]
    [InlineData(0, "SdcaMaximumEntropy", 1e-5f)]
    public void AutoTrainerIsLbfgsForSmallCorporaAndSdcaForLargeOnes(long sdcaAbove, string trainer, float l2)
    {
        var options = SmallCorpus.Options with { Trainer = TrainerKind.Auto, AutoSdcaAbove = sdcaAbove, L2 = null };
        var model = new TextClassifierTrainer(options).Train(SmallCorpus.Intents);
        Assert.Equal(trainer, model.Info.Trainer);
        Assert.Equal(l2, model.Info.L2);
        Assert.Equal("product_price", model.Predict("这个多少钱").Intent);
    }
}
