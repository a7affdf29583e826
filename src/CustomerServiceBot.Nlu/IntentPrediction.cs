namespace CustomerServiceBot.Nlu;

public readonly record struct IntentScore(string Intent, float Confidence);

// Intent is the top-ranked label even when IsUnderstood is false, so that logs and the handoff
// screen can show what the model would have guessed. Alternatives are ranked best first and start
// with the top label itself.
public sealed record IntentPrediction(
    string Intent,
    float Confidence,
    float Margin,
    bool IsUnderstood,
    IReadOnlyList<IntentScore> Alternatives);

// The allocation-free result for hot paths: the label string comes from the model's label table.
public readonly record struct TopIntent(int Index, string Intent, float Confidence, float Margin, bool IsUnderstood);

// Below Confidence (top-1 probability) or Margin (top-1 minus top-2) the message is "not
// understood" and the dialogue layer asks back or hands off instead of guessing.
public readonly record struct Thresholds(float Confidence, float Margin);
