using System.Diagnostics;

namespace CustomerServiceBot.Nlu;

internal sealed record LabelMetrics(string Label, int Support, double Precision, double Recall, double F1);

internal sealed record Confusion(string Expected, string Predicted, int Count);

// Where other threshold objectives would have put the same model: thresholds chosen on the same
// held-out set, figures on the test set. Shows the in-scope / out-of-scope trade-off of a model.
internal sealed record OperatingPoint(double OutOfScopeShare, double ClarifyCost, double Threshold, double Margin, double InScopeAccuracy, double? OutOfScopeRecall);

internal sealed record EvaluationReport
{
    public required int Intents { get; init; }
    public required int TrainExamples { get; init; }
    public required int TestExamples { get; init; }
    public string? OutOfScopeLabel { get; init; }
    // In-scope rows whose intent was right and accepted (a "not understood" counts as wrong).
    public required double InScopeAccuracy { get; init; }
    // In-scope rows answered with a wrong intent: the silent mistakes a buyer notices most. The rest
    // of the in-scope rows, 1 - accuracy - this, got a clarifying question.
    public required double InScopeWrongAnswers { get; init; }
    // Out-of-scope rows that were predicted as the oos label or fell under the thresholds.
    public double? OutOfScopeRecall { get; init; }
    // Top-1 accuracy over all rows before thresholds (oos as a class): what the classifier alone does.
    public required double RawAccuracy { get; init; }
    public required double RawInScopeAccuracy { get; init; }
    public required double MacroF1 { get; init; }
    public required double ExpectedCalibrationError { get; init; }
    public required double Threshold { get; init; }
    public required double Margin { get; init; }
    public required string ThresholdsChosenOn { get; init; }
    public required double TrainSeconds { get; init; }
    public required double PredictionsPerSecond { get; init; }
    public required double MedianMicroseconds { get; init; }
    public required long ModelBytes { get; init; }
    public required int Features { get; init; }
    public required string Trainer { get; init; }
    public required IReadOnlyList<LabelMetrics> PerIntent { get; init; }
    public required IReadOnlyList<Confusion> TopConfusions { get; init; }
    public IReadOnlyList<OperatingPoint>? OperatingPoints { get; init; }
}

internal static class Evaluation
{
    public const string NotUnderstood = "(not understood)";

    public static EvaluationReport Evaluate(TextClassifier model, IReadOnlyList<TrainingExample> test, int trainExamples, double trainSeconds, long modelBytes)
    {
        var scored = TextClassifierTrainer.ScoreAll(model, test);
        var oos = model.OutOfScopeIndex;
        var labels = model.Labels;
        string Decided(TextClassifierTrainer.ScoredExample s) =>
            model.IsUnderstood(s.Predicted, s.Confidence, s.Margin, model.Thresholds) ? labels[s.Predicted] : oos >= 0 ? labels[oos] : NotUnderstood;

        int inScope = 0, inCorrect = 0, inWrong = 0, outOfScope = 0, outRejected = 0, rawCorrect = 0, rawInScopeCorrect = 0;
        var decisions = new string[test.Count];
        for (var i = 0; i < test.Count; i++)
        {
            var s = scored[i];
            decisions[i] = Decided(s);
            rawCorrect += s.Predicted == s.Truth ? 1 : 0;
            var isOutOfScope = oos >= 0 && s.Truth == oos;
            if (isOutOfScope)
            {
                outOfScope++;
                outRejected += model.IsUnderstood(s.Predicted, s.Confidence, s.Margin, model.Thresholds) ? 0 : 1;
            }
            else
            {
                inScope++;
                inCorrect += decisions[i] == test[i].Label ? 1 : 0;
                inWrong += decisions[i] != test[i].Label && model.IsUnderstood(s.Predicted, s.Confidence, s.Margin, model.Thresholds) ? 1 : 0;
                rawInScopeCorrect += s.Predicted == s.Truth ? 1 : 0;
            }
        }

        var perLabel = test.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(label =>
            {
                int truePositive = 0, predicted = 0, support = 0;
                for (var i = 0; i < test.Count; i++)
                {
                    var isTruth = test[i].Label == label;
                    var isPredicted = decisions[i] == label;
                    support += isTruth ? 1 : 0;
                    predicted += isPredicted ? 1 : 0;
                    truePositive += isTruth && isPredicted ? 1 : 0;
                }

                var precision = predicted == 0 ? 0 : (double)truePositive / predicted;
                var recall = support == 0 ? 0 : (double)truePositive / support;
                var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                return new LabelMetrics(label, support, precision, recall, f1);
            })
            .ToArray();

        var confusions = Enumerable.Range(0, test.Count)
            .Where(i => decisions[i] != test[i].Label)
            .GroupBy(i => (test[i].Label, decisions[i]))
            .Select(g => new Confusion(g.Key.Label, g.Key.Item2, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Expected, StringComparer.Ordinal).ThenBy(c => c.Predicted, StringComparer.Ordinal)
            .Take(20)
            .ToArray();

        var (perSecond, median) = MeasureSpeed(model, test);
        return new EvaluationReport
        {
            Intents = labels.Count,
            TrainExamples = trainExamples,
            TestExamples = test.Count,
            OutOfScopeLabel = oos >= 0 ? labels[oos] : null,
            InScopeAccuracy = inScope == 0 ? 0 : (double)inCorrect / inScope,
            InScopeWrongAnswers = inScope == 0 ? 0 : (double)inWrong / inScope,
            OutOfScopeRecall = outOfScope == 0 ? null : (double)outRejected / outOfScope,
            RawAccuracy = (double)rawCorrect / test.Count,
            RawInScopeAccuracy = inScope == 0 ? 0 : (double)rawInScopeCorrect / inScope,
            MacroF1 = perLabel.Average(m => m.F1),
            ExpectedCalibrationError = ExpectedCalibrationError(scored),
            Threshold = model.Thresholds.Confidence,
            Margin = model.Thresholds.Margin,
            ThresholdsChosenOn = model.Info.ThresholdsChosenOn,
            TrainSeconds = trainSeconds,
            PredictionsPerSecond = perSecond,
            MedianMicroseconds = median,
            ModelBytes = modelBytes,
            Features = model.Featurizer.Dimension,
            Trainer = model.Info.Trainer,
            PerIntent = perLabel,
            TopConfusions = confusions,
        };
    }

    public static IReadOnlyList<OperatingPoint> OperatingPoints(TextClassifier model, IReadOnlyList<TrainingExample> heldOut, IReadOnlyList<TrainingExample> test)
    {
        var scoredHeldOut = TextClassifierTrainer.ScoreAll(model, heldOut);
        var scoredTest = TextClassifierTrainer.ScoreAll(model, test);
        var points = new List<OperatingPoint>();
        // Null share = the held-out set's own (the default objective's rule).
        foreach (var (share, clarify) in new (double?, double)[] { (0.5, 1.0), (0.2, 0.5), (0.1, 0.5), (0.1, 1.0), (null, 0.5), (null, 0.75), (null, 1.0) })
        {
            var objective = new ThresholdObjective { OutOfScopeShare = share, ClarifyCost = clarify };
            var chosen = ThresholdSelector.Choose(scoredHeldOut, model.OutOfScopeIndex, objective);
            var onTest = ThresholdSelector.Evaluate(scoredTest, model.OutOfScopeIndex, chosen.Thresholds, objective);
            points.Add(new OperatingPoint(chosen.OutOfScopeShare, clarify, chosen.Thresholds.Confidence, chosen.Thresholds.Margin, onTest.InScopeAccuracy,
                double.IsNaN(onTest.OutOfScopeRecall) ? null : onTest.OutOfScopeRecall));
        }

        return points;
    }

    // 10 equal-width bins of top-1 confidence; the gap between confidence and accuracy, weighted by
    // the share of rows in each bin. 0 = perfectly calibrated.
    public static double ExpectedCalibrationError(IReadOnlyList<TextClassifierTrainer.ScoredExample> scored)
    {
        const int bins = 10;
        var count = new int[bins];
        var confidence = new double[bins];
        var correct = new int[bins];
        foreach (var s in scored)
        {
            var bin = Math.Min((int)(s.Confidence * bins), bins - 1);
            count[bin]++;
            confidence[bin] += s.Confidence;
            correct[bin] += s.Predicted == s.Truth ? 1 : 0;
        }

        var error = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                error += (double)count[b] / scored.Count * Math.Abs((confidence[b] / count[b]) - ((double)correct[b] / count[b]));
            }
        }

        return error;
    }

    // Single thread, after a warm-up, through the same Predict call a web request makes.
    private static (double PerSecond, double MedianMicroseconds) MeasureSpeed(TextClassifier model, IReadOnlyList<TrainingExample> test)
    {
        foreach (var example in test.Take(500))
        {
            model.Predict(example.Text);
        }

        var samples = new List<double>(test.Count);
        var total = Stopwatch.StartNew();
        var predictions = 0;
        do
        {
            foreach (var example in test)
            {
                var start = Stopwatch.GetTimestamp();
                model.Predict(example.Text);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                predictions++;
            }
        }
        while (total.Elapsed.TotalSeconds < 1);

        samples.Sort();
        return (predictions / total.Elapsed.TotalSeconds, samples[samples.Count / 2]);
    }
}
