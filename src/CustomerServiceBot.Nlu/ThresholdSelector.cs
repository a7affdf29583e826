namespace CustomerServiceBot.Nlu;

// What a decision costs, relative to a silent wrong answer (= 1): answering an out-of-scope message
// or answering an in-scope one with the wrong intent. Asking back ("not understood") on a message
// the model had right costs ClarifyCost. OutOfScopeShare is the share of real traffic assumed to be
// out of scope — held-out sets rarely have the real mix (CLINC150 validation: 3%, test: 18%), so the
// two groups are weighted by this prior instead of by their counts.
internal sealed record ThresholdObjective
{
    public double ClarifyCost { get; init; } = 0.5;
    public double OutOfScopeShare { get; init; } = 0.1;
}

internal readonly record struct ThresholdChoice(Thresholds Thresholds, double Cost, double InScopeAccuracy, double OutOfScopeRecall);

internal static class ThresholdSelector
{
    private const int ConfidenceSteps = 100; // 0.00 … 0.99
    private const int MarginSteps = 51; // 0.00 … 0.50

    public static ThresholdChoice Choose(IReadOnlyList<TextClassifierTrainer.ScoredExample> scored, int outOfScopeIndex, ThresholdObjective objective)
    {
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
        if (outOfScope == 0)
        {
            cost = inScopeCost;
            recall = double.NaN;
        }
        else
        {
            recall = (double)outRejected / outOfScope;
            cost = ((1 - objective.OutOfScopeShare) * inScopeCost) + (objective.OutOfScopeShare * (1 - recall));
        }

        return new ThresholdChoice(thresholds, cost, inScope == 0 ? double.NaN : (double)inCorrect / inScope, recall);
    }
}
