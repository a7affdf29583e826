namespace CustomerServiceBot.Api.Knowledge.View;

// TF-IDF cosine similarity between a message and every question variant, through an inverted index:
// a query touches only the variants that share a term with it, so 5,000 entries cost little more than 50.
internal sealed class FaqIndex
{
    public const double DefaultThreshold = 0.28;
    // Tuned on data/demo/faq-paraphrases.tsv (docs/knowledge.md): a word no FAQ has weighs as much as the
    // rarest known one, so off-topic messages score low; single Chinese characters count half a bigram.
    private const float UnknownTermWeight = 1f;
    private const float UnigramFactor = 0.5f;

    private readonly FaqNode[] _entries;
    // An entry's answer is indexed too, scaled down: it holds the words buyers use that no variant does.
    private const float AnswerFactor = 0.8f;

    private readonly int[] _variantEntry;
    private readonly float[] _variantFactor;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly Dictionary<string, float> _idf;

    [ThreadStatic]
    private static float[]? _scratch;

    public FaqIndex(IReadOnlyList<FaqNode> entries)
    {
        _entries = entries.ToArray();
        var variants = new List<(int Entry, Dictionary<string, int> Tf, float Factor)>();
        for (var e = 0; e < _entries.Length; e++)
        {
            var texts = _entries[e].Questions.Select(q => (Text: q, Factor: 1f))
                .Append((_entries[e].Answer, AnswerFactor))
                .Concat(_entries[e].AnswerEn is { } english ? [(english, AnswerFactor)] : Array.Empty<(string, float)>());
            foreach (var (text, factor) in texts)
            {
                var tf = CountTerms(TextFeatures.Terms(text));
                if (tf.Count > 0)
                {
                    variants.Add((e, tf, factor));
                }
            }
        }

        _variantEntry = variants.Select(v => v.Entry).ToArray();
        _variantFactor = variants.Select(v => v.Factor).ToArray();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, tf, _) in variants)
        {
            foreach (var term in tf.Keys)
            {
                df[term] = df.GetValueOrDefault(term) + 1;
            }
        }

        var n = Math.Max(variants.Count, 1);
        _idf = df.ToDictionary(pair => pair.Key, pair => (float)Math.Log(1.0 + (double)n / pair.Value), StringComparer.Ordinal);
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var v = 0; v < variants.Count; v++)
        {
            var weights = variants[v].Tf.ToDictionary(pair => pair.Key, pair => Weight(pair.Key, pair.Value));
            var norm = (float)Math.Sqrt(weights.Values.Sum(w => w * w));
            foreach (var (term, weight) in weights)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add(new Posting(v, weight / norm));
            }
        }

        _postings = postings.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    public int Count => _entries.Length;

    public IReadOnlyList<FaqHit> Search(string text, int top = 3, double threshold = DefaultThreshold)
    {
        var tf = CountTerms(TextFeatures.Terms(text));
        if (tf.Count == 0 || _variantEntry.Length == 0)
        {
            return [];
        }

        var weights = new List<(Posting[] Postings, float Weight)>(tf.Count);
        var norm = 0f;
        foreach (var (term, count) in tf)
        {
            // A term no variant has still counts in the query's length: unknown words lower the score.
            var weight = _idf.ContainsKey(term) ? Weight(term, count) : UnknownTermWeight * (float)Math.Log(1.0 + _variantEntry.Length) * (term.Length == 1 ? UnigramFactor : 1f);
            norm += weight * weight;
            if (_postings.TryGetValue(term, out var postings))
            {
                weights.Add((postings, weight));
            }
        }

        norm = (float)Math.Sqrt(norm);
        var scores = _scratch is { } scratch && scratch.Length >= _variantEntry.Length ? scratch : _scratch = new float[_variantEntry.Length];
        var touched = new List<int>();
        foreach (var (postings, weight) in weights)
        {
            foreach (var posting in postings)
            {
                if (scores[posting.Variant] == 0f)
                {
                    touched.Add(posting.Variant);
                }

                scores[posting.Variant] += posting.Weight * weight / norm;
            }
        }

        var best = new Dictionary<int, (float Score, int Variant)>();
        foreach (var variant in touched)
        {
            var score = scores[variant] * _variantFactor[variant];
            scores[variant] = 0f;
            var entry = _variantEntry[variant];
            if (score >= threshold && (!best.TryGetValue(entry, out var current) || score > current.Score))
            {
                best[entry] = (score, variant);
            }
        }

        return best.OrderByDescending(pair => pair.Value.Score).ThenBy(pair => pair.Key).Take(top)
            .Select(pair => new FaqHit(_entries[pair.Key], Math.Round(pair.Value.Score, 3)))
            .ToList();
    }

    private float Weight(string term, int count) =>
        (1f + (float)Math.Log(count)) * _idf[term] * (term.Length == 1 && TextFeatures.IsCjk(term[0]) ? UnigramFactor : 1f);

    private static Dictionary<string, int> CountTerms(List<string> terms)
    {
        var tf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            tf[term] = tf.GetValueOrDefault(term) + 1;
        }

        return tf;
    }

    private readonly record struct Posting(int Variant, float Weight);
}

internal sealed record FaqHit(FaqNode Entry, double Score);
