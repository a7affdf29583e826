using System.Buffers;

namespace CustomerServiceBot.Nlu.Entities;

// Phone numbers are personal data and never reach the logs whole: keep the first 3 and last 4 digits
// ("138****5678") so support can still tell numbers apart. Never throws: it runs inside logging.
public static class PersonalDataMasking
{
    private const int StackLimit = 256;

    public static string MaskPhone(string phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return string.Empty;
        }

        var digitCount = 0;
        foreach (var c in phone)
        {
            digitCount += EntityText.IsDigit(EntityText.Fold(c)) ? 1 : 0;
        }

        // A +86 / 0086 country code is not part of the number being protected.
        var skip = digitCount switch
        {
            13 when StartsWithDigits(phone, "86") => 2,
            15 when StartsWithDigits(phone, "0086") => 4,
            _ => 0,
        };
        var significant = digitCount - skip;
        if (significant < 8)
        {
            return new string('*', phone.Length);
        }

        return string.Create(phone.Length, (phone, skip, significant), static (span, state) =>
        {
            var (source, skipDigits, total) = state;
            var index = -skipDigits;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (EntityText.IsDigit(EntityText.Fold(c)))
                {
                    span[i] = index >= 3 && index < total - 4 ? '*' : c;
                    index++;
                }
                else
                {
                    span[i] = c;
                }
            }
        });
    }

    // Masks every mainland mobile number in free text, keeping its formatting ("+86 138-****-5678").
    public static string MaskPhonesIn(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        char[]? rented = null;
        var folded = text.Length <= StackLimit
            ? stackalloc char[text.Length]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length)).AsSpan(0, text.Length);
        try
        {
            EntityText.Fold(text, folded);
            char[]? result = null;
            var i = 0;
            while (i < folded.Length)
            {
                var startsNumber = EntityText.IsDigit(folded[i]) && (i == 0 || !EntityText.IsAlnum(folded[i - 1]));
                if (startsNumber && IdentifierScanner.TryMatchPhone(folded, i, out _, out var end))
                {
                    result ??= text.ToCharArray();
                    var index = 0;
                    for (var k = i; k < end; k++)
                    {
                        if (EntityText.IsDigit(folded[k]))
                        {
                            if (index is >= 3 and < 7)
                            {
                                result[k] = '*';
                            }

                            index++;
                        }
                    }

                    i = end;
                    continue;
                }

                i++;
            }

            return result is null ? text : new string(result);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool StartsWithDigits(string phone, string prefix)
    {
        var matched = 0;
        foreach (var c in phone)
        {
            var folded = EntityText.Fold(c);
            if (!EntityText.IsDigit(folded))
            {
                continue;
            }

            if (folded != prefix[matched])
            {
                return false;
            }

            if (++matched == prefix.Length)
            {
                return true;
            }
        }

        return false;
    }
}
