using static CustomerServiceBot.Nlu.Entities.EntityText;

namespace CustomerServiceBot.Nlu.Entities;

// Phone numbers and order/tracking numbers: runs of digits told apart by length and labels.
internal static class IdentifierScanner
{
    private const int MinUnlabelledOrderDigits = 12;
    private const int MaxOrderLength = 30;
    private const int MinLabelledOrderDigits = 4;

    // Longest first: "订单号" must win over "订单" so the code after it is found.
    private static readonly string[] OrderLabels =
    [
        "快递单号", "物流单号", "订单编号", "订单号", "运单号", "单号", "订单",
        "tracking number", "tracking no.", "tracking no", "tracking #", "tracking",
        "order number", "order no.", "order no", "order id", "order #", "order",
    ];

    public static void Scan(ReadOnlySpan<char> s, List<EntityCandidate> output)
    {
        ScanLabelledCodes(s, output);
        var i = 0;
        while (i < s.Length)
        {
            if (!IsDigit(s[i]) || (i > 0 && IsAlnum(s[i - 1])))
            {
                i++;
                continue;
            }

            if (TryMatchPhone(s, i, out var phoneStart, out var phoneEnd))
            {
                output.Add(new EntityCandidate(EntityKind.Phone, phoneStart, phoneEnd - phoneStart, CandidateTier.Identifier));
                i = phoneEnd;
                continue;
            }

            var end = i;
            while (end < s.Length && IsDigit(s[end]))
            {
                end++;
            }

            var digits = end - i;
            if (digits is >= MinUnlabelledOrderDigits and <= MaxOrderLength && (end == s.Length || !IsLetter(s[end])))
            {
                output.Add(new EntityCandidate(EntityKind.OrderNumber, i, digits, CandidateTier.Identifier));
            }

            i = end;
        }
    }

    // A mainland mobile: 1[3-9] and nine more digits, optionally as 3-4-4 groups split by one space or
    // dash, optionally after +86. Anything glued to further digits is an order number, not a phone.
    public static bool TryMatchPhone(ReadOnlySpan<char> s, int pos, out int start, out int end)
    {
        start = pos;
        end = pos;
        if (pos + 1 >= s.Length || s[pos] != '1' || s[pos + 1] is < '3' or > '9')
        {
            return false;
        }

        var i = pos;
        var count = 0;
        var separator = '\0';
        while (i < s.Length && count < 11)
        {
            if (IsDigit(s[i]))
            {
                count++;
                i++;
                continue;
            }

            var groupBoundary = count is 3 or 7;
            if (groupBoundary && s[i] is ' ' or '-' && (separator == '\0' || separator == s[i])
                && i + 1 < s.Length && IsDigit(s[i + 1]))
            {
                separator = s[i];
                i++;
                continue;
            }

            break;
        }

        if (count != 11 || (i < s.Length && IsAlnum(s[i])))
        {
            return false;
        }

        end = i;
        start = PhonePrefixStart(s, pos);
        return true;
    }

    private static int PhonePrefixStart(ReadOnlySpan<char> s, int pos)
    {
        var i = pos;
        if (i > 0 && s[i - 1] is ' ' or '-')
        {
            i--;
        }

        if (i >= 3 && s[i - 3] == '+' && s[i - 2] == '8' && s[i - 1] == '6')
        {
            return i - 3;
        }

        return pos;
    }

    private static void ScanLabelledCodes(ReadOnlySpan<char> s, List<EntityCandidate> output)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is not ('订' or '单' or '快' or '物' or '运' or 'o' or 'O' or 't' or 'T'))
            {
                i++;
                continue;
            }

            var labelLength = WordAtAny(s, i, OrderLabels);
            if (labelLength == 0)
            {
                i++;
                continue;
            }

            var codeStart = i + labelLength;
            while (codeStart < s.Length && s[codeStart] is ' ' or ':' or '#' or '是' or '为' or '=')
            {
                codeStart++;
            }

            var codeEnd = codeStart;
            var digits = 0;
            while (codeEnd < s.Length && codeEnd - codeStart < MaxOrderLength + 1 && (IsAlnum(s[codeEnd]) || s[codeEnd] == '-'))
            {
                digits += IsDigit(s[codeEnd]) ? 1 : 0;
                codeEnd++;
            }

            while (codeEnd > codeStart && s[codeEnd - 1] == '-')
            {
                codeEnd--;
            }

            var length = codeEnd - codeStart;
            var wholeCode = codeEnd == s.Length || !IsAlnum(s[codeEnd]);
            if (digits >= MinLabelledOrderDigits && length <= MaxOrderLength && wholeCode && IsDigit(s[codeEnd - 1]))
            {
                output.Add(new EntityCandidate(EntityKind.OrderNumber, codeStart, length, CandidateTier.LabelledIdentifier));
                i = codeEnd;
                continue;
            }

            i += labelLength;
        }
    }

    // The value of an order number is its code without separators, upper-cased.
    public static string NormaliseCode(ReadOnlySpan<char> folded)
    {
        Span<char> buffer = stackalloc char[folded.Length];
        var length = 0;
        foreach (var c in folded)
        {
            if (IsAlnum(c))
            {
                buffer[length++] = char.ToUpperInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    public static string PhoneDigits(ReadOnlySpan<char> folded)
    {
        Span<char> buffer = stackalloc char[11];
        var length = 0;
        for (var i = folded.Length - 1; i >= 0 && length < 11; i--)
        {
            if (IsDigit(folded[i]))
            {
                buffer[10 - length++] = folded[i];
            }
        }

        return new string(buffer[(11 - length)..]);
    }
}
