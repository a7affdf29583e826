namespace CustomerServiceBot.Nlu;

// Which n-grams become features. Char n-grams carry Chinese (no word boundaries) and misspelt
// English; word n-grams carry English phrasing. Chosen by evaluation, see docs/nlu.md.
internal sealed record FeatureSettings
{
    public int CharNgramMin { get; init; } = 1;
    public int CharNgramMax { get; init; } = 4;
    public int WordNgramMax { get; init; } = 2;

    // An n-gram seen in fewer training examples than this is dropped: it cannot generalise and
    // it makes the model bigger.
    public int MinDocumentFrequency { get; init; } = 2;
    public int MaxFeatures { get; init; } = 200_000;

    // An n-gram in more than this share of the training examples is dropped too: it says next to
    // nothing about the label (its idf is near 1), yet it is in almost every example, and the
    // trainer's cost grows with the features per example times the labels (decision 0004).
    public double MaxDocumentShare { get; init; } = 1.0;

    public void Validate()
    {
        if (CharNgramMin < 1 || CharNgramMax < CharNgramMin || CharNgramMax > 8)
        {
            throw new ArgumentException($"char n-gram range {CharNgramMin}-{CharNgramMax} is not 1 <= min <= max <= 8");
        }

        if (WordNgramMax is < 0 or > 3)
        {
            throw new ArgumentException($"word n-gram length {WordNgramMax} is not between 0 and 3");
        }

        if (MinDocumentFrequency < 1 || MaxFeatures < 1)
        {
            throw new ArgumentException("min document frequency and max features must be positive");
        }

        if (MaxDocumentShare is <= 0 or > 1)
        {
            throw new ArgumentException($"max document share {MaxDocumentShare} is not in (0, 1]");
        }
    }
}
