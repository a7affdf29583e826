namespace CustomerServiceBot.Api.Knowledge.View;

// Finds the products a buyer's mention names. An exact title, alias, product code, SKU code or barcode
// wins; otherwise the products whose title or alias contains the mention (or is contained in it),
// longest phrase first. Several products at the best length is an ambiguity the caller reports.
internal sealed class ProductMatcher
{
    private readonly Dictionary<string, MatchTarget[]> _exact;
    private readonly string[] _phrases;
    private readonly long[] _phraseProducts;
    private readonly Dictionary<int, int[]> _bigrams;

    public ProductMatcher(IEnumerable<(string Phrase, long ProductId, long? SkuId, bool Fuzzy)> phrases)
    {
        var exact = new Dictionary<string, List<MatchTarget>>(StringComparer.Ordinal);
        var fuzzy = new List<(string Phrase, long ProductId)>();
        foreach (var (phrase, productId, skuId, isFuzzy) in phrases)
        {
            var key = TextFeatures.Compact(phrase);
            if (key.Length == 0)
            {
                continue;
            }

            if (!exact.TryGetValue(key, out var targets))
            {
                exact[key] = targets = [];
            }

            if (!targets.Any(t => t.ProductId == productId && t.SkuId == skuId))
            {
                targets.Add(new MatchTarget(productId, skuId));
            }

            if (isFuzzy && key.Length >= 2)
            {
                fuzzy.Add((key, productId));
            }
        }

        _exact = exact.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        _phrases = fuzzy.Select(f => f.Phrase).ToArray();
        _phraseProducts = fuzzy.Select(f => f.ProductId).ToArray();
        var postings = new Dictionary<int, List<int>>();
        for (var i = 0; i < _phrases.Length; i++)
        {
            foreach (var bigram in Bigrams(_phrases[i]).Distinct())
            {
                if (!postings.TryGetValue(bigram, out var list))
                {
                    postings[bigram] = list = [];
                }

                list.Add(i);
            }
        }

        _bigrams = postings.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
    }

    public IReadOnlyList<MatchTarget> Match(string mention)
    {
        var key = TextFeatures.Compact(mention);
        if (key.Length == 0)
        {
            return [];
        }

        if (_exact.TryGetValue(key, out var exact))
        {
            return exact;
        }

        if (key.Length < 2)
        {
            return [];
        }

        // Every phrase sharing a bigram with the mention is a candidate; containment decides.
        var candidates = new HashSet<int>();
        foreach (var bigram in Bigrams(key))
        {
            if (_bigrams.TryGetValue(bigram, out var list))
            {
                candidates.UnionWith(list);
            }
        }

        var bestLength = 0;
        var best = new List<long>();
        foreach (var index in candidates)
        {
            var phrase = _phrases[index];
            int length;
            if (phrase.Contains(key, StringComparison.Ordinal))
            {
                length = key.Length;
            }
            else if (key.Contains(phrase, StringComparison.Ordinal))
            {
                length = phrase.Length;
            }
            else
            {
                continue;
            }

            if (length > bestLength)
            {
                bestLength = length;
                best.Clear();
            }

            if (length == bestLength && !best.Contains(_phraseProducts[index]))
            {
                best.Add(_phraseProducts[index]);
            }
        }

        best.Sort();
        return best.Select(id => new MatchTarget(id, null)).ToList();
    }

    private static IEnumerable<int> Bigrams(string text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            yield return (text[i] << 16) | text[i + 1];
        }
    }
}

internal readonly record struct MatchTarget(long ProductId, long? SkuId);
