using CustomerServiceBot.Nlu;

namespace CustomerServiceBot.Tests.Nlu;

public sealed class FeatureIndexTests
{
    // 5,000 hashes in 16,384 slots: many start where another already is and are found further on.
    [Fact]
    public void EveryHashFindsItsFeatureAndOthersMiss()
    {
        var random = new Random(7);
        var hashes = Enumerable.Range(0, 5_000).Select(_ => (ulong)random.NextInt64() * 3).Distinct().ToArray();
        var index = new FeatureIndex(hashes);

        Assert.Equal(hashes.Length, index.Count);
        for (var feature = 0; feature < hashes.Length; feature++)
        {
            Assert.True(index.TryGetFeature(hashes[feature], out var found));
            Assert.Equal(feature, found);
            Assert.Equal(hashes[feature], index.HashOf(feature));
        }

        var known = hashes.ToHashSet();
        foreach (var probe in Enumerable.Range(0, 5_000).Select(_ => (ulong)random.NextInt64() * 3 + 1))
        {
            Assert.Equal(known.Contains(probe), index.TryGetFeature(probe, out _));
        }
    }

    [Fact]
    public void AnEmptyVocabularyFindsNothing()
    {
        Assert.False(new FeatureIndex([]).TryGetFeature(42, out var feature));
        Assert.Equal(-1, feature);
    }

    [Fact]
    public void TwoFeaturesWithOneHashAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new FeatureIndex([5, 9, 5]));
    }
}
