using static CustomerServiceBot.Nlu.Entities.EntityText;

namespace CustomerServiceBot.Nlu.Entities;

// Relative and absolute dates and times of day, resolved against "today" in the shop's time zone.
// Resolution rules (documented here because buyers rarely say enough):
// - 周五/星期五/Friday/by Friday: the next Friday on or after today.
// - 这周五/本周五/this Friday: Friday of the current Monday-based week, even if it has passed.
// - 下周五/next Friday: Friday of next week; 下下周五 the week after; 上周五 last week.
// - 周末/weekend: Saturday of this week, or today when today is Saturday or Sunday.
// - 11月11日, 11.11, 双十一, 15号: the occurrence nearest to today (ties go to the future).
// - A time with no 上午/下午/am/pm and an hour from 1 to 6 is afternoon: buyers talk about shop hours.
// - A time with no date is today.
internal static class DateTimeScanner
{
    private enum Period
    {
        None,
        Morning,
        Noon,
        Afternoon,
        Evening,
    }

    private readonly record struct DayWord(string Word, int Offset, Period Period = Period.None);

    private readonly record struct PeriodWord(string Word, Period Period);

    private static readonly DayWord[] DayWords =
    [
        new("大后天", 3), new("大前天", -3), new("后天", 2), new("明天", 1), new("明日", 1), new("明儿", 1),
        new("明早", 1, Period.Morning), new("明晚", 1, Period.Evening), new("今天", 0), new("今日", 0),
        new("今儿", 0), new("今早", 0, Period.Morning), new("今晚", 0, Period.Evening), new("今夜", 0, Period.Evening),
        new("昨天", -1), new("昨日", -1), new("昨晚", -1, Period.Evening), new("前天", -2),
        new("day after tomorrow", 2), new("today", 0), new("tonight", 0, Period.Evening), new("tomorrow", 1),
        new("tmr", 1), new("yesterday", -1),
    ];

    private static readonly PeriodWord[] PeriodWords =
    [
        new("上午", Period.Morning), new("早上", Period.Morning), new("早晨", Period.Morning), new("凌晨", Period.Morning),
        new("中午", Period.Noon), new("下午", Period.Afternoon), new("傍晚", Period.Evening), new("晚上", Period.Evening),
        new("夜里", Period.Evening), new("夜间", Period.Evening),
    ];

    private static readonly string[] EnglishWeekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly string[] WeekWords = ["星期", "礼拜", "周"];
    private static readonly string[] DateSuffixes = ["当天", "那天", "之前", "以前", "之后", "以后", "活动", "大促", "号", "日", "前", "后"];
    // Sales events named after a weekday, not a date anyone asked about.
    private static readonly string[] NotDates = ["black friday", "cyber monday", "黑色星期五"];
    private static readonly string[] AmPm = ["a.m.", "p.m.", "am", "pm"];
    private static readonly string[] NotDayNumber = ["码", "线", "楼", "店", "仓", "位", "口", "门", "机", "床", "房"];

    private const int Weekend = 7;
    private const string DateStarts = "大后明今昨前下这本上周星礼双零〇一二两三四五六七八九十";
    private const string TimeStarts = "上早凌中下傍晚夜";

    public static void Scan(ReadOnlySpan<char> s, DateOnly today, List<EntityCandidate> output)
    {
        var i = 0;
        while (i < s.Length)
        {
            var festival = WordAtAny(s, i, NotDates);
            if (festival > 0)
            {
                i += festival;
                continue;
            }

            if (TryDate(s, i, today, out var date, out var dateEnd, out var period))
            {
                var timeStart = SkipSpaces(s, dateEnd);
                var atLength = WordAt(s, timeStart, "at");
                if (atLength > 0)
                {
                    timeStart = SkipSpaces(s, timeStart + atLength);
                }

                if (TryTime(s, timeStart, period, out var time, out var timeEnd, out var nextDay))
                {
                    Add(output, i, timeEnd, date.AddDays(nextDay ? 1 : 0).ToDateTime(time), hasTime: true);
                    i = timeEnd;
                }
                else
                {
                    Add(output, i, dateEnd, date.ToDateTime(TimeOnly.MinValue), hasTime: false);
                    i = dateEnd;
                }

                continue;
            }

            if (TryTime(s, i, Period.None, out var timeOnly, out var end, out var timeNextDay))
            {
                Add(output, i, end, today.AddDays(timeNextDay ? 1 : 0).ToDateTime(timeOnly), hasTime: true);
                i = end;
                continue;
            }

            i++;
        }
    }

    private static void Add(List<EntityCandidate> output, int start, int end, DateTime local, bool hasTime) =>
        output.Add(new EntityCandidate(EntityKind.DateTime, start, end - start, CandidateTier.Other, local.Ticks, hasTime ? 1 : 0));

    private static bool TryDate(ReadOnlySpan<char> s, int i, DateOnly today, out DateOnly date, out int end, out Period period)
    {
        date = default;
        end = i;
        period = Period.None;
        var c = s[i];
        var startsWord = IsLetter(c) && (i == 0 || !IsLetter(s[i - 1]));
        if (IsHan(c) && !DateStarts.Contains(c))
        {
            return false;
        }

        if (IsHan(c) || startsWord)
        {
            foreach (var word in DayWords)
            {
                var length = WordAt(s, i, word.Word);
                if (length > 0)
                {
                    date = today.AddDays(word.Offset);
                    end = i + length;
                    period = word.Period;
                    return true;
                }
            }
        }

        if (IsHan(c) && (TryChineseWeekday(s, i, today, out date, out end) || TryDoubleFestival(s, i, today, out date, out end)))
        {
            return true;
        }

        if (startsWord)
        {
            return TryEnglishWeekday(s, i, today, out date, out end);
        }

        if (IsDigit(c) || NumberReader.IsChineseNumeral(c))
        {
            var previous = i > 0 ? s[i - 1] : ' ';
            if (IsDigit(previous) || previous == '.' || NumberReader.IsChineseNumeral(previous))
            {
                return false;
            }

            return TryNumericDate(s, i, today, out date, out end);
        }

        return false;
    }

    private static bool TryChineseWeekday(ReadOnlySpan<char> s, int i, DateOnly today, out DateOnly date, out int end)
    {
        date = default;
        end = i;
        var j = i;
        int? weekShift = null;
        if (s[j..].StartsWith("下下", StringComparison.Ordinal))
        {
            weekShift = 2;
            j += 2;
        }
        else if (s[j] is '下' or '这' or '本' or '上')
        {
            weekShift = s[j] switch { '下' => 1, '上' => -1, _ => 0 };
            j++;
        }

        if (weekShift is not null && j < s.Length && s[j] == '个')
        {
            j++;
        }

        var weekWord = 0;
        foreach (var word in WeekWords)
        {
            if (s[j..].StartsWith(word, StringComparison.Ordinal))
            {
                weekWord = word.Length;
                break;
            }
        }

        j += weekWord;
        if (weekWord == 0 || j >= s.Length)
        {
            return false;
        }

        var day = s[j] switch
        {
            '一' => 0,
            '二' => 1,
            '三' => 2,
            '四' => 3,
            '五' => 4,
            '六' => 5,
            '日' or '天' => 6,
            '末' => Weekend,
            _ => -1,
        };

        // "周一到周五" is fine; "一周" never gets here, "周三十" (thirty) would: reject a following numeral.
        if (day < 0 || (j + 1 < s.Length && NumberReader.IsChineseNumeral(s[j + 1])))
        {
            return false;
        }

        date = ResolveWeekday(today, day, weekShift);
        end = j + 1;
        return true;
    }

    private static bool TryEnglishWeekday(ReadOnlySpan<char> s, int i, DateOnly today, out DateOnly date, out int end)
    {
        date = default;
        end = i;
        int? weekShift = null;
        var j = i;
        var modifier = WordAt(s, j, "next");
        if (modifier > 0)
        {
            weekShift = 1;
        }
        else if ((modifier = WordAt(s, j, "this")) > 0)
        {
            weekShift = 0;
        }

        if (modifier > 0)
        {
            j = SkipSpaces(s, j + modifier);
            if (j == i + modifier)
            {
                return false;
            }
        }

        if (WordAt(s, j, "weekend") > 0)
        {
            date = ResolveWeekday(today, Weekend, weekShift);
            end = j + "weekend".Length;
            return true;
        }

        for (var day = 0; day < EnglishWeekdays.Length; day++)
        {
            var length = WordAt(s, j, EnglishWeekdays[day]);
            if (length > 0)
            {
                date = ResolveWeekday(today, day, weekShift);
                end = j + length;
                return true;
            }
        }

        return false;
    }

    // day: 0 = Monday … 6 = Sunday, 7 = weekend. weekShift null means "the next one".
    private static DateOnly ResolveWeekday(DateOnly today, int day, int? weekShift)
    {
        var todayIndex = ((int)today.DayOfWeek + 6) % 7;
        var monday = today.AddDays(-todayIndex);
        if (day == Weekend)
        {
            return weekShift is null or 0 && todayIndex >= 5 ? today : monday.AddDays(5 + (7 * (weekShift ?? 0)));
        }

        return weekShift is { } shift
            ? monday.AddDays(day + (7 * shift))
            : today.AddDays((day - todayIndex + 7) % 7);
    }

    private static bool TryDoubleFestival(ReadOnlySpan<char> s, int i, DateOnly today, out DateOnly date, out int end)
    {
        date = default;
        end = i;
        if (s[i] != '双')
        {
            return false;
        }

        var rest = s[(i + 1)..];
        var (month, length) =
            rest.StartsWith("十一", StringComparison.Ordinal) ? (11, 2)
            : rest.StartsWith("十二", StringComparison.Ordinal) ? (12, 2)
            : rest.StartsWith("11", StringComparison.Ordinal) ? (11, 2)
            : rest.StartsWith("12", StringComparison.Ordinal) ? (12, 2)
            : (0, 0);
        if (month == 0 || (length < rest.Length && (IsDigit(rest[length]) || NumberReader.IsChineseNumeral(rest[length]))))
        {
            return false;
        }

        date = Nearest(today, month, month);
        end = i + 1 + length;
        return true;
    }

    private static bool TryNumericDate(ReadOnlySpan<char> s, int i, DateOnly today, out DateOnly date, out int end)
    {
        date = default;
        end = i;
        if (!NumberReader.TryRead(s, i, out var first) || first.HasMultiplier)
        {
            return false;
        }

        var j = first.End;
        if (!first.IsChinese && first.HasFraction)
        {
            return TryDottedDate(s, i, first, today, out date, out end);
        }

        if (!first.IsChinese && first.Digits == 4 && j + 1 < s.Length && s[j] is '-' or '/' or '.')
        {
            return TryIsoDate(s, first, out date, out end);
        }

        int? year = null;
        var month = first;
        if (j < s.Length && s[j] == '年' && first.Digits == 4)
        {
            year = (int)first.IntValue;
            if (!NumberReader.TryRead(s, j + 1, out month))
            {
                return false;
            }

            j = month.End;
        }

        if (j < s.Length && s[j] == '月')
        {
            if (!month.IsInteger || month.Value is < 1 or > 12 || !NumberReader.TryRead(s, j + 1, out var dayToken)
                || !dayToken.IsInteger || dayToken.HasFraction || dayToken.Value is < 1 or > 31)
            {
                return false;
            }

            end = dayToken.End;
            if (end < s.Length && s[end] is '日' or '号')
            {
                end++;
            }

            return TryMakeDate(today, year, (int)month.IntValue, (int)dayToken.IntValue, out date);
        }

        // "15号": a day of the nearest month.
        if (year is null && j < s.Length && s[j] == '号' && first.IsInteger && first.Value is >= 1 and <= 31
            && !StartsWithAny(s, j + 1, NotDayNumber))
        {
            end = j + 1;
            date = NearestDay(today, (int)first.IntValue);
            return date != default;
        }

        return false;
    }

    // "11.11", "6.18前", "3.8号": a month.day is a date only when it is a shopping festival or a date
    // word follows, because "9.9包邮" and "2.5" are prices and weights.
    private static bool TryDottedDate(ReadOnlySpan<char> s, int i, NumberToken token, DateOnly today, out DateOnly date, out int end)
    {
        date = default;
        end = token.End;
        var dot = s[i..token.End].IndexOf('.');
        if (dot is < 1 or > 2 || token.End - (i + dot + 1) is < 1 or > 2 || (end < s.Length && (s[end] == '.' || IsLetter(s[end]))))
        {
            return false;
        }

        var month = ReadSmall(s, i, dot);
        var day = ReadSmall(s, i + dot + 1, token.End - (i + dot + 1));
        var festival = (month, day) is (11, 11) or (12, 12) or (6, 18);
        if (!festival && !StartsWithAny(s, end, DateSuffixes))
        {
            return false;
        }

        return month is >= 1 and <= 12 && TryMakeDate(today, null, month, day, out date);
    }

    private static bool TryIsoDate(ReadOnlySpan<char> s, NumberToken yearToken, out DateOnly date, out int end)
    {
        date = default;
        end = yearToken.End;
        var separator = s[end];
        var monthStart = end + 1;
        var monthEnd = monthStart;
        while (monthEnd < s.Length && IsDigit(s[monthEnd]) && monthEnd - monthStart < 3)
        {
            monthEnd++;
        }

        if (monthEnd - monthStart is < 1 or > 2 || monthEnd + 1 >= s.Length || s[monthEnd] != separator)
        {
            return false;
        }

        var dayStart = monthEnd + 1;
        var dayEnd = dayStart;
        while (dayEnd < s.Length && IsDigit(s[dayEnd]) && dayEnd - dayStart < 3)
        {
            dayEnd++;
        }

        if (dayEnd - dayStart is < 1 or > 2 || (dayEnd < s.Length && IsDigit(s[dayEnd])))
        {
            return false;
        }

        end = dayEnd;
        return TryMakeDate(default, (int)yearToken.IntValue, ReadSmall(s, monthStart, monthEnd - monthStart),
            ReadSmall(s, dayStart, dayEnd - dayStart), out date);
    }

    private static bool TryTime(ReadOnlySpan<char> s, int i, Period implied, out TimeOnly time, out int end, out bool nextDay)
    {
        time = default;
        end = i;
        nextDay = false;
        if (i >= s.Length)
        {
            return false;
        }

        var first = s[i];
        if (!IsDigit(first) && !NumberReader.IsChineseNumeral(first) && !TimeStarts.Contains(first))
        {
            return false;
        }

        var period = implied;
        var j = i;
        var explicitPeriod = false;
        foreach (var word in PeriodWords)
        {
            if (s[j..].StartsWith(word.Word, StringComparison.Ordinal))
            {
                period = word.Period;
                explicitPeriod = true;
                j += word.Word.Length;
                break;
            }
        }

        if (j >= s.Length || (j == i && j > 0 && (IsDigit(s[j - 1]) || s[j - 1] == '.' || NumberReader.IsChineseNumeral(s[j - 1]))))
        {
            return false;
        }

        int hour;
        int k;
        var ascii = IsDigit(s[j]);
        if (ascii)
        {
            k = j;
            while (k < s.Length && IsDigit(s[k]) && k - j < 3)
            {
                k++;
            }

            if (k - j > 2)
            {
                return false;
            }

            hour = ReadSmall(s, j, k - j);
        }
        else if (NumberReader.TryRead(s, j, out var chinese) && chinese.IsChinese && chinese.Value <= 24)
        {
            // "便宜一点" (a bit cheaper) is no one o'clock.
            if (chinese.Value == 1 && s[j] == '一' && !explicitPeriod && implied == Period.None)
            {
                return false;
            }

            hour = (int)chinese.IntValue;
            k = chinese.End;
        }
        else
        {
            return false;
        }

        var minute = 0;
        if (k < s.Length && s[k] == '点')
        {
            k++;
            if (k < s.Length && s[k] == '钟')
            {
                k++;
            }

            k = ReadChineseMinutes(s, k, ref minute);
        }
        else if (ascii && k + 2 < s.Length && s[k] == ':' && IsDigit(s[k + 1]) && IsDigit(s[k + 2])
            && (k + 3 == s.Length || !IsDigit(s[k + 3])))
        {
            minute = ReadSmall(s, k + 1, 2);
            k += 3;
            k = ReadAmPm(s, k, ref period);
        }
        else if (ascii)
        {
            var afterAmPm = ReadAmPm(s, k, ref period);
            if (afterAmPm == k)
            {
                return false;
            }

            k = afterAmPm;
        }
        else
        {
            return false;
        }

        if (minute > 59)
        {
            return false;
        }

        switch (period)
        {
            case Period.Noon when hour is >= 1 and <= 5:
            case Period.Afternoon when hour < 12:
            case Period.Evening when hour < 12:
            case Period.None when hour is >= 1 and <= 6:
                hour += 12;
                break;
            case Period.Evening when hour == 12:
            case Period.None when hour == 24:
                hour = 0;
                nextDay = true;
                break;
        }

        if (hour > 23)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        end = k;
        return true;
    }

    private static int ReadChineseMinutes(ReadOnlySpan<char> s, int k, ref int minute)
    {
        if (k >= s.Length)
        {
            return k;
        }

        if (s[k] == '半')
        {
            minute = 30;
            return k + 1;
        }

        if (s[k..].StartsWith("一刻", StringComparison.Ordinal))
        {
            minute = 15;
            return k + 2;
        }

        if (s[k..].StartsWith("三刻", StringComparison.Ordinal))
        {
            minute = 45;
            return k + 2;
        }

        // "3点20" and "3点5分"; a lone digit without 分 might be a decimal ("3点5" = 3.5), so leave it.
        if (NumberReader.TryRead(s, k, out var token) && token.IsInteger && !token.HasMultiplier && token.Value < 60)
        {
            var withFen = token.End < s.Length && s[token.End] == '分';
            if (withFen || (!token.IsChinese && token.Digits == 2))
            {
                minute = (int)token.IntValue;
                return withFen ? token.End + 1 : token.End;
            }
        }

        return k;
    }

    private static int ReadAmPm(ReadOnlySpan<char> s, int k, ref Period period)
    {
        var j = SkipSpaces(s, k);
        foreach (var word in AmPm)
        {
            var length = WordAt(s, j, word);
            if (length > 0)
            {
                period = word[0] is 'a' ? Period.Morning : Period.Afternoon;
                return j + length;
            }
        }

        return k;
    }

    private static bool TryMakeDate(DateOnly today, int? year, int month, int day, out DateOnly date)
    {
        date = default;
        if (month is < 1 or > 12 || day < 1)
        {
            return false;
        }

        if (year is { } y)
        {
            if (y is < 1900 or > 2200 || day > DateTime.DaysInMonth(y, month))
            {
                return false;
            }

            date = new DateOnly(y, month, day);
            return true;
        }

        if (day > DateTime.DaysInMonth(2024, month))
        {
            return false;
        }

        date = Nearest(today, month, day);
        return date != default;
    }

    private static DateOnly Nearest(DateOnly today, int month, int day)
    {
        var best = default(DateOnly);
        var bestDistance = int.MaxValue;
        for (var y = today.Year + 1; y >= today.Year - 1; y--)
        {
            if (day > DateTime.DaysInMonth(y, month))
            {
                continue;
            }

            var candidate = new DateOnly(y, month, day);
            var distance = Math.Abs(candidate.DayNumber - today.DayNumber);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static DateOnly NearestDay(DateOnly today, int day)
    {
        var best = default(DateOnly);
        var bestDistance = int.MaxValue;
        var first = new DateOnly(today.Year, today.Month, 1);
        for (var offset = 1; offset >= -1; offset--)
        {
            var month = first.AddMonths(offset);
            if (day > DateTime.DaysInMonth(month.Year, month.Month))
            {
                continue;
            }

            var candidate = new DateOnly(month.Year, month.Month, day);
            var distance = Math.Abs(candidate.DayNumber - today.DayNumber);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int ReadSmall(ReadOnlySpan<char> s, int start, int length)
    {
        var value = 0;
        for (var i = start; i < start + length; i++)
        {
            value = (value * 10) + (s[i] - '0');
        }

        return value;
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
}
