using CustomerServiceBot.Nlu;
using Scored = CustomerServiceBot.Nlu.TextClassifierTrainer.ScoredExample;

namespace CustomerServiceBot.Tests.Nlu;

public sealed class ThresholdTests
{
    [Fact]
    public void ChosenThresholdIsTheLowestThatRejectsConfidentlyWrongAndOutOfScope()
    {
        // Classes 0 and 1 are intents, 2 is out of scope. Right answers come at 0.9, wrong ones at
        // 0.3, out-of-scope messages are mistaken for intent 0 at 0.35.
        List<Scored> scored =
        [
            .. Enumerable.Repeat(new Scored(Truth: 0, Predicted: 0, Confidence: 0.9f, Margin: 0.8f), 8),
            .. Enumerable.Repeat(new Scored(Truth: 1, Predicted: 0, Confidence: 0.3f, Margin: 0.1f), 2),
            .. Enumerable.Repeat(new Scored(Truth: 2, Predicted: 0, Confidence: 0.35f, Margin: 0.6f), 5),
        ];
        var choice = ThresholdSelector.Choose(scored, outOfScopeIndex: 2, new ThresholdObjective());
        Assert.Equal(new Thresholds(0.36f, 0f), choice.Thresholds);
        Assert.Equal(0.8, choice.InScopeAccuracy, 6);
        Assert.Equal(1.0, choice.OutOfScopeRecall, 6);
    }

    [Fact]
    public void WithoutOutOfScopeExamplesOnlyLikelyWrongAnswersAreRejected()
    {
        List<Scored> scored =
        [
            .. Enumerable.Repeat(new Scored(0, 0, 0.8f, 0.7f), 6),
            .. Enumerable.Repeat(new Scored(1, 1, 0.6f, 0.3f), 3),
            new Scored(1, 0, 0.4f, 0.05f),
        ];
        var choice = ThresholdSelector.Choose(scored, outOfScopeIndex: -1, new ThresholdObjective());
        Assert.Equal(new Thresholds(0.41f, 0f), choice.Thresholds);
        Assert.True(double.IsNaN(choice.OutOfScopeRecall));
    }

    [Fact]
    public void ConfidenceBelowTheThresholdIsNotUnderstood()
    {
        var model = SmallCorpus.IntentModel;
        var top = model.PredictTop("这个多少钱");
        Assert.Equal("product_price", top.Intent);

        var strict = model.WithInfo(model.Info with { ConfidenceThreshold = top.Confidence + 0.01f, MarginThreshold = 0 });
        var lenient = model.WithInfo(model.Info with { ConfidenceThreshold = top.Confidence - 0.01f, MarginThreshold = 0 });
        Assert.False(strict.Predict("这个多少钱").IsUnderstood);
        Assert.True(lenient.Predict("这个多少钱").IsUnderstood);
    }

    [Fact]
    public void MarginBelowTheThresholdIsNotUnderstood()
    {
        var model = SmallCorpus.IntentModel;
        var top = model.PredictTop("这个多少钱");
        var strict = model.WithInfo(model.Info with { ConfidenceThreshold = 0, MarginThreshold = top.Margin + 0.01f });
        Assert.False(strict.Predict("这个多少钱").IsUnderstood);
    }

    [Fact]
    public void PredictingTheOutOfScopeLabelIsNotUnderstood()
    {
        var model = SmallCorpus.IntentModel.WithInfo(SmallCorpus.IntentModel.Info with { ConfidenceThreshold = 0, MarginThreshold = 0 });
        var prediction = model.Predict("今天天气怎么样");
        Assert.Equal("out_of_scope", prediction.Intent);
        Assert.False(prediction.IsUnderstood);
    }

    [Fact]
    public void AlternativesAreRankedAndStartWithTheTopIntent()
    {
        var prediction = SmallCorpus.IntentModel.Predict("where is my package", alternatives: 4);
        Assert.Equal(4, prediction.Alternatives.Count);
        Assert.Equal(new IntentScore(prediction.Intent, prediction.Confidence), prediction.Alternatives[0]);
        Assert.Equal(prediction.Alternatives.OrderByDescending(a => a.Confidence).ToArray(), prediction.Alternatives);
        Assert.Equal(prediction.Confidence - prediction.Alternatives[1].Confidence, prediction.Margin, 6);
    }
}
