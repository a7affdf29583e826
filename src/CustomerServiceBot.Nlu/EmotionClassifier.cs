namespace CustomerServiceBot.Nlu;

// Escalate = hand the conversation to a human now. Trigger says why: the keyword that matched
// ("12315", "差评", "chargeback") or "angry" when the model is confident the buyer is angry.
public sealed record EmotionPrediction(string Emotion, float Confidence, bool Escalate, string? Trigger);

// neutral / positive / anxious / angry from a TextClassifier, plus an escalation signal. The rule
// part is a phrase list: cheap, explainable to a merchant, and it catches threats the model has
// never seen ("我去12315") however calmly they are written.
internal sealed class EmotionClassifier(TextClassifier model, float strongAngerConfidence = 0.7f)
{
    public const string Angry = "angry";
    public const string AngryTrigger = "angry";

    // Matched case-insensitively on the raw text (digits matter here: 12315 is the consumer hotline).
    // Both Chinese scripts are listed; "工商局" not "工商" (工商银行 is a payment method).
    internal static readonly string[] EscalationPhrases =
    [
        "投诉", "投訴", "差评", "差評", "12315", "12345", "消协", "消協", "消费者协会", "消費者協會", "工商局", "市场监管", "市場監管",
        "曝光", "报警", "報警", "律师", "律師", "起诉", "起訴", "法院", "维权", "維權", "找媒体", "找媒體", "黑猫投诉",
        "chargeback", "charge back", "dispute", "report you", "reporting you", "bad review", "negative review", "1 star", "one star",
        "lawyer", "attorney", "sue you", "legal action", "trading standards", "better business bureau", "bbb", "police", "file a complaint", "formal complaint",
    ];

    public TextClassifier Model { get; } = model;

    // Emotions have no out-of-scope class and no "not understood": thresholds stay at 0.
    public static TrainerOptions DefaultOptions => new() { CrossValidationFolds = 0, DefaultThresholds = new Thresholds(0, 0) };

    public static EmotionClassifier Train(IReadOnlyList<TrainingExample> examples, TrainerOptions? options = null, Action<string>? log = null) =>
        new(new TextClassifierTrainer(options ?? DefaultOptions, log).Train(examples));

    public EmotionPrediction Predict(ReadOnlySpan<char> text)
    {
        var top = Model.PredictTop(text);
        var trigger = FindEscalationPhrase(text);
        if (trigger is null && top.Intent == Angry && top.Confidence >= strongAngerConfidence)
        {
            trigger = AngryTrigger;
        }

        return new EmotionPrediction(top.Intent, top.Confidence, trigger is not null, trigger);
    }

    internal static string? FindEscalationPhrase(ReadOnlySpan<char> text)
    {
        foreach (var phrase in EscalationPhrases)
        {
            var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            // Latin phrases must stand as words ("bbb" inside "abbbey" is not the bureau) and numbers
            // as numbers (12315 inside an order number is not the hotline).
            if (at >= 0 && IsWhole(text, at, phrase))
            {
                return phrase;
            }
        }

        return null;
    }

    private static bool IsWhole(ReadOnlySpan<char> text, int start, string phrase)
    {
        var letters = char.IsAsciiLetter(phrase[0]);
        if (!letters && !char.IsAsciiDigit(phrase[0]))
        {
            return true;
        }

        var end = start + phrase.Length;
        return (start == 0 || !SameKind(text[start - 1], letters)) && (end == text.Length || !SameKind(text[end], letters));
    }

    private static bool SameKind(char c, bool letters) => letters ? char.IsAsciiLetter(c) : char.IsAsciiDigit(c);
}
