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

    [Fact]
    public void ExtractedScorerAgreesWithThePooledPredictionEngine()
    {
        var model = SmallCorpus.IntentModel;
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
