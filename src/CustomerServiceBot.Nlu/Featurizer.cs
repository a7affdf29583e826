using System.Buffers;
using System.Numerics;

namespace CustomerServiceBot.Nlu;

// Text → sparse TF-IDF vector over a vocabulary learnt at training time. N-grams are hashed from
// spans of the normalised text with a 64-bit hash and looked up in the vocabulary (FeatureIndex), so
// predicting allocates nothing: no strings, no token lists. 64 bits make collisions between
// distinct n-grams of a corpus negligible, unlike the 2^18-bucket hashing trick.
internal sealed class Featurizer
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const ulong CharSeed = FnvOffset;
    private const ulong WordSeed = FnvOffset ^ 0x5851F42D4C957F2DUL;
    private const ulong Mix = 0x9E3779B97F4A7C15UL;
    private const int StackLimit = 2048;

    private readonly FeatureIndex _index;
    private readonly float[] _idf;

    private Featurizer(FeatureSettings settings, FeatureIndex index, float[] idf)
    {
        Settings = settings;
        _index = index;
        _idf = idf;
    }

    public FeatureSettings Settings { get; }

    public int Dimension => _idf.Length;

    // Upper bound on the n-grams (and so the features) of a text of this length.
    public int MaxFeatureCount(int textLength) => Bound(Settings, textLength);

    public static Featurizer Learn(IReadOnlyList<string> texts, FeatureSettings settings)
    {
        settings.Validate();
        var documentFrequency = new Dictionary<ulong, int>();
        var hashes = new ulong[1024];
        foreach (var text in texts)
        {
            var bound = Bound(settings, text.Length);
            if (hashes.Length < bound)
            {
                hashes = new ulong[bound];
            }

            var count = CollectHashes(text, settings, hashes);
            var span = hashes.AsSpan(0, count);
            span.Sort();
            for (var i = 0; i < span.Length; i++)
            {
                if (i > 0 && span[i] == span[i - 1])
                {
                    continue;
                }

                documentFrequency[span[i]] = documentFrequency.GetValueOrDefault(span[i]) + 1;
            }
        }

        // Most frequent first, ties by hash: the same corpus always gives the same vocabulary order.
        var maxDocuments = settings.MaxDocumentShare * texts.Count;
        var kept = documentFrequency
            .Where(pair => pair.Value >= settings.MinDocumentFrequency && pair.Value <= maxDocuments)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key)
            .Take(settings.MaxFeatures)
            .ToArray();
        var vocabulary = new ulong[kept.Length];
        var idf = new float[kept.Length];
        var documents = texts.Count;
        for (var i = 0; i < kept.Length; i++)
        {
            vocabulary[i] = kept[i].Key;
            idf[i] = (float)(Math.Log((1.0 + documents) / (1.0 + kept[i].Value)) + 1.0);
        }

        return new Featurizer(settings, new FeatureIndex(vocabulary), idf);
    }

    // Writes the sorted feature indices and their L2-normalised sublinear TF-IDF values; returns how
    // many. indices and values must hold MaxFeatureCount(text.Length) entries.
    public int Featurize(ReadOnlySpan<char> text, Span<int> indices, Span<float> values)
    {
        var bound = MaxFeatureCount(text.Length);
        ulong[]? rented = null;
        // Buffers are sized to the text, not to StackLimit: stack memory is cleared when taken, and clearing
        // 16 KB cost more than reading a short message.
        var hashes = bound <= StackLimit ? stackalloc ulong[bound] : (rented = ArrayPool<ulong>.Shared.Rent(bound));
        try
        {
            var hashCount = CollectHashes(text, Settings, hashes);
            var found = 0;
            for (var i = 0; i < hashCount; i++)
            {
                if (_index.TryGetFeature(hashes[i], out var featureIndex))
                {
                    indices[found++] = featureIndex;
                }
            }

            if (found == 0)
            {
                return 0;
            }

            indices[..found].Sort();
            var unique = 0;
            var sumOfSquares = 0f;
            for (var i = 0; i < found;)
            {
                var featureIndex = indices[i];
                var termFrequency = 1;
                while (i + termFrequency < found && indices[i + termFrequency] == featureIndex)
                {
                    termFrequency++;
                }

                i += termFrequency;
                // Sublinear tf: a character repeated in a message is weak extra evidence.
                var value = (1f + MathF.Log(termFrequency)) * _idf[featureIndex];
                indices[unique] = featureIndex;
                values[unique] = value;
                sumOfSquares += value * value;
                unique++;
            }

            var scale = 1f / MathF.Sqrt(sumOfSquares);
            for (var i = 0; i < unique; i++)
            {
                values[i] *= scale;
            }

            return unique;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    private static int Bound(FeatureSettings settings, int textLength)
    {
        var length = Math.Min(textLength, TextNormalizer.MaxLength) + 2;
        return (length * (settings.CharNgramMax - settings.CharNgramMin + 1)) + (length * settings.WordNgramMax) + 1;
    }

    private static int CollectHashes(ReadOnlySpan<char> text, FeatureSettings settings, Span<ulong> hashes)
    {
        // Padded with a space on both sides so that n-grams know where the message starts and ends.
        Span<char> normalized = stackalloc char[Math.Min(text.Length, TextNormalizer.MaxLength) + 2];
        normalized[0] = ' ';
        var length = TextNormalizer.Normalize(text, normalized[1..^1]) + 2;
        normalized[length - 1] = ' ';
        ReadOnlySpan<char> padded = normalized[..length];

        var count = 0;
        for (var start = 0; start < padded.Length; start++)
        {
            var hash = CharSeed;
            for (var n = 1; n <= settings.CharNgramMax && start + n <= padded.Length; n++)
            {
                var c = padded[start + n - 1];
                hash = (hash ^ c) * FnvPrime;
                if (n >= settings.CharNgramMin && !(n == 1 && c == ' '))
                {
                    hashes[count++] = hash;
                }
            }
        }

        if (settings.WordNgramMax == 0)
        {
            return count;
        }

        // Words: runs of non-CJK letters and digits, plus emoji and ?/! as tokens of their own.
        // A CJK character ends a word and breaks the chain (its n-grams are the char n-grams above).
        ulong previous = 0, beforePrevious = 0;
        for (var i = 0; i < padded.Length;)
        {
            var c = padded[i];
            ulong token;
            if (IsWordChar(c))
            {
                token = WordSeed;
                while (i < padded.Length && (IsWordChar(padded[i]) || (padded[i] == '\'' && i + 1 < padded.Length && IsWordChar(padded[i + 1]))))
                {
                    token = (token ^ padded[i]) * FnvPrime;
                    i++;
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < padded.Length && char.IsLowSurrogate(padded[i + 1]))
            {
                token = (((WordSeed ^ c) * FnvPrime) ^ padded[i + 1]) * FnvPrime;
                i += 2;
            }
            else if (c is '?' or '!' || char.IsSymbol(c))
            {
                token = (WordSeed ^ c) * FnvPrime;
                i++;
            }
            else
            {
                if (TextNormalizer.IsCjk(c))
                {
                    previous = beforePrevious = 0;
                }

                i++;
                continue;
            }

            hashes[count++] = token;
            if (settings.WordNgramMax >= 2 && previous != 0)
            {
                hashes[count++] = Combine(previous, token);
                if (settings.WordNgramMax >= 3 && beforePrevious != 0)
                {
                    hashes[count++] = Combine(Combine(beforePrevious, previous), token);
                }
            }

            beforePrevious = previous;
            previous = token;
        }

        return count;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !TextNormalizer.IsCjk(c);

    private static ulong Combine(ulong left, ulong right) => (BitOperations.RotateLeft(left, 23) ^ right) * Mix;

    public void Write(BinaryWriter writer)
    {
        writer.Write(Settings.CharNgramMin);
        writer.Write(Settings.CharNgramMax);
        writer.Write(Settings.WordNgramMax);
        writer.Write(Settings.MinDocumentFrequency);
        writer.Write(Settings.MaxFeatures);
        writer.Write(_idf.Length);
        for (var i = 0; i < _idf.Length; i++)
        {
            writer.Write(_index.HashOf(i));
            writer.Write(_idf[i]);
        }
    }

    public static Featurizer Read(BinaryReader reader)
    {
        var settings = new FeatureSettings
        {
            CharNgramMin = reader.ReadInt32(),
            CharNgramMax = reader.ReadInt32(),
            WordNgramMax = reader.ReadInt32(),
            MinDocumentFrequency = reader.ReadInt32(),
            MaxFeatures = reader.ReadInt32(),
        };
        settings.Validate();
        var dimension = reader.ReadInt32();
        var hashes = new ulong[dimension];
        var idf = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            hashes[i] = reader.ReadUInt64();
            idf[i] = reader.ReadSingle();
        }

        return new Featurizer(settings, new FeatureIndex(hashes), idf);
    }
}
