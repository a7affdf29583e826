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
}
