using System.Buffers;
using System.Globalization;

namespace CustomerServiceBot.Nlu.Entities;

// Finds entities in one buyer message. Thread-safe and cheap to share: it holds only the clock and an
// immutable gazetteer. Value conventions:
// - OrderNumber: the code, upper-cased, without separators ("123456789012345678", "SF1234567890123").
// - Phone: the 11 mobile digits, without +86 or separators ("13812345678").
// - Amount: minor units, with the currency when known ("CNY:9900", "USD:2000", or "2000").
// - Size: S, M, L, XS, XL, 2XL…5XL (XXL → 2XL), "ONE_SIZE", shoe/numeric sizes as the number ("39",
//   "39.5"), US/UK shoe sizes prefixed ("US9"), waist "W30", Chinese label sizes "160/84A".
// - Colour: the canonical Chinese shade with 色 ("红色", "酒红色", "藏青色").
// - Height: whole centimetres ("170"). Weight: kilograms with at most one decimal ("65", "62.5").
// - Quantity: the count ("2"). Product: the ProductId from the gazetteer (several, comma-separated, for a phrase
//   several products share).
// - DateTime: "yyyy-MM-dd", or "yyyy-MM-ddTHH:mm:ss+08:00" when a time of day is known, in the time zone
//   passed in (default Asia/Shanghai); see DateTimeScanner for how relative words resolve.
// Overlaps: labelled order numbers, then phones and order numbers, then products, then the longest span;
// at equal length Amount > DateTime > Height > Weight > Size > Quantity > Colour.
public sealed class EntityExtractor
{
    private const int StackLimit = 512;

    private static readonly TimeZoneInfo DefaultTimeZone = FindChinaTimeZone();

    [ThreadStatic]
    private static List<EntityCandidate>? t_candidates;

    private readonly TimeProvider _clock;
    private readonly IProductGazetteer? _gazetteer;

    public EntityExtractor(TimeProvider clock, IProductGazetteer? gazetteer = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _gazetteer = gazetteer;
    }

    public IReadOnlyList<Entity> Extract(string text, TimeZoneInfo? timeZone = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var zone = timeZone ?? DefaultTimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), zone).DateTime);
        var candidates = t_candidates ??= new List<EntityCandidate>(16);
        candidates.Clear();

        char[]? rentedText = null;
        byte[]? rentedClaims = null;
        var folded = text.Length <= StackLimit
            ? stackalloc char[text.Length]
            : (rentedText = ArrayPool<char>.Shared.Rent(text.Length)).AsSpan(0, text.Length);
        var claimed = text.Length <= StackLimit
            ? stackalloc byte[text.Length]
            : (rentedClaims = ArrayPool<byte>.Shared.Rent(text.Length)).AsSpan(0, text.Length);
        try
        {
            EntityText.Fold(text, folded);
            IdentifierScanner.Scan(folded, candidates);
            NumberScanner.Scan(folded, candidates);
            SizeScanner.Scan(folded, candidates);
            ColourScanner.Scan(folded, candidates);
            DateTimeScanner.Scan(folded, today, candidates);
            AddProducts(text, candidates);
            if (candidates.Count == 0)
            {
                return [];
            }

            claimed.Clear();
            return Resolve(text, folded, claimed, candidates, zone);
        }
        finally
        {
            candidates.Clear();
            if (rentedText is not null)
            {
                ArrayPool<char>.Shared.Return(rentedText);
            }

            if (rentedClaims is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedClaims);
            }
        }
    }

    private void AddProducts(string text, List<EntityCandidate> candidates)
    {
        if (_gazetteer is null)
        {
            return;
        }

        foreach (var match in _gazetteer.Match(text))
        {
            // Another implementation might be careless with bounds; a bad span is dropped, not thrown.
            if (match.Length > 0 && match.Start >= 0 && match.Start <= text.Length - match.Length)
            {
                candidates.Add(new EntityCandidate(EntityKind.Product, match.Start, match.Length, CandidateTier.Product, Value: match.ProductId));
            }
        }
    }

    private static Entity[] Resolve(string text, ReadOnlySpan<char> folded, Span<byte> claimed, List<EntityCandidate> candidates, TimeZoneInfo zone)
    {
        candidates.Sort(static (a, b) =>
        {
            var order = a.Tier.CompareTo(b.Tier);
            if (order == 0)
            {
                order = b.Length.CompareTo(a.Length);
            }

            if (order == 0)
            {
                order = Rank(a.Kind).CompareTo(Rank(b.Kind));
            }

            return order != 0 ? order : a.Start.CompareTo(b.Start);
        });

        var accepted = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var span = claimed.Slice(candidate.Start, candidate.Length);
            if (span.ContainsAnyExcept((byte)0))
            {
                continue;
            }

            span.Fill(1);
            candidates[accepted++] = candidate;
        }

        candidates.RemoveRange(accepted, candidates.Count - accepted);
        candidates.Sort(static (a, b) => a.Start.CompareTo(b.Start));

        var entities = new Entity[accepted];
        for (var i = 0; i < accepted; i++)
        {
            var c = candidates[i];
            entities[i] = new Entity(c.Kind, c.Start, c.Length, text.Substring(c.Start, c.Length), FormatValue(c, folded, zone));
        }

        return entities;
    }

    private static int Rank(EntityKind kind) => kind switch
    {
        EntityKind.Amount => 0,
        EntityKind.DateTime => 1,
        EntityKind.Height => 2,
        EntityKind.Weight => 3,
        EntityKind.Size => 4,
        EntityKind.Quantity => 5,
        EntityKind.Colour => 6,
        _ => 7,
    };

    private static string FormatValue(EntityCandidate c, ReadOnlySpan<char> folded, TimeZoneInfo zone)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (c.Kind)
        {
            case EntityKind.Phone:
                return IdentifierScanner.PhoneDigits(folded.Slice(c.Start, c.Length));
            case EntityKind.OrderNumber:
                return IdentifierScanner.NormaliseCode(folded.Slice(c.Start, c.Length));
            case EntityKind.Amount:
                var prefix = (Currency)c.Aux switch
                {
                    Currency.Cny => "CNY:",
                    Currency.Usd => "USD:",
                    Currency.Eur => "EUR:",
                    Currency.Gbp => "GBP:",
                    _ => "",
                };
                return prefix + c.Number.ToString(invariant);
            case EntityKind.Height or EntityKind.Quantity:
                return c.Number.ToString(invariant);
            case EntityKind.Weight:
                return c.Number % 10 == 0
                    ? (c.Number / 10).ToString(invariant)
                    : (c.Number / 10m).ToString("0.0", invariant);
            case EntityKind.DateTime:
                var local = new DateTime(c.Number, DateTimeKind.Unspecified);
                if (c.Aux == 0)
                {
                    return local.ToString("yyyy-MM-dd", invariant);
                }

                var offset = zone.IsInvalidTime(local) ? zone.BaseUtcOffset : zone.GetUtcOffset(local);
                return new DateTimeOffset(local, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", invariant);
            default:
                return c.Value ?? "";
        }
    }

    // Asia/Shanghai has had no DST since 1991; a fixed +08:00 zone stands in where tzdata is missing.
    private static TimeZoneInfo FindChinaTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
}
