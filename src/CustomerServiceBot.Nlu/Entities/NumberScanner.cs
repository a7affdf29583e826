using System.Globalization;
using static CustomerServiceBot.Nlu.Entities.EntityText;

namespace CustomerServiceBot.Nlu.Entities;

// Amounts, heights, weights, quantities and numeric sizes. Each number is classified once, by the unit
// after it first ("99元", "170cm", "130斤", "2件", "39码"), then by a prefix ("¥99", "x2", "EU 42"),
// then by a label before it ("身高170", "满300减30"). A number with none of these is not an entity.
internal static class NumberScanner
{
    private const decimal MaxAmount = 1_000_000_000m;
    private const decimal KilogramsPerPound = 0.45359237m;
    private const decimal CentimetresPerInch = 2.54m;

    private enum UnitKind
    {
        None,
        Blocker,
        AmountCny,
        AmountUsd,
        AmountJiao,
        HeightCm,
        Metre,
        Foot,
        WeightKg,
        WeightJin,
        WeightLb,
        ShoeMa,
        Count,
        FreeShipping,
    }

    private readonly record struct Unit(string Word, UnitKind Kind);

    // Longest first where words share a prefix ("块钱" before "块", "lbs" before "lb").
    private static readonly Unit[] Units =
    [
        new("块钱", UnitKind.AmountCny), new("块", UnitKind.AmountCny), new("元", UnitKind.AmountCny),
        new("圆", UnitKind.AmountCny), new("人民币", UnitKind.AmountCny), new("rmb", UnitKind.AmountCny),
        new("yuan", UnitKind.AmountCny), new("cny", UnitKind.AmountCny),
        new("美元", UnitKind.AmountUsd), new("美金", UnitKind.AmountUsd), new("dollars", UnitKind.AmountUsd),
        new("dollar", UnitKind.AmountUsd), new("bucks", UnitKind.AmountUsd), new("usd", UnitKind.AmountUsd),
        new("毛钱", UnitKind.AmountJiao), new("毛", UnitKind.AmountJiao), new("角", UnitKind.AmountJiao),
        new("厘米", UnitKind.HeightCm), new("公分", UnitKind.HeightCm), new("cm", UnitKind.HeightCm),
        new("米", UnitKind.Metre), new("m", UnitKind.Metre),
        new("'", UnitKind.Foot), new("ft", UnitKind.Foot), new("feet", UnitKind.Foot), new("foot", UnitKind.Foot),
        new("公斤", UnitKind.WeightKg), new("千克", UnitKind.WeightKg), new("kgs", UnitKind.WeightKg), new("kg", UnitKind.WeightKg),
        new("斤", UnitKind.WeightJin),
        new("磅", UnitKind.WeightLb), new("lbs", UnitKind.WeightLb), new("lb", UnitKind.WeightLb),
        new("pounds", UnitKind.WeightLb), new("pound", UnitKind.WeightLb),
        new("码", UnitKind.ShoeMa),
        new("件", UnitKind.Count), new("个", UnitKind.Count), new("双", UnitKind.Count), new("条", UnitKind.Count),
        new("套", UnitKind.Count), new("盒", UnitKind.Count), new("瓶", UnitKind.Count), new("包", UnitKind.Count),
        new("只", UnitKind.Count), new("台", UnitKind.Count), new("份", UnitKind.Count), new("支", UnitKind.Count),
        new("袋", UnitKind.Count), new("箱", UnitKind.Count), new("罐", UnitKind.Count), new("本", UnitKind.Count),
        new("张", UnitKind.Count), new("副", UnitKind.Count), new("把", UnitKind.Count), new("对", UnitKind.Count),
        new("枚", UnitKind.Count), new("片", UnitKind.Count), new("顶", UnitKind.Count),
        new("pcs", UnitKind.Count), new("pc", UnitKind.Count), new("pieces", UnitKind.Count), new("piece", UnitKind.Count),
        new("pairs", UnitKind.Count), new("pair", UnitKind.Count), new("items", UnitKind.Count), new("item", UnitKind.Count),
        new("units", UnitKind.Count), new("sets", UnitKind.Count), new("packs", UnitKind.Count), new("pack", UnitKind.Count),
        new("boxes", UnitKind.Count), new("bottles", UnitKind.Count),
        // Time, ratios and ordinals: a number before these is no amount even after "便宜" or "满".
        new("小时", UnitKind.Blocker), new("月", UnitKind.Blocker), new("年", UnitKind.Blocker),
        new("天", UnitKind.Blocker), new("日", UnitKind.Blocker), new("号", UnitKind.Blocker),
        new("点", UnitKind.Blocker), new("分", UnitKind.Blocker), new("秒", UnitKind.Blocker),
        new("周", UnitKind.Blocker), new("岁", UnitKind.Blocker), new("次", UnitKind.Blocker),
        new("折", UnitKind.Blocker), new("%", UnitKind.Blocker), new("度", UnitKind.Blocker),
        new("楼", UnitKind.Blocker), new("层", UnitKind.Blocker), new("人", UnitKind.Blocker),
        new("位", UnitKind.Blocker), new("倍", UnitKind.Blocker), new(":", UnitKind.Blocker),
    ];

    private static readonly string[] HeightLabels = ["身高", "个子", "height"];
    private static readonly string[] ShortHeightLabels = ["高"];
    private static readonly string[] ChineseWeightLabels = ["体重", "重"];
    private static readonly string[] EnglishWeightLabels = ["weight", "weigh", "weighs"];
    private static readonly string[] SizeLabels = ["尺码", "码数", "鞋码", "size", "穿"];
    private static readonly string[] WaistLabels = ["腰围"];
    private static readonly string[] EuLabels = ["eu"];
    private static readonly string[] ChineseAmountLabels =
    [
        "立减", "减", "满", "便宜", "优惠", "价格", "价钱", "原价", "现价", "售价", "运费", "邮费",
        "差价", "预算", "定金", "订金", "尾款", "退款", "返现",
    ];
    private static readonly string[] EnglishAmountLabels = ["price", "budget", "refund", "cost"];
    private static readonly string[] CountLabels = ["数量", "qty", "quantity"];
    private static readonly string[] BuyLabels = ["买", "拍", "要"];
    private static readonly string[] DurationAfterGe = ["月", "小时", "工作日", "星期", "礼拜", "钟头", "多月"];
    private const string PurchaseVerbs = "买要拍来换退发补再多各";
    private static readonly string[] FurnitureAfterMetres = ["床", "的床", "宽", "长"];
    private static readonly string[] InchWords = ["inches", "inch", "in", "\"", "''"];

    public static void Scan(ReadOnlySpan<char> s, List<EntityCandidate> output)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (!IsDigit(c) && !NumberReader.IsChineseNumeral(c))
            {
                i++;
                continue;
            }

            if (IsDigit(c) && i > 0 && IsLetter(s[i - 1]))
            {
                i = ScanLetterPrefixed(s, i, output);
                continue;
            }

            if (!NumberReader.TryRead(s, i, out var number))
            {
                i++;
                continue;
            }

            // Long digit runs are phones and order numbers, not quantities of anything.
            if (!number.IsChinese && number.Digits >= 10)
            {
                i = number.End;
                continue;
            }

            i = Math.Max(number.End, Classify(s, number, output));
        }

        ScanEnglishCounts(s, output);
    }

    private static int Classify(ReadOnlySpan<char> s, NumberToken n, List<EntityCandidate> output)
    {
        var value = n.Value;
        var unitStart = SkipSpaces(s, n.End);
        var (kind, unitLength) = MatchUnit(s, unitStart);
        var unitEnd = unitStart + unitLength;
        var currencyPrefix = CurrencyPrefix(s, n.Start, out var prefixStart);

        if (currencyPrefix != Currency.None && kind is not (UnitKind.AmountCny or UnitKind.AmountUsd))
        {
            AddAmount(output, prefixStart, n.End, value, currencyPrefix);
            return n.End;
        }

        var start = currencyPrefix != Currency.None ? prefixStart : n.Start;
        switch (kind)
        {
            case UnitKind.AmountCny or UnitKind.AmountUsd:
            {
                var minor = ToMinor(value);
                var end = unitEnd;
                if (kind == UnitKind.AmountCny && n.IsInteger && s[unitStart] is '块' or '元'
                    && TryReadJiaoTail(s, unitEnd, out var tailFen, out var tailEnd))
                {
                    minor += tailFen;
                    end = tailEnd;
                }

                AddAmount(output, start, end, minor / 100m, kind == UnitKind.AmountUsd ? Currency.Usd : Currency.Cny);
                return end;
            }

            case UnitKind.AmountJiao:
                AddAmount(output, start, unitEnd, value / 10, Currency.Cny);
                return unitEnd;
            case UnitKind.HeightCm when value is >= 50 and <= 250 && !IsBodyMeasurement(s, n.Start):
                AddHeight(output, start, unitEnd, value);
                return unitEnd;
            case UnitKind.Metre:
                return ClassifyMetres(s, n, unitEnd, output);
            case UnitKind.Foot:
                return ClassifyFeet(s, n, unitEnd, output);
            case UnitKind.WeightKg when value is >= 2 and <= 300:
                AddWeight(output, start, unitEnd, value);
                return unitEnd;
            case UnitKind.WeightJin when value is >= 4 and <= 600:
                AddWeight(output, start, unitEnd, value / 2);
                return unitEnd;
            case UnitKind.WeightLb when value is >= 5 and <= 700:
                AddWeight(output, start, unitEnd, value * KilogramsPerPound);
                return unitEnd;
            case UnitKind.ShoeMa when value is >= 20 and <= 50 && IsWholeOrHalf(value):
                output.Add(new EntityCandidate(EntityKind.Size, start, unitEnd - start, CandidateTier.Other,
                    Value: FormatDecimal(value)));
                return unitEnd;
            case UnitKind.Count when n.IsInteger && value is >= 1 and <= 99_999 && !IsOrdinal(s, n.Start)
                && !IsIndefiniteArticle(s, n, unitStart):
                var countStart = IsTimesPrefix(s, n.Start) ? n.Start - 1 : start;
                output.Add(new EntityCandidate(EntityKind.Quantity, countStart, unitEnd - countStart, CandidateTier.Other, n.IntValue));
                return unitEnd;
            case UnitKind.FreeShipping:
                AddAmount(output, start, n.End, value, Currency.Cny);
                return n.End;
            case UnitKind.None:
                ClassifyWithoutUnit(s, n, output);
                return n.End;
            default:
                return unitLength > 0 ? unitEnd : n.End;
        }
    }

    private static void ClassifyWithoutUnit(ReadOnlySpan<char> s, NumberToken n, List<EntityCandidate> output)
    {
        // "2XL", "3k", "5G": a number glued to letters is part of a code.
        if (n.End < s.Length && IsLetter(s[n.End]))
        {
            return;
        }

        var value = n.Value;
        if (IsTimesPrefix(s, n.Start))
        {
            if (n.IsInteger && value is >= 1 and <= 999)
            {
                output.Add(new EntityCandidate(EntityKind.Quantity, n.Start - 1, n.End - n.Start + 1, CandidateTier.Other, n.IntValue));
            }

            return;
        }

        if (EndsWithAny(s, n.Start, HeightLabels, out _))
        {
            if (n.IsInteger && value is >= 50 and <= 230)
            {
                AddHeight(output, n.Start, n.End, value);
            }
            else if (value is >= 1.0m and <= 2.5m)
            {
                AddHeight(output, n.Start, n.End, value * 100);
            }

            return;
        }

        if (EndsWithAny(s, n.Start, ChineseWeightLabels, out _) && value is >= 20 and <= 400)
        {
            // Chinese buyers give weight in 斤 more often than in kg; 100 or more without a unit is 斤.
            AddWeight(output, n.Start, n.End, value >= 100 ? value / 2 : value);
            return;
        }

        if (EndsWithAny(s, n.Start, EnglishWeightLabels, out _) && value is >= 20 and <= 700)
        {
            AddWeight(output, n.Start, n.End, value >= 100 ? value * KilogramsPerPound : value);
            return;
        }

        if (EndsWithAny(s, n.Start, ShortHeightLabels, out _) && n.IsInteger && value is >= 140 and <= 210)
        {
            AddHeight(output, n.Start, n.End, value);
            return;
        }

        if (EndsWithAny(s, n.Start, WaistLabels, out _))
        {
            if (n.IsInteger && value is >= 20 and <= 45)
            {
                output.Add(new EntityCandidate(EntityKind.Size, n.Start, n.End - n.Start, CandidateTier.Other,
                    Value: "W" + n.IntValue.ToString(CultureInfo.InvariantCulture)));
            }

            return;
        }

        if (EndsWithAny(s, n.Start, EuLabels, out var euStart) && value is >= 15 and <= 50 && IsWholeOrHalf(value))
        {
            output.Add(new EntityCandidate(EntityKind.Size, euStart, n.End - euStart, CandidateTier.Other, Value: FormatDecimal(value)));
            return;
        }

        if (TryUsUkLabel(s, n.Start, out var labelStart, out var scale) && value is >= 1 and <= 16 && IsWholeOrHalf(value))
        {
            output.Add(new EntityCandidate(EntityKind.Size, labelStart, n.End - labelStart, CandidateTier.Other, Value: scale + FormatDecimal(value)));
            return;
        }

        if (EndsWithAny(s, n.Start, SizeLabels, out _))
        {
            if (value is >= 1 and <= 50 && IsWholeOrHalf(value))
            {
                output.Add(new EntityCandidate(EntityKind.Size, n.Start, n.End - n.Start, CandidateTier.Other, Value: FormatDecimal(value)));
            }

            return;
        }

        if (EndsWithAny(s, n.Start, ChineseAmountLabels, out _))
        {
            AddAmount(output, n.Start, n.End, value, Currency.Cny);
            return;
        }

        if (EndsWithAny(s, n.Start, EnglishAmountLabels, out _))
        {
            AddAmount(output, n.Start, n.End, value, Currency.None);
            return;
        }

        if (n.IsInteger && (EndsWithAny(s, n.Start, CountLabels, out _) && value is >= 1 and <= 9999
            || EndsWithAny(s, n.Start, BuyLabels, out _) && value is >= 1 and <= 99))
        {
            output.Add(new EntityCandidate(EntityKind.Quantity, n.Start, n.End - n.Start, CandidateTier.Other, n.IntValue));
            return;
        }

        // "两百", "一千五", "1千5": a round sum with no unit is, in a shop, money.
        if (n.HasMultiplier && n.IsInteger && (!n.StartsWithUnit || s[n.Start] == '十'))
        {
            AddAmount(output, n.Start, n.End, value, Currency.Cny);
            return;
        }

        // "170 130斤": a bare body height right before a weight.
        if (!n.IsChinese && n.IsInteger && value is >= 140 and <= 200 && IsFollowedByWeight(s, n.End))
        {
            AddHeight(output, n.Start, n.End, value);
        }
    }

    private static int ClassifyMetres(ReadOnlySpan<char> s, NumberToken n, int unitEnd, List<EntityCandidate> output)
    {
        // "1米7", "一米七五", "1米75": metres then centimetres without a unit.
        if (n.IsInteger && n.Value is 1 or 2 && unitEnd < s.Length && NumberReader.TryRead(s, unitEnd, out var tail)
            && tail.IsInteger && !tail.HasMultiplier && tail.Value is >= 0 and < 100 && tail.Digits <= 2
            && (tail.End == s.Length || !IsDigit(s[tail.End])))
        {
            var centimetres = tail.Digits == 1 ? tail.Value * 10 : tail.Value;
            AddHeight(output, n.Start, tail.End, (n.Value * 100) + centimetres);
            return tail.End;
        }

        // A bare "2米" is as likely a cable as a buyer; only decimals like "1.75m" are heights, and
        // "1.5米的床" is a bed.
        if (n.HasFraction && n.Value is >= 1.0m and <= 2.5m && !StartsWithAny(s, unitEnd, FurnitureAfterMetres))
        {
            AddHeight(output, n.Start, unitEnd, n.Value * 100);
            return unitEnd;
        }

        return unitEnd;
    }

    private static int ClassifyFeet(ReadOnlySpan<char> s, NumberToken n, int unitEnd, List<EntityCandidate> output)
    {
        if (!n.IsInteger || n.Value is < 4 or > 7)
        {
            return unitEnd;
        }

        var inches = 0m;
        var end = unitEnd;
        var inchStart = SkipSpaces(s, unitEnd);
        if (inchStart < s.Length && IsDigit(s[inchStart]) && NumberReader.TryRead(s, inchStart, out var inchToken)
            && inchToken.Value < 12 && !inchToken.HasMultiplier)
        {
            inches = inchToken.Value;
            end = inchToken.End;
            var wordStart = SkipSpaces(s, end);
            var wordLength = WordAtAny(s, wordStart, InchWords);
            if (wordLength > 0)
            {
                end = wordStart + wordLength;
            }
        }

        AddHeight(output, n.Start, end, ((n.Value * 12) + inches) * CentimetresPerInch);
        return end;
    }

    private static int ScanLetterPrefixed(ReadOnlySpan<char> s, int digitStart, List<EntityCandidate> output)
    {
        var letterStart = digitStart - 1;
        while (letterStart > 0 && IsLetter(s[letterStart - 1]))
        {
            letterStart--;
        }

        var end = digitStart;
        while (end < s.Length && IsAlnum(s[end]))
        {
            end++;
        }

        if (letterStart > 0 && IsAlnum(s[letterStart - 1]))
        {
            return end;
        }

        if (!NumberReader.TryRead(s, digitStart, out var n) || n.IsChinese || n.HasMultiplier
            || (n.End < s.Length && IsAlnum(s[n.End])))
        {
            return end;
        }

        var prefix = s[letterStart..digitStart];
        var length = n.End - letterStart;
        var value = n.Value;
        if (prefix is "x" or "X" && n.IsInteger && value is >= 1 and <= 999)
        {
            output.Add(new EntityCandidate(EntityKind.Quantity, letterStart, length, CandidateTier.Other, n.IntValue));
        }
        else if (prefix.Equals("eu", StringComparison.OrdinalIgnoreCase) && value is >= 15 and <= 50 && IsWholeOrHalf(value))
        {
            output.Add(new EntityCandidate(EntityKind.Size, letterStart, length, CandidateTier.Other, Value: FormatDecimal(value)));
        }
        else if ((prefix.Equals("us", StringComparison.OrdinalIgnoreCase) || prefix.Equals("uk", StringComparison.OrdinalIgnoreCase))
            && value is >= 1 and <= 16 && IsWholeOrHalf(value))
        {
            output.Add(new EntityCandidate(EntityKind.Size, letterStart, length, CandidateTier.Other,
                Value: prefix.ToString().ToUpperInvariant() + FormatDecimal(value)));
        }
        else if (prefix is "w" or "W" && n.IsInteger && value is >= 20 and <= 45)
        {
            output.Add(new EntityCandidate(EntityKind.Size, letterStart, length, CandidateTier.Other,
                Value: "W" + n.IntValue.ToString(CultureInfo.InvariantCulture)));
        }

        return n.End;
    }

    private static readonly (string Word, Currency Currency)[] CurrencyWords =
        [("rmb", Currency.Cny), ("cny", Currency.Cny), ("usd", Currency.Usd)];

    private static readonly string[] EnglishNumbers =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static readonly string[] EnglishCountNouns =
        ["pieces", "piece", "pcs", "pairs", "pair", "items", "item", "units", "sets", "packs", "boxes", "bottles"];

    // "two pairs", "three pieces".
    private static void ScanEnglishCounts(ReadOnlySpan<char> s, List<EntityCandidate> output)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] is not ('o' or 'O' or 't' or 'T' or 'f' or 'F' or 's' or 'S' or 'e' or 'E' or 'n' or 'N')
                || (i > 0 && IsLetter(s[i - 1])))
            {
                continue;
            }

            for (var k = 0; k < EnglishNumbers.Length; k++)
            {
                var length = WordAt(s, i, EnglishNumbers[k]);
                if (length == 0)
                {
                    continue;
                }

                var nounStart = SkipSpaces(s, i + length);
                var nounLength = nounStart > i + length ? WordAtAny(s, nounStart, EnglishCountNouns) : 0;
                if (nounLength > 0)
                {
                    output.Add(new EntityCandidate(EntityKind.Quantity, i, nounStart + nounLength - i, CandidateTier.Other, k + 1));
                    i = nounStart + nounLength - 1;
                }

                break;
            }
        }
    }

    private static (UnitKind Kind, int Length) MatchUnit(ReadOnlySpan<char> s, int pos)
    {
        if (pos >= s.Length)
        {
            return (UnitKind.None, 0);
        }

        foreach (var unit in Units)
        {
            var length = WordAt(s, pos, unit.Word);
            if (length == 0)
            {
                continue;
            }

            // "3个月" is a duration; "9.9包邮" is a price with free shipping, not 9.9 bags.
            if (unit.Word == "个" && StartsWithAny(s, pos + 1, DurationAfterGe))
            {
                return (UnitKind.Blocker, length);
            }

            if (unit.Word == "包" && pos + 1 < s.Length && s[pos + 1] == '邮')
            {
                return (UnitKind.FreeShipping, length);
            }

            return (unit.Kind, length);
        }

        return (UnitKind.None, 0);
    }

    private static bool StartsWithAny(ReadOnlySpan<char> s, int pos, string[] words)
    {
        foreach (var word in words)
        {
            if (pos <= s.Length && s[pos..].StartsWith(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // "9块9" is 9.90 and "九块九" too; the tail is jiao unless it has two digits.
    private static bool TryReadJiaoTail(ReadOnlySpan<char> s, int pos, out long fen, out int end)
    {
        fen = 0;
        end = pos;
        if (pos >= s.Length || !NumberReader.TryRead(s, pos, out var tail) || !tail.IsInteger
            || tail.HasMultiplier || tail.Digits > 2 || tail.Value is < 1 or > 99)
        {
            return false;
        }

        if (tail.End < s.Length && IsAlnum(s[tail.End]))
        {
            return false;
        }

        var (kind, _) = MatchUnit(s, SkipSpaces(s, tail.End));
        if (kind is not (UnitKind.None or UnitKind.Blocker or UnitKind.FreeShipping))
        {
            return false;
        }

        fen = tail.Digits == 1 ? tail.IntValue * 10 : tail.IntValue;
        end = tail.End;
        return true;
    }

    private static Currency CurrencyPrefix(ReadOnlySpan<char> s, int numberStart, out int prefixStart)
    {
        var i = numberStart;
        if (i > 0 && s[i - 1] == ' ')
        {
            i--;
        }

        prefixStart = i - 1;
        if (i == 0)
        {
            return Currency.None;
        }

        switch (s[i - 1])
        {
            case '¥':
                return Currency.Cny;
            case '$':
                prefixStart = i >= 3 && s.Slice(i - 3, 2).Equals("US", StringComparison.OrdinalIgnoreCase) ? i - 3 : i - 1;
                return Currency.Usd;
            case '€':
                return Currency.Eur;
            case '£':
                return Currency.Gbp;
        }

        foreach (var (word, currency) in CurrencyWords)
        {
            if (i >= word.Length && WordAt(s, i - word.Length, word) > 0)
            {
                prefixStart = i - word.Length;
                return currency;
            }
        }

        return Currency.None;
    }

    private static bool TryUsUkLabel(ReadOnlySpan<char> s, int numberStart, out int labelStart, out string scale)
    {
        // Only upper case: "US 9" is a size, "send us 2" is not.
        var end = SkipSpacesBack(s, numberStart);
        labelStart = end - 2;
        scale = "";
        if (labelStart < 0 || end == numberStart || (labelStart > 0 && IsLetter(s[labelStart - 1])))
        {
            return false;
        }

        var label = s.Slice(labelStart, 2);
        scale = label is "US" ? "US" : label is "UK" ? "UK" : "";
        return scale.Length > 0;
    }

    private static int SkipSpacesBack(ReadOnlySpan<char> s, int end)
    {
        while (end > 0 && s[end - 1] == ' ')
        {
            end--;
        }

        return end;
    }

    private static bool IsTimesPrefix(ReadOnlySpan<char> s, int numberStart) =>
        numberStart > 0 && s[numberStart - 1] is 'x' or 'X' or '*'
        && (numberStart == 1 || !IsAlnum(s[numberStart - 2]));

    // "有一个问题" is an article, not a count; "买一个" is a count.
    private static bool IsIndefiniteArticle(ReadOnlySpan<char> s, NumberToken n, int unitStart) =>
        n.IsChinese && n.End - n.Start == 1 && s[n.Start] == '一' && s[unitStart] == '个'
        && (n.Start == 0 || !PurchaseVerbs.Contains(s[n.Start - 1]));

    private static bool IsOrdinal(ReadOnlySpan<char> s, int numberStart) => numberStart > 0 && s[numberStart - 1] == '第';

    // "腰围80cm", "衣长70cm" are garment measurements, not the buyer's height.
    private static bool IsBodyMeasurement(ReadOnlySpan<char> s, int numberStart)
    {
        var end = TrimLabelSeparators(s, numberStart);
        return end > 0 && s[end - 1] is '腰' or '胸' or '臀' or '长' or '宽' or '厚' or '深' or '肩' or '袖' or '围' or '径';
    }

    private static bool IsFollowedByWeight(ReadOnlySpan<char> s, int end)
    {
        var i = end;
        while (i < s.Length && s[i] is ' ' or ',' or '/' or '、' or '，')
        {
            i++;
        }

        if (i == end || !NumberReader.TryRead(s, i, out var next))
        {
            return false;
        }

        var (kind, _) = MatchUnit(s, SkipSpaces(s, next.End));
        return kind is UnitKind.WeightJin or UnitKind.WeightKg or UnitKind.WeightLb;
    }

    private static bool IsWholeOrHalf(decimal value) => value * 2 == decimal.Truncate(value * 2);

    private static string FormatDecimal(decimal value) =>
        decimal.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static long ToMinor(decimal value) => (long)decimal.Round(value * 100, MidpointRounding.AwayFromZero);

    private static void AddAmount(List<EntityCandidate> output, int start, int end, decimal value, Currency currency)
    {
        if (value is > 0 and <= MaxAmount)
        {
            output.Add(new EntityCandidate(EntityKind.Amount, start, end - start, CandidateTier.Other, ToMinor(value), (int)currency));
        }
    }

    private static void AddHeight(List<EntityCandidate> output, int start, int end, decimal centimetres) =>
        output.Add(new EntityCandidate(EntityKind.Height, start, end - start, CandidateTier.Other,
            (long)decimal.Round(centimetres, MidpointRounding.AwayFromZero)));

    private static void AddWeight(List<EntityCandidate> output, int start, int end, decimal kilograms) =>
        output.Add(new EntityCandidate(EntityKind.Weight, start, end - start, CandidateTier.Other,
            (long)decimal.Round(kilograms * 10, MidpointRounding.AwayFromZero)));
}
