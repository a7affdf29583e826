using System.Buffers;
using System.IO.Compression;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CustomerServiceBot.Nlu;

// A trained, immutable text classifier (intents or emotions): featurizer + ML.NET max-ent model +
// thresholds. Thread-safe. Predictions are served by a sparse dot product over the weights taken out
// of the ML.NET model (see docs/decisions/0002-serve-extracted-linear-scorer.md); the pooled
// PredictionEngine path gives the same probabilities and is kept for parity checks and tools.
internal sealed class TextClassifier
{
    internal const string InfoEntry = "csbot/model.json";
    internal const string FeaturesEntry = "csbot/features.bin";
    private const int StackLimit = 2048;

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly float[] _weights; // feature-major: _weights[feature * classes + class]
    private readonly float[] _biases;
    private readonly int _outOfScopeIndex;
    private readonly Lazy<ObjectPool<EngineSlot>> _engines;

    internal TextClassifier(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, Featurizer featurizer, ModelInfo info)
    {
        _ml = ml;
        _transformer = transformer;
        _inputSchema = inputSchema;
        Featurizer = featurizer;
        Info = info;
        Labels = info.Labels;
        Thresholds = new Thresholds(info.ConfidenceThreshold, info.MarginThreshold);
        _outOfScopeIndex = info.OutOfScopeLabel is null ? -1 : Array.IndexOf(info.Labels, info.OutOfScopeLabel);
        (_weights, _biases) = ExtractWeights(transformer, featurizer.Dimension, info.Labels.Length, info.FeatureScale);
        _engines = new Lazy<ObjectPool<EngineSlot>>(CreateEnginePool);
    }

    private TextClassifier(TextClassifier source, ModelInfo info)
    {
        _ml = source._ml;
        _transformer = source._transformer;
        _inputSchema = source._inputSchema;
        Featurizer = source.Featurizer;
        Info = info;
        Labels = info.Labels;
        Thresholds = new Thresholds(info.ConfidenceThreshold, info.MarginThreshold);
        _outOfScopeIndex = source._outOfScopeIndex;
        _weights = source._weights;
        _biases = source._biases;
        _engines = new Lazy<ObjectPool<EngineSlot>>(CreateEnginePool);
    }

    public ModelInfo Info { get; }
    public IReadOnlyList<string> Labels { get; }
    public Thresholds Thresholds { get; }
    public string Version => Info.Version;
    internal Featurizer Featurizer { get; }

    public TextClassifier WithInfo(ModelInfo info) => new(this, info);

    public IntentPrediction Predict(string text, int alternatives = 3)
    {
        var classes = Labels.Count;
        float[]? rented = null;
        var probabilities = classes <= StackLimit ? stackalloc float[classes] : (rented = ArrayPool<float>.Shared.Rent(classes));
        try
        {
            var top = Classify(text, probabilities[..classes]);
            var ranked = new IntentScore[Math.Clamp(alternatives, 1, classes)];
            TopK(probabilities[..classes], ranked);
            return new IntentPrediction(top.Intent, top.Confidence, top.Margin, top.IsUnderstood, ranked);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    public TopIntent PredictTop(ReadOnlySpan<char> text)
    {
        var classes = Labels.Count;
        float[]? rented = null;
        var probabilities = classes <= StackLimit ? stackalloc float[classes] : (rented = ArrayPool<float>.Shared.Rent(classes));
        try
        {
            return Classify(text, probabilities[..classes]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    // Fills probabilities (one per label, summing to 1) and applies the thresholds.
    public TopIntent Classify(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        Score(text, probabilities);
        var best = 0;
        var second = -1;
        for (var c = 1; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[best])
            {
                second = best;
                best = c;
            }
            else if (second < 0 || probabilities[c] > probabilities[second])
            {
                second = c;
            }
        }

        var confidence = probabilities[best];
        var margin = confidence - (second < 0 ? 0f : probabilities[second]);
        return new TopIntent(best, Labels[best], confidence, margin, IsUnderstood(best, confidence, margin, Thresholds));
    }

    internal bool IsUnderstood(int label, float confidence, float margin, Thresholds thresholds) =>
        label != _outOfScopeIndex && confidence >= thresholds.Confidence && margin >= thresholds.Margin;

    internal int OutOfScopeIndex => _outOfScopeIndex;

    public void Score(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        var classes = _biases.Length;
        var bound = Featurizer.MaxFeatureCount(text.Length);
        int[]? rentedIndices = null;
        float[]? rentedValues = null;
        var indices = bound <= StackLimit ? stackalloc int[bound] : (rentedIndices = ArrayPool<int>.Shared.Rent(bound));
        var values = bound <= StackLimit ? stackalloc float[bound] : (rentedValues = ArrayPool<float>.Shared.Rent(bound));
        try
        {
            var count = Featurizer.Featurize(text, indices, values);
            var scores = probabilities[..classes];
            _biases.CopyTo(scores);
            for (var i = 0; i < count; i++)
            {
                MultiplyAdd(_weights.AsSpan(indices[i] * classes, classes), values[i], scores);
            }

            Softmax(scores);
        }
        finally
        {
            if (rentedIndices is not null)
            {
                ArrayPool<int>.Shared.Return(rentedIndices);
                ArrayPool<float>.Shared.Return(rentedValues!);
            }
        }
    }

    // The same probabilities through ML.NET's own PredictionEngine, from a pool (an engine is not
    // thread-safe), fed the feature values times the scale the model was trained at. Slower and
    // allocating; used to check the extracted scorer (and its rescaled weights) against ML.NET.
    public float[] ScoreWithPredictionEngine(string text)
    {
        var pool = _engines.Value;
        var slot = pool.Get();
        try
        {
            var count = Featurizer.Featurize(text, slot.Indices, slot.Values);
            for (var i = 0; i < count; i++)
            {
                slot.Values[i] *= Info.FeatureScale;
            }

            slot.Input.Features = new VBuffer<float>(Featurizer.Dimension, count, slot.Values, slot.Indices);
            slot.Engine.Predict(slot.Input, ref slot.Output);
            return slot.Output.Score!.ToArray();
        }
        finally
        {
            pool.Return(slot);
        }
    }

    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Written next to the target and moved over it, so a reader never sees half a model.
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Save(file);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public void Save(Stream stream)
    {
        using var buffer = new MemoryStream();
        _ml.Model.Save(_transformer, _inputSchema, buffer);
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using (var info = archive.CreateEntry(InfoEntry, CompressionLevel.Optimal).Open())
            {
                JsonSerializer.Serialize(info, Info, JsonOptions);
            }

            using var features = archive.CreateEntry(FeaturesEntry, CompressionLevel.Optimal).Open();
            using var writer = new BinaryWriter(features);
            Featurizer.Write(writer);
        }

        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    public static TextClassifier Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CorpusFormatException($"{path}: model file not found");
        }

        using var file = File.OpenRead(path);
        return Load(file, path);
    }

    public static TextClassifier Load(Stream stream, string source = "model")
    {
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        ModelInfo info;
        Featurizer featurizer;
        try
        {
            buffer.Position = 0;
            using (var archive = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true))
            {
                var infoEntry = archive.GetEntry(InfoEntry) ?? throw new CorpusFormatException($"{source}: not a csbot model ({InfoEntry} missing)");
                using (var infoStream = infoEntry.Open())
                {
                    info = JsonSerializer.Deserialize<ModelInfo>(infoStream, JsonOptions)
                        ?? throw new CorpusFormatException($"{source}: {InfoEntry} is empty");
                }

                if (info.Format is < ModelInfo.OldestReadableFormat or > ModelInfo.FormatVersion)
                {
                    throw new CorpusFormatException($"{source}: model format {info.Format} is not supported (expected {ModelInfo.OldestReadableFormat}-{ModelInfo.FormatVersion})");
                }

                if (!(info.FeatureScale > 0) || float.IsInfinity(info.FeatureScale))
                {
                    throw new CorpusFormatException($"{source}: feature scale {info.FeatureScale} is not a positive number");
                }

                var featuresEntry = archive.GetEntry(FeaturesEntry) ?? throw new CorpusFormatException($"{source}: {FeaturesEntry} missing");
                using var featuresStream = featuresEntry.Open();
                using var reader = new BinaryReader(featuresStream);
                featurizer = Featurizer.Read(reader);
            }
        }
        catch (InvalidDataException exception)
        {
            throw new CorpusFormatException($"{source}: not a model zip ({exception.Message})");
        }

        buffer.Position = 0;
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(buffer, out var inputSchema);
        return new TextClassifier(ml, transformer, inputSchema, featurizer, info);
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private static (float[] Weights, float[] Biases) ExtractWeights(ITransformer transformer, int dimension, int classes, float featureScale)
    {
        var parameters = FindParameters(transformer);
        VBuffer<float>[] perClass = [];
        parameters.GetWeights(ref perClass, out var numberOfClasses);
        if (numberOfClasses != classes)
        {
            throw new CorpusFormatException($"the ML.NET model has {numberOfClasses} classes, its metadata {classes} labels");
        }

        var weights = new float[(long)dimension * classes > int.MaxValue ? throw new CorpusFormatException("model too large") : dimension * classes];
        for (var c = 0; c < classes; c++)
        {
            var row = perClass[c];
            var rowValues = row.GetValues();
            if (row.IsDense)
            {
                for (var f = 0; f < rowValues.Length; f++)
                {
                    weights[(f * classes) + c] = rowValues[f] * featureScale;
                }
            }
            else
            {
                var rowIndices = row.GetIndices();
                for (var k = 0; k < rowIndices.Length; k++)
                {
                    weights[(rowIndices[k] * classes) + c] = rowValues[k] * featureScale;
                }
            }
        }

        var biases = parameters.GetBiases().ToArray();
        return (weights, biases);
    }

    private static MaximumEntropyModelParameters FindParameters(ITransformer transformer) => transformer switch
    {
        MulticlassPredictionTransformer<MaximumEntropyModelParameters> prediction => prediction.Model,
        TransformerChain<ITransformer> chain => FindParameters(chain.Last()),
        ISingleFeaturePredictionTransformer<object> { Model: MaximumEntropyModelParameters parameters } => parameters,
        _ => throw new CorpusFormatException($"unexpected ML.NET model type {transformer.GetType().Name}"),
    };

    private static void MultiplyAdd(ReadOnlySpan<float> row, float value, Span<float> scores)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && scores.Length >= Vector<float>.Count)
        {
            var factor = new Vector<float>(value);
            for (; i <= scores.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var sum = new Vector<float>(scores[i..]) + (new Vector<float>(row[i..]) * factor);
                sum.CopyTo(scores[i..]);
            }
        }

        for (; i < scores.Length; i++)
        {
            scores[i] += row[i] * value;
        }
    }

    private static void Softmax(Span<float> scores)
    {
        var max = float.NegativeInfinity;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        var sum = 0f;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = MathF.Exp(scores[i] - max);
            sum += scores[i];
        }

        var scale = 1f / sum;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] *= scale;
        }
    }

    private void TopK(ReadOnlySpan<float> probabilities, IntentScore[] ranked)
    {
        var filled = 0;
        for (var c = 0; c < probabilities.Length; c++)
        {
            var p = probabilities[c];
            int position;
            if (filled < ranked.Length)
            {
                position = filled++;
            }
            else if (p > ranked[^1].Confidence)
            {
                position = ranked.Length - 1;
            }
            else
            {
                continue;
            }

            while (position > 0 && ranked[position - 1].Confidence < p)
            {
                ranked[position] = ranked[position - 1];
                position--;
            }

            ranked[position] = new IntentScore(Labels[c], p);
        }
    }

    private ObjectPool<EngineSlot> CreateEnginePool()
    {
        var schema = FeatureRow.Schema(Featurizer.Dimension, Labels.Count);
        var provider = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 };
        return provider.Create(new EngineSlotPolicy(() => new EngineSlot(
            _ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(_transformer, ignoreMissingColumns: true, inputSchemaDefinition: schema),
            Featurizer.MaxFeatureCount(TextNormalizer.MaxLength))));
    }

    private sealed class EngineSlot(PredictionEngine<FeatureRow, ScoreRow> engine, int capacity)
    {
        public PredictionEngine<FeatureRow, ScoreRow> Engine { get; } = engine;
        public FeatureRow Input { get; } = new();
        public ScoreRow Output = new();
        public int[] Indices { get; } = new int[capacity];
        public float[] Values { get; } = new float[capacity];
    }

    private sealed class EngineSlotPolicy(Func<EngineSlot> create) : IPooledObjectPolicy<EngineSlot>
    {
        public EngineSlot Create() => create();

        public bool Return(EngineSlot obj) => true;
    }
}

internal sealed class FeatureRow
{
    public VBuffer<float> Features { get; set; }

    public uint Label { get; set; }

    // The vector size and the number of classes are known only once the vocabulary is learnt.
    public static SchemaDefinition Schema(int dimension, int classes)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        schema[nameof(Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        return schema;
    }
}

internal sealed class ScoreRow
{
    [ColumnName("Score")]
    public float[]? Score { get; set; }
}
