namespace CustomerServiceBot.Nlu;

// One entry point for "a file of labelled examples", whatever its format.
internal static class TrainingData
{
    public static IReadOnlyList<TrainingExample> Load(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".yml" or ".yaml"
            ? RasaNlu.Read(path).Examples
            : TsvCorpus.Read(path);

    // Training needs every label at least twice: once is not a pattern, and cross-validation
    // could not hold one out.
    public static void EnsureTrainable(IReadOnlyList<TrainingExample> examples, string source)
    {
        var counts = examples.GroupBy(e => e.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (counts.Count < 2)
        {
            throw new CorpusFormatException($"{source}: training needs at least 2 labels, found {counts.Count}");
        }

        var single = counts.Where(pair => pair.Value < 2).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray();
        if (single.Length > 0)
        {
            throw new CorpusFormatException(
                $"{source}: label '{single[0]}' has only one example (every label needs at least 2){(single.Length > 1 ? $"; {single.Length - 1} more such labels" : "")}");
        }
    }
}
