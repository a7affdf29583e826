namespace CustomerServiceBot.Api.Knowledge.View;

// TF-IDF cosine similarity between a message and every question variant (and, scaled down, every answer).
// Rare terms of the message find candidates through an inverted index; common terms ("怎么", "号" in a
// large shop) are then looked up only in those candidates' own term lists, so a query costs about the
// same with 5,000 entries as with 50.
internal sealed class FaqIndex
{
    public const double DefaultThreshold = 0.28;

    // Tuned on data/demo/faq-paraphrases.tsv (docs/knowledge.md): a word no FAQ has weighs as much as the
    // rarest known one, so off-topic messages score low; single Chinese characters count half a bigram.
    private const float UnknownTermWeight = 1f;
    private const float UnigramFactor = 0.5f;

    // An entry's answer is indexed too, scaled down: it holds the words buyers use that no variant does.
    private const float AnswerFactor = 0.8f;

    // A term in at most this many variants (or 2 % of them in a large index) may bring new candidates.
    private const int CandidateTermMaxVariants = 256;

    private readonly FaqNode[] _entries;
    private readonly int[] _variantEntry;
    private readonly float[] _variantFactor;
    private readonly int[][] _variantTerms;
    private readonly float[][] _variantWeights;
    private readonly Dictionary<string, int> _termIds;
    private readonly Posting[][] _postings;
    private readonly float[] _idf;
    private readonly float[] _maxWeight;

    [ThreadStatic]
    private static float[]? _scores;

    [ThreadStatic]
    private static int[]? _touched;

    [ThreadStatic]
    private static float[]? _queryWeights;

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
        _termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        foreach (var (_, tf, _) in variants)
        {
            foreach (var term in tf.Keys)
            {
                if (!_termIds.TryGetValue(term, out var id))
                {
                    _termIds[term] = id = df.Count;
                    df.Add(0);
                }

                df[id]++;
            }
        }

        var n = Math.Max(variants.Count, 1);
        _idf = df.Select((count, id) => (float)Math.Log(1.0 + (double)n / count)).ToArray();
        var unigram = new bool[df.Count];
        foreach (var (term, id) in _termIds)
        {
            unigram[id] = term.Length == 1 && TextFeatures.IsCjk(term[0]);
        }

        var postings = df.Select(count => new List<Posting>(count)).ToArray();
        _variantTerms = new int[variants.Count][];
        _variantWeights = new float[variants.Count][];
        for (var v = 0; v < variants.Count; v++)
        {
            var terms = variants[v].Tf.Select(pair => (Id: _termIds[pair.Key], Weight: Weight(_idf[_termIds[pair.Key]], unigram[_termIds[pair.Key]], pair.Value)))
                .OrderBy(t => t.Id).ToArray();
            var norm = (float)Math.Sqrt(terms.Sum(t => t.Weight * t.Weight));
            _variantTerms[v] = terms.Select(t => t.Id).ToArray();
            _variantWeights[v] = terms.Select(t => t.Weight / norm).ToArray();
            foreach (var (id, weight) in terms)
            {
                postings[id].Add(new Posting(v, weight / norm));
            }
        }

        _postings = postings.Select(list => list.ToArray()).ToArray();
        _maxWeight = _postings.Select(list => list.Length == 0 ? 0f : list.Max(p => p.Weight)).ToArray();
    }

    public int Count => _entries.Length;

    public IReadOnlyList<FaqHit> Search(string text, int top = 3, double threshold = DefaultThreshold)
    {
        var tf = CountTerms(TextFeatures.Terms(text));
        if (tf.Count == 0 || _variantEntry.Length == 0)
        {
            return [];
        }

        var known = new List<(int Id, float Weight)>(tf.Count);
        var norm = 0f;
        foreach (var (term, count) in tf)
        {
            var unigram = term.Length == 1 && TextFeatures.IsCjk(term[0]);
            if (_termIds.TryGetValue(term, out var id))
            {
                var weight = Weight(_idf[id], unigram, count);
                known.Add((id, weight));
                norm += weight * weight;
            }
            else
            {
                // A term no variant has still counts in the query's length: unknown words lower the score.
                var weight = UnknownTermWeight * (float)Math.Log(1.0 + _variantEntry.Length) * (unigram ? UnigramFactor : 1f);
                norm += weight * weight;
            }
        }

        if (known.Count == 0)
        {
            return [];
        }

        norm = (float)Math.Sqrt(norm);
        known.Sort((a, b) => _postings[a.Id].Length.CompareTo(_postings[b.Id].Length));
        var commonFrom = Math.Max(CandidateTermMaxVariants, _variantEntry.Length / 50);
        // The rarest term always finds candidates, so a message of only common words still gets an answer.
        var rare = Math.Max(1, known.Count(t => _postings[t.Id].Length <= commonFrom));

        var scores = _scores is { } scratch && scratch.Length >= _variantEntry.Length ? scratch : _scores = new float[_variantEntry.Length];
        var touched = _touched is { } list && list.Length >= _variantEntry.Length ? list : _touched = new int[_variantEntry.Length];
        var touchedCount = 0;
        for (var t = 0; t < rare; t++)
        {
            var scaled = known[t].Weight / norm;
            foreach (var posting in _postings[known[t].Id])
            {
                var current = scores[posting.Variant];
                if (current == 0f)
                {
                    touched[touchedCount++] = posting.Variant;
                }

                scores[posting.Variant] = current + posting.Weight * scaled;
            }
        }

        // Common terms are scored by walking each candidate's own short term list against the query's weights.
        var queryWeights = _queryWeights is { } weights && weights.Length >= _idf.Length ? weights : _queryWeights = new float[_idf.Length];
        var commonBound = 0f;
        for (var t = rare; t < known.Count; t++)
        {
            queryWeights[known[t].Id] = known[t].Weight / norm;
            commonBound += known[t].Weight / norm * _maxWeight[known[t].Id];
        }

        var best = new (float Score, int Entry)[Math.Max(top, 1)];
        var bestCount = 0;
        for (var i = 0; i < touchedCount; i++)
        {
            var variant = touched[i];
            var score = scores[variant];
            scores[variant] = 0f;
            var factor = _variantFactor[variant];
            var floor = bestCount == best.Length ? Math.Max(threshold, best[bestCount - 1].Score) : threshold;
            if ((score + commonBound) * factor < floor)
            {
                continue;
            }

            if (rare < known.Count)
            {
                var terms = _variantTerms[variant];
                var termWeights = _variantWeights[variant];
                for (var j = 0; j < terms.Length; j++)
                {
                    score += queryWeights[terms[j]] * termWeights[j];
                }
            }

            score *= factor;
            if (score >= threshold)
            {
                Insert(best, ref bestCount, score, _variantEntry[variant]);
            }
        }

        for (var t = rare; t < known.Count; t++)
        {
            queryWeights[known[t].Id] = 0f;
        }

        var hits = new List<FaqHit>(Math.Min(bestCount, top));
        for (var i = 0; i < bestCount && i < top; i++)
        {
            hits.Add(new FaqHit(_entries[best[i].Entry], Math.Round(best[i].Score, 3)));
        }

        return hits;
    }

    // Keeps the best score per entry in a short array sorted by score (ties: lower entry first).
    private static void Insert((float Score, int Entry)[] best, ref int count, float score, int entry)
    {
        var at = -1;
        for (var b = 0; b < count; b++)
        {
            if (best[b].Entry == entry)
            {
                at = b;
                break;
            }
        }

        if (at >= 0)
        {
            if (score <= best[at].Score)
            {
                return;
            }

            Array.Copy(best, at + 1, best, at, count - at - 1);
            count--;
        }
        else if (count == best.Length && score <= best[count - 1].Score)
        {
            return;
        }

        var position = count == best.Length ? count - 1 : count++;
        while (position > 0 && (best[position - 1].Score < score || best[position - 1].Score == score && best[position - 1].Entry > entry))
        {
            best[position] = best[position - 1];
            position--;
        }

        best[position] = (score, entry);
    }

    private static float Weight(float idf, bool unigram, int count) => (1f + (float)Math.Log(count)) * idf * (unigram ? UnigramFactor : 1f);

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
