using System.Globalization;
using System.Text;

namespace CustomerServiceBot.Api.Knowledge.View;

// Features that work without a word segmenter: Chinese is split into characters and character
// bigrams, Latin text into lower-case words. Full-width forms fold to half-width (NFKC).
internal static class TextFeatures
{
    public static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Trim();

    // Letters, digits and CJK only: "那件 红裙子！" → "那件红裙子".
    public static string Compact(string text)
    {
        var normalized = Normalize(text);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff';

    // Terms for retrieval: CJK unigrams ("u:" prefix) and bigrams, Latin/digit words. Duplicates kept (term frequency).
    public static List<string> Terms(string text)
    {
        var normalized = Normalize(text);
        var terms = new List<string>(normalized.Length * 2);
        var word = new StringBuilder();
        char previousCjk = '\0';
        foreach (var c in normalized)
        {
            if (IsCjk(c))
            {
                FlushWord(word, terms);
                if (!ChineseStopCharacters.Contains(c))
                {
                    terms.Add(c.ToString(CultureInfo.InvariantCulture));
                }

                if (previousCjk != '\0')
                {
                    terms.Add(string.Concat(previousCjk, c));
                }

                previousCjk = c;
            }
            else if (char.IsLetterOrDigit(c))
            {
                previousCjk = '\0';
                word.Append(c);
            }
            else
            {
                previousCjk = '\0';
                FlushWord(word, terms);
            }
        }

        FlushWord(word, terms);
        return terms;
    }

    private static void FlushWord(StringBuilder word, List<string> terms)
    {
        if (word.Length == 0)
        {
            return;
        }

        var value = word.ToString();
        word.Clear();
        if (!EnglishStopWords.Contains(value))
        {
            terms.Add(value.Length > 3 && value.EndsWith('s') && !value.EndsWith("ss", StringComparison.Ordinal) ? value[..^1] : value);
        }
    }

    // Particles and pronouns carry no topic on their own; in bigrams ("包邮吗" → "邮吗") they still count.
    private static readonly HashSet<char> ChineseStopCharacters = [.. "的了吗呢吧啊呀么嘛哦是我你他她它们这那个在和就也都还要会能可以怎什亲"];

    private static readonly HashSet<string> EnglishStopWords =
    [
        "a", "an", "the", "is", "are", "do", "does", "i", "you", "it", "to", "of", "my", "me", "can", "for", "this", "that",
        "be", "will", "what", "how", "there", "any", "or", "and", "in", "on", "your", "we", "if", "have", "has",
    ];
}
