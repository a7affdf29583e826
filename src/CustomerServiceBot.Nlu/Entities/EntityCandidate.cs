namespace CustomerServiceBot.Nlu.Entities;

// What a scanner proposes. Values stay numeric until a candidate survives overlap resolution, so the
// losers cost no strings. Number/Aux by kind: Amount = minor units/Currency, Height = cm,
// Weight = tenths of a kg, Quantity = count, DateTime = local ticks/1 when a time of day is known.
internal readonly record struct EntityCandidate(
    EntityKind Kind,
    int Start,
    int Length,
    CandidateTier Tier,
    long Number = 0,
    int Aux = 0,
    string? Value = null)
{
    public int End => Start + Length;
}

// Lower wins an overlap before length is considered: a labelled order number beats a phone-shaped run,
// identifiers beat catalogue phrases, and a catalogue phrase beats the colour or size words inside it.
internal enum CandidateTier
{
    LabelledIdentifier,
    Identifier,
    Product,
    Other,
}

internal enum Currency
{
    None,
    Cny,
    Usd,
    Eur,
    Gbp,
}
