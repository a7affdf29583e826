namespace CustomerServiceBot.Nlu.Entities;

internal readonly record struct NumberToken(
    int Start,
    int End,
    decimal Value,
    int Digits,
    bool IsChinese,
    bool HasFraction,
    bool HasMultiplier,
    bool StartsWithUnit)
{
    public bool IsInteger => !HasFraction;

    public long IntValue => (long)Value;
}

// Reads one number: ASCII digits with an optional fraction and Chinese multiplier ("1.5万", "1千5"),
// or a run of Chinese numerals ("一百三十", "两万五", "七五").
internal static class NumberReader
{
    private const long Ceiling = 1_000_000_000_000;
    private const int MaxChineseRun = 16;

    public static bool IsChineseNumeral(char c) => ChineseDigit(c) >= 0 || ChineseUnit(c) > 0;

    public static int ChineseDigit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    public static int ChineseUnit(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10000,
        _ => 0,
    };

    public static bool TryRead(ReadOnlySpan<char> s, int pos, out NumberToken token)
    {
        if (pos < s.Length && EntityText.IsDigit(s[pos]))
        {
            return TryReadAscii(s, pos, out token);
        }

        if (pos < s.Length && IsChineseNumeral(s[pos]))
        {
            return TryReadChinese(s, pos, out token);
        }

        token = default;
        return false;
    }

    private static bool TryReadAscii(ReadOnlySpan<char> s, int pos, out NumberToken token)
    {
        var i = pos;
        long whole = 0;
        var digits = 0;
        while (i < s.Length && EntityText.IsDigit(s[i]))
        {
            if (digits < 18)
            {
                whole = (whole * 10) + (s[i] - '0');
            }

            digits++;
            i++;
        }

        decimal value = whole;
        var fraction = false;
        if (digits <= 12 && i + 1 < s.Length && s[i] == '.' && EntityText.IsDigit(s[i + 1]))
        {
            fraction = true;
            i++;
            var scale = 0.1m;
            var fractionDigits = 0;
            while (i < s.Length && EntityText.IsDigit(s[i]))
            {
                if (fractionDigits++ < 6)
                {
                    value += (s[i] - '0') * scale;
                    scale /= 10;
                }

                i++;
            }
        }

        var multiplied = false;
        if (digits <= 6 && i < s.Length && ChineseUnit(s[i]) >= 100 && !IsKilogram(s, i))
        {
            var unit = ChineseUnit(s[i]);
            value *= unit;
            multiplied = true;
            i++;

            // "1千5" is 1500 and "1万5" 15000, the way buyers say it.
            if (!fraction && i < s.Length)
            {
                var tail = EntityText.IsDigit(s[i]) ? s[i] - '0' : ChineseDigit(s[i]);
                var next = i + 1 < s.Length ? s[i + 1] : ' ';
                if (tail > 0 && !EntityText.IsDigit(next) && !IsChineseNumeral(next))
                {
                    value += tail * (unit / 10);
                    i++;
                }
            }
        }

        token = new NumberToken(pos, i, value, digits, IsChinese: false, fraction, multiplied, StartsWithUnit: false);
        return true;
    }

    private static bool TryReadChinese(ReadOnlySpan<char> s, int pos, out NumberToken token)
    {
        var end = pos;
        while (end < s.Length && end - pos < MaxChineseRun && IsChineseNumeral(s[end]))
        {
            end++;
        }

        if (end - pos > 1 && IsKilogram(s, end - 1))
        {
            end--;
        }

        var run = s[pos..end];
        var hasUnit = run.ContainsAny("十百千万");
        long value = 0;
        if (!hasUnit)
        {
            // A plain digit run: "二零二五" is a year, "七五" the 75 in "一米七五".
            foreach (var c in run)
            {
                value = (value * 10) + ChineseDigit(c);
            }
        }
        else if (!TryParseWithUnits(run, out value))
        {
            token = default;
            return false;
        }

        token = new NumberToken(
            pos, end, value, run.Length, IsChinese: true, HasFraction: false,
            HasMultiplier: hasUnit && ContainsLargeUnit(run), StartsWithUnit: ChineseUnit(run[0]) > 0);
        return true;
    }

    // The 千 of "千克" (kg) is a unit of weight, not a thousand.
    private static bool IsKilogram(ReadOnlySpan<char> s, int pos) =>
        s[pos] == '千' && pos + 1 < s.Length && s[pos + 1] == '克';

    private static bool ContainsLargeUnit(ReadOnlySpan<char> run)
    {
        foreach (var c in run)
        {
            if (ChineseUnit(c) >= 100)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseWithUnits(ReadOnlySpan<char> run, out long value)
    {
        long total = 0;
        long section = 0;
        var digit = -1;
        var lastUnit = 0;
        var zeroSinceUnit = false;
        var previousWasUnit = false;
        var digitFollowsUnit = false;
        foreach (var c in run)
        {
            var d = ChineseDigit(c);
            if (d == 0)
            {
                zeroSinceUnit = true;
                digit = -1;
                previousWasUnit = false;
                continue;
            }

            if (d > 0)
            {
                digitFollowsUnit = previousWasUnit;
                digit = d;
                previousWasUnit = false;
                continue;
            }

            var unit = ChineseUnit(c);
            if (unit == 10000)
            {
                section += digit > 0 ? digit : 0;
                total += (section == 0 ? 1 : section) * 10000;
                section = 0;
            }
            else
            {
                section += (digit > 0 ? digit : 1) * unit;
            }

            digit = -1;
            lastUnit = unit;
            zeroSinceUnit = false;
            previousWasUnit = true;
            if (total > Ceiling || section > Ceiling)
            {
                value = 0;
                return false;
            }
        }

        if (digit > 0)
        {
            // "一千五" is 1500 and "两万五" 25000; "一百零五" is 105.
            var colloquial = !zeroSinceUnit && lastUnit >= 100 && digitFollowsUnit;
            section += colloquial ? digit * (lastUnit / 10) : digit;
        }

        value = total + section;
        return true;
    }
}
