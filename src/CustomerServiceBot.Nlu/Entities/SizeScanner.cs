using static CustomerServiceBot.Nlu.Entities.EntityText;

namespace CustomerServiceBot.Nlu.Entities;

// Letter sizes (S…5XL), one-size phrases and Chinese height/chest sizes ("160/84A"). Numeric sizes
// ("39码", "EU 42", "W30") are numbers and live in NumberScanner.
internal static class SizeScanner
{
    public const string OneSize = "ONE_SIZE";

    private static readonly string[] OneSizePhrases = ["均码", "均号", "free size", "freesize", "one size", "onesize"];

    public static void Scan(ReadOnlySpan<char> s, List<EntityCandidate> output)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '均' or 'f' or 'F' or 'o' or 'O' && (i == 0 || !IsLetter(s[i - 1])))
            {
                var length = WordAtAny(s, i, OneSizePhrases);
                if (length > 0)
                {
                    output.Add(new EntityCandidate(EntityKind.Size, i, length, CandidateTier.Other, Value: OneSize));
                    i += length;
                    continue;
                }
            }

            if (!IsAlnum(c) || (i > 0 && IsAlnum(s[i - 1])))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < s.Length && IsAlnum(s[end]))
            {
                end++;
            }

            if (IsDigit(c) && end - i == 3 && TryChineseSize(s, i, output, out var sizeEnd))
            {
                i = sizeEnd;
                continue;
            }

            if (TryLetterSize(s, i, end, out var value, out var spanEnd))
            {
                output.Add(new EntityCandidate(EntityKind.Size, i, spanEnd - i, CandidateTier.Other, Value: value));
                i = spanEnd;
                continue;
            }

            i = end;
        }
    }

    // Convention: S, M, L, XS, XL, then a count for two or more X: XXL → "2XL", XXXS → "3XS".
    private static bool TryLetterSize(ReadOnlySpan<char> s, int start, int end, out string value, out int spanEnd)
    {
        value = "";
        spanEnd = end;
        var token = s[start..end];
        var sizeWordFollows = end < s.Length && s[end] is '码' or '号';
        if (sizeWordFollows)
        {
            spanEnd = end + 1;
        }

        if (token.Length == 1)
        {
            // A lone letter is a size only where it cannot be a word: "M", "L码", "size m"; never the m of "I'm".
            var letter = token[0];
            if (start > 0 && s[start - 1] == '\'')
            {
                return false;
            }

            var upper = char.ToUpperInvariant(letter);
            var confident = sizeWordFollows || char.IsUpper(letter) || FollowsSizeWord(s, start);
            if (upper == 'F' && sizeWordFollows)
            {
                value = OneSize;
                return true;
            }

            value = upper switch { 'S' => "S", 'M' => "M", 'L' => "L", _ => "" };
            return confident && value.Length > 0;
        }

        var xCount = 0;
        var i = 0;
        if (IsDigit(token[0]) && token.Length == 3 && token[0] is >= '2' and <= '5')
        {
            xCount = token[0] - '0';
            i = 1;
            if ((token[1] | 0x20) != 'x')
            {
                return false;
            }

            i = 2;
        }
        else
        {
            while (i < token.Length && (token[i] | 0x20) == 'x')
            {
                xCount++;
                i++;
            }
        }

        if (i != token.Length - 1 || xCount is < 1 or > 5)
        {
            return false;
        }

        var last = (char)(token[i] | 0x20);
        if (last is not ('l' or 's'))
        {
            return false;
        }

        value = (xCount, last) switch
        {
            (1, 'l') => "XL",
            (1, 's') => "XS",
            (2, 'l') => "2XL",
            (2, 's') => "2XS",
            (3, 'l') => "3XL",
            (3, 's') => "3XS",
            (4, 'l') => "4XL",
            (4, 's') => "4XS",
            (5, 'l') => "5XL",
            _ => "5XS",
        };
        return true;
    }

    private static bool FollowsSizeWord(ReadOnlySpan<char> s, int start) =>
        EndsWithAny(s, start, SizeWords, out _);

    private static readonly string[] SizeWords = ["size", "尺码", "码数", "穿"];

    // "160/84A": height / chest (or waist) in cm plus a body-shape letter, as printed on Chinese labels.
    private static bool TryChineseSize(ReadOnlySpan<char> s, int start, List<EntityCandidate> output, out int end)
    {
        end = start + 3;
        if (end + 2 >= s.Length || s[end] != '/' || !IsDigit(s[end + 1]) || !IsDigit(s[end + 2]))
        {
            return false;
        }

        var i = end + 1;
        while (i < s.Length && IsDigit(s[i]) && i - end <= 3)
        {
            i++;
        }

        var digits = i - end - 1;
        if (digits is < 2 or > 3 || (i < s.Length && IsDigit(s[i])))
        {
            return false;
        }

        if (i < s.Length && IsLetter(s[i]))
        {
            if (i + 1 < s.Length && IsAlnum(s[i + 1]))
            {
                return false;
            }

            i++;
        }

        var height = ((s[start] - '0') * 100) + ((s[start + 1] - '0') * 10) + (s[start + 2] - '0');
        if (height is < 80 or > 200)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[i - start];
        s[start..i].CopyTo(buffer);
        buffer[^1] = char.ToUpperInvariant(buffer[^1]);
        output.Add(new EntityCandidate(EntityKind.Size, start, i - start, CandidateTier.Other, Value: new string(buffer)));
        end = i;
        return true;
    }
}
