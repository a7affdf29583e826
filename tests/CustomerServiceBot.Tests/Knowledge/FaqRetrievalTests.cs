using CustomerServiceBot.Api.Knowledge.View;
using Xunit.Abstractions;

namespace CustomerServiceBot.Tests.Knowledge;

public sealed class FaqRetrievalTests(ITestOutputHelper output)
{
    // Measured top-1 accuracy on data/demo/faq-paraphrases.tsv minus five points (docs/knowledge.md has the figure).
    private const double AccuracyFloor = 0.71;

    public static IReadOnlyList<(string Text, string Expected)> Paraphrases() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "demo", "faq-paraphrases.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], parts[1]))
            .ToList();

    [Fact]
    public void HeldOutParaphrasesFindTheirFaqAboveTheAccuracyFloor()
    {
        var faqs = DemoShop.View.Value.Faqs;
        var paraphrases = Paraphrases();
        var correct = 0;
        var answered = 0;
        var answeredCorrect = 0;
        foreach (var (text, expected) in paraphrases)
        {
            var above = faqs.Search(text, top: 1);
            if (above.Count > 0)
            {
                answered++;
                answeredCorrect += above[0].Entry.Code == expected ? 1 : 0;
            }

            var hits = faqs.Search(text, top: 1, threshold: 0);
            var got = hits.Count == 0 ? "(none)" : hits[0].Entry.Code;
            if (got == expected)
            {
                correct++;
            }
            else
            {
                output.WriteLine($"MISS {text} → {got} (expected {expected}) {(hits.Count == 0 ? "" : hits[0].Score)}");
            }
        }

        var accuracy = (double)correct / paraphrases.Count;
        output.WriteLine($"FAQ top-1 accuracy: {correct}/{paraphrases.Count} = {accuracy:P1}");
        output.WriteLine($"At the default threshold {FaqIndex.DefaultThreshold}: answered {answered}/{paraphrases.Count}, of which correct {answeredCorrect}");
        Assert.True(accuracy >= AccuracyFloor, $"FAQ top-1 accuracy {accuracy:P1} is below {AccuracyFloor:P0}");
    }

    [Fact]
    public void UnrelatedMessageFindsNoFaq()
    {
        Assert.Empty(DemoShop.View.Value.Faqs.Search("今天天气怎么样"));
        Assert.Empty(DemoShop.View.Value.Faqs.Search("what is the capital of France"));
    }

    [Fact]
    public void ExactVariantScoresOne()
    {
        var hit = Assert.Single(DemoShop.View.Value.Faqs.Search("能开发票吗", top: 1));

        Assert.Equal("faq-17", hit.Entry.Code);
        Assert.Equal(1.0, hit.Score, 2);
    }
}
