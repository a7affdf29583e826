namespace CustomerServiceBot.Nlu;

// Stored as csbot/model.json inside the ML.NET model zip: what a model is, where it came from and
// how well it did, readable with any unzip tool.
internal sealed record ModelInfo
{
    public const int FormatVersion = 1;

    public int Format { get; init; } = FormatVersion;
    public required string Version { get; init; }
    public required DateTime CreatedUtc { get; init; }
    public required string CorpusSha256 { get; init; }
    public required string[] Labels { get; init; }
    public string? OutOfScopeLabel { get; init; }
    public required float ConfidenceThreshold { get; init; }
    public required float MarginThreshold { get; init; }
    // "validation", "cross-validation (k folds)" or "default".
    public required string ThresholdsChosenOn { get; init; }
    public required string Trainer { get; init; }
    public required float L2 { get; init; }
    public required FeatureSettings Features { get; init; }
    public required int TrainExamples { get; init; }
    public required double TrainSeconds { get; init; }
    public Dictionary<string, double> Metrics { get; init; } = [];
}
