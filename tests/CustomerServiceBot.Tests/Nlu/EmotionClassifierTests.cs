using CustomerServiceBot.Nlu;

namespace CustomerServiceBot.Tests.Nlu;

public sealed class EmotionClassifierTests
{
    private static readonly Lazy<EmotionClassifier> Model = new(() =>
        EmotionClassifier.Train(SmallCorpus.Emotions, EmotionClassifier.DefaultOptions with { Features = new FeatureSettings { MinDocumentFrequency = 1 }, L2 = 0.01f }));

    [Theory]
    [InlineData("再不退款我就打12315", "12315")]
    [InlineData("东西太烂了给你差评", "差评")]
    [InlineData("我要投诉你们", "投诉")]
    [InlineData("I will file a chargeback", "chargeback")]
    [InlineData("leaving a BAD REVIEW", "bad review")]
    public void ThreatsEscalateWithTheirTrigger(string text, string trigger)
    {
        var prediction = Model.Value.Predict(text);
        Assert.True(prediction.Escalate);
        Assert.Equal(trigger, prediction.Trigger);
    }

    [Theory]
    [InlineData("订单号2023123150001什么时候发货")]
    [InlineData("我用工商银行付款可以吗")]
    [InlineData("this bbbq sauce")]
    public void LookalikesOfThreatsAreNotTriggers(string text) =>
        Assert.Null(EmotionClassifier.FindEscalationPhrase(text));

    [Fact]
    public void CalmQuestionIsNeutralAndNotEscalated()
    {
        var prediction = Model.Value.Predict("这个多少钱");
        Assert.Equal("neutral", prediction.Emotion);
        Assert.False(prediction.Escalate);
        Assert.Null(prediction.Trigger);
    }

    [Fact]
    public void ConfidentAngerEscalatesWithoutAKeyword()
    {
        var classifier = new EmotionClassifier(Model.Value.Model, strongAngerConfidence: 0f);
        var prediction = classifier.Predict("气死我了什么垃圾东西");
        Assert.Equal("angry", prediction.Emotion);
        Assert.True(prediction.Escalate);
        Assert.Equal(EmotionClassifier.AngryTrigger, prediction.Trigger);
    }
}
