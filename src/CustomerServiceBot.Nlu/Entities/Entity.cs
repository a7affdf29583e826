namespace CustomerServiceBot.Nlu.Entities;

// Start/Length index the original text (not a normalised copy), so callers can highlight or mask the span.
// Value is normalised per kind; the conventions are listed on EntityExtractor.
public sealed record Entity(EntityKind Kind, int Start, int Length, string Text, string Value);
