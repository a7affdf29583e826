namespace CustomerServiceBot.Nlu.Entities;

public enum GazetteerPhraseKind
{
    Name,
    Alias,
    SkuCode,
}
