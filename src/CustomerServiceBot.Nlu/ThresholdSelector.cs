namespace CustomerServiceBot.Nlu;

// What a decision costs, relative to a silent wrong answer (= 1): answering an out-of-scope message
// or answering an in-scope one with the wrong intent. Asking back ("not understood") on an in-scope
// message costs ClarifyCost. OutOfScopeShare weighs the two groups: the share of traffic that is out
// of scope. Null = the share in the held-out set the thresholds are chosen on, which is the only
// sample of the traffic there is (decision 0004); a number = a prior that overrides it.
internal sealed record ThresholdObjective
{
    public double ClarifyCost { get; init; } = 1;
    public double? OutOfScopeShare { get; init; }
}

internal readonly record struct ThresholdChoice(Thresholds Thresholds, double Cost, double InScopeAccuracy, double OutOfScopeRecall, double OutOfScopeShare);

internal static class ThresholdSelector
{
    private const int ConfidenceSteps = 100; // 0.00 … 0.99
    private const int MarginSteps = 51; // 0.00 … 0.50

    public static ThresholdChoice Choose(IReadOnlyList<TextClassifierTrainer.ScoredExample> scored, int outOfScopeIndex, ThresholdObjective objective)
    {
        // Resolved once, so that every candidate is weighed with the same share.
        objective = objective with { OutOfScopeShare = OutOfScopeShare(scored, outOfScopeIndex, objective) };
        ThresholdChoice? best = null;
        for (var m = 0; m < MarginSteps; m++)
        {
            for (var t = 0; t < ConfidenceSteps; t++)
            {
                var candidate = Evaluate(scored, outOfScopeIndex, new Thresholds(t / 100f, m / 100f), objective);
                // Strictly better only: among equals the lowest thresholds win, which reject least.
                if (best is null || candidate.Cost < best.Value.Cost - 1e-12)
                {
                    best = candidate;
                }
            }
        }

        return best!.Value;
    }

    public static ThresholdChoice Evaluate(IReadOnlyList<TextClassifierTrainer.ScoredExample> scored, int outOfScopeIndex, Thresholds thresholds, ThresholdObjective objective)
    {
        int inScope = 0, inCorrect = 0, inRejected = 0, inWrong = 0, outOfScope = 0, outRejected = 0;
        foreach (var example in scored)
        {
            var accepted = example.Predicted != outOfScopeIndex && example.Confidence >= thresholds.Confidence && example.Margin >= thresholds.Margin;
            if (outOfScopeIndex >= 0 && example.Truth == outOfScopeIndex)
            {
                outOfScope++;
                outRejected += accepted ? 0 : 1;
            }
            else
            {
                inScope++;
                if (!accepted)
                {
                    inRejected++;
                }
                else if (example.Predicted == example.Truth)
                {
                    inCorrect++;
                }
                else
                {
                    inWrong++;
                }
            }
        }

        var inScopeCost = inScope == 0 ? 0 : ((objective.ClarifyCost * inRejected) + inWrong) / inScope;
        double cost;
        double recall;
        var share = objective.OutOfScopeShare ?? (scored.Count == 0 ? 0 : (double)outOfScope / scored.Count);
        if (outOfScope == 0)
        {
            cost = inScopeCost;
            recall = double.NaN;
        }
        else
        {
            recall = (double)outRejected / outOfScope;
            cost = ((1 - share) * inScopeCost) + (share * (1 - recall));
        }

        return new ThresholdChoice(thresholds, cost, inScope == 0 ? double.NaN : (double)inCorrect / inScope, recall, outOfScope == 0 ? 0 : share);
    }

    // The out-of-scope share the objective weighs with: its own prior, else the held-out set's.
    public static double OutOfScopeShare(IReadOnlyList<TextClassifierTrainer.ScoredExample> scored, int outOfScopeIndex, ThresholdObjective objective) =>
        objective.OutOfScopeShare ?? (outOfScopeIndex < 0 || scored.Count == 0 ? 0 : (double)scored.Count(s => s.Truth == outOfScopeIndex) / scored.Count);
}
