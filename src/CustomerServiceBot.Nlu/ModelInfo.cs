namespace CustomerServiceBot.Nlu;

// Stored as csbot/model.json inside the ML.NET model zip: what a model is, where it came from and
// how well it did, readable with any unzip tool.
internal sealed record ModelInfo
{
    // 2 added FeatureScale and MaximumIterations. A format-1 file has neither, and its scale is 1; a
    // build that knows only format 1 must refuse a format-2 file rather than serve its weights unscaled.
    public const int FormatVersion = 2;
    public const int OldestReadableFormat = 1;

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
    // The ML.NET model inside the zip was trained on feature values times this (and expects them so);
    // the extracted weights are multiplied by it, so serving uses the featurizer's values as they are.
    // L2 above is the regularisation of those served weights (ML.NET's was L2 times its square).
    public float FeatureScale { get; init; } = 1;
    // The trainer's iteration limit; null = its own default (SDCA) or not recorded (format 1).
    public int? MaximumIterations { get; init; }
    public required FeatureSettings Features { get; init; }
    public required int TrainExamples { get; init; }
    public required double TrainSeconds { get; init; }
    public Dictionary<string, double> Metrics { get; init; } = [];
}
