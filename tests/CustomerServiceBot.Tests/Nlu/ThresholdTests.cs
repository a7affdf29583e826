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
    public void WithoutOutOfScopeExamplesACheaperClarifyingQuestionRejectsLikelyWrongAnswers()
    {
        List<Scored> scored =
        [
            .. Enumerable.Repeat(new Scored(0, 0, 0.8f, 0.7f), 6),
            .. Enumerable.Repeat(new Scored(1, 1, 0.6f, 0.3f), 3),
            new Scored(1, 0, 0.4f, 0.05f),
        ];
        var choice = ThresholdSelector.Choose(scored, outOfScopeIndex: -1, new ThresholdObjective { ClarifyCost = 0.5 });
        Assert.Equal(new Thresholds(0.41f, 0f), choice.Thresholds);
        Assert.True(double.IsNaN(choice.OutOfScopeRecall));

        // At the default cost a clarifying question costs what a wrong answer does: nothing to gain.
        Assert.Equal(new Thresholds(0f, 0f), ThresholdSelector.Choose(scored, outOfScopeIndex: -1, new ThresholdObjective()).Thresholds);
    }

    [Fact]
    public void TheOutOfScopeShareIsTheHeldOutSetsOwnUnlessGiven()
    {
        // 13 in-scope messages, all right (3 of them unsure), and 1 out-of-scope message that looks
        // like an unsure one. At its own share (1 in 14) rejecting the 3 to catch the 1 does not pay;
        // at an assumed share of one half it does.
        List<Scored> scored =
        [
            .. Enumerable.Repeat(new Scored(0, 0, 0.9f, 0.8f), 10),
            .. Enumerable.Repeat(new Scored(1, 1, 0.3f, 0.1f), 3),
            new Scored(2, 0, 0.3f, 0.1f),
        ];
        var own = ThresholdSelector.Choose(scored, outOfScopeIndex: 2, new ThresholdObjective());
        Assert.Equal(1.0 / 14, own.OutOfScopeShare, 9);
        Assert.Equal(new Thresholds(0f, 0f), own.Thresholds);

        var assumed = ThresholdSelector.Choose(scored, outOfScopeIndex: 2, new ThresholdObjective { OutOfScopeShare = 0.5 });
        Assert.Equal(0.5, assumed.OutOfScopeShare, 9);
        Assert.Equal(new Thresholds(0.31f, 0f), assumed.Thresholds);
        Assert.Equal(1.0, assumed.OutOfScopeRecall, 9);
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
