namespace CustomerServiceBot.Nlu.Entities;

public sealed record GazetteerMatch(string ProductId, int Start, int Length, GazetteerPhraseKind Kind);
