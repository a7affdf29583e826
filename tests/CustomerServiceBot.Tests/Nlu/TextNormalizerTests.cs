using CustomerServiceBot.Nlu;

namespace CustomerServiceBot.Tests.Nlu;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("ＨＥＬＬＯ　Ｗｏｒｌｄ", "hello world")]
    [InlineData("這個多少錢", "这个多少钱")]
    [InlineData("在吗？？？？", "在吗?")]
    [InlineData("哈哈哈哈哈", "哈哈")]
    [InlineData("soooooo good!!!", "soo good!")]
    [InlineData("订单号 20231231500012345 呢", "订单号 0000 呢")]
    [InlineData("L码 身高170 体重60", "l码 身高00 体重0")]
    [InlineData("  好的😭😭  ", "好的😭😭")]
    public void FoldsSurfaceVariation(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void TraditionalAndSimplifiedSpellingsGiveTheSameFeatures()
    {
        var featurizer = Featurizer.Learn(["这个多少钱", "在吗"], new FeatureSettings { MinDocumentFrequency = 1 });
        var simplified = Featurize(featurizer, "这个多少钱");
        var traditional = Featurize(featurizer, "這個多少錢");
        Assert.Equal(simplified.Indices, traditional.Indices);
        Assert.Equal(simplified.Values, traditional.Values);
    }

    [Fact]
    public void FeaturesAreUnitLengthAndSorted()
    {
        var featurizer = Featurizer.Learn(["where is my parcel", "where is it", "哪里"], new FeatureSettings { MinDocumentFrequency = 1 });
        var (indices, values) = Featurize(featurizer, "Where is my parcel??");
        Assert.Equal(indices.Order().ToArray(), indices);
        Assert.Equal(indices.Distinct().Count(), indices.Length);
        Assert.Equal(1.0, Math.Sqrt(values.Sum(v => (double)v * v)), 5);
    }

    [Fact]
    public void UnknownTextHasNoFeatures()
    {
        var featurizer = Featurizer.Learn(["abc", "abd"], new FeatureSettings { MinDocumentFrequency = 1 });
        Assert.Empty(Featurize(featurizer, "物流").Indices);
    }

    private static (int[] Indices, float[] Values) Featurize(Featurizer featurizer, string text)
    {
        var indices = new int[featurizer.MaxFeatureCount(text.Length)];
        var values = new float[indices.Length];
        var count = featurizer.Featurize(text, indices, values);
        return (indices[..count], values[..count]);
    }
}
