namespace CustomerServiceBot.Nlu.Entities;

public sealed record GazetteerEntry(string ProductId, string Phrase, GazetteerPhraseKind Kind);
