namespace CustomerServiceBot.Nlu.Entities;

// Folding maps one UTF-16 unit to one unit, so an index into the folded copy is also an index into the
// original text; scanners read the folded copy and entities report spans of the original.
// Deliberately small: the classifier's text normaliser does more, and the two can be merged later.
internal static class EntityText
{
    public static void Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = Fold(source[i]);
        }
    }

    public static char Fold(char c)
    {
        if (c < 0x80)
        {
            // Control characters only ever separate tokens.
            return c is < ' ' or '\x7F' ? ' ' : c;
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return (char)(c - 0xFEE0);
        }

        return c switch
        {
            '\u3000' or '\u00A0' => ' ',
            '\uFFE5' => '¥',
            '\u00D7' => 'x',
            '\u201C' or '\u201D' or '\u2033' => '"',
            '\u2018' or '\u2019' or '\u2032' => '\'',
            _ => c,
        };
    }

    // The gazetteer also ignores case; ToLowerInvariant on one UTF-16 unit is still one unit.
    public static char FoldForMatch(char c)
    {
        var folded = Fold(c);
        if (folded < 0x80)
        {
            return folded is >= 'A' and <= 'Z' ? (char)(folded | 0x20) : folded;
        }

        return char.ToLowerInvariant(folded);
    }

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsAlnum(char c) => IsDigit(c) || IsLetter(c);

    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    public static int SkipSpaces(ReadOnlySpan<char> s, int pos)
    {
        while (pos < s.Length && s[pos] == ' ')
        {
            pos++;
        }

        return pos;
    }

    // Buyers separate a label from its value in many ways: "单号：123", "身高是170", "order # 1001".
    public static int TrimLabelSeparators(ReadOnlySpan<char> s, int end)
    {
        while (end > 0 && s[end - 1] is ' ' or ':' or '#' or '是' or '为' or '=' or '-')
        {
            end--;
        }

        return end;
    }

    // Length of the word at pos, or 0. Words that start or end with an ASCII letter must not be glued to
    // further letters, so "red" does not match inside "reduce".
    public static int WordAt(ReadOnlySpan<char> s, int pos, string word)
    {
        if (pos < 0 || pos + word.Length > s.Length
            || !s.Slice(pos, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (IsLetter(word[0]) && pos > 0 && IsLetter(s[pos - 1]))
        {
            return 0;
        }

        var end = pos + word.Length;
        if (IsLetter(word[^1]) && end < s.Length && IsLetter(s[end]))
        {
            return 0;
        }

        return word.Length;
    }

    public static int WordAtAny(ReadOnlySpan<char> s, int pos, string[] words)
    {
        foreach (var word in words)
        {
            var length = WordAt(s, pos, word);
            if (length > 0)
            {
                return length;
            }
        }

        return 0;
    }

    // True when one of the words ends at end (after label separators are trimmed); start is where it begins.
    public static bool EndsWithAny(ReadOnlySpan<char> s, int end, string[] words, out int start)
    {
        end = TrimLabelSeparators(s, end);
        foreach (var word in words)
        {
            var candidate = end - word.Length;
            if (candidate >= 0 && WordAt(s, candidate, word) > 0)
            {
                start = candidate;
                return true;
            }
        }

        start = -1;
        return false;
    }
}
