using System.Collections.Frozen;
using static CustomerServiceBot.Nlu.Entities.EntityText;

namespace CustomerServiceBot.Nlu.Entities;

// Colour words, Chinese and English. Value is the canonical Chinese name of the shade with 色
// ("红" → "红色", "酒红" → "酒红色", "navy" → "藏青色"); the shade is kept because SKUs differ by shade.
internal static class ColourScanner
{
    private enum Guard
    {
        // Always a colour: "酒红", "卡其", "navy".
        None,

        // A single character that is also part of everyday words (红包, 白天, 蓝牙): a colour only when
        // followed by 色/的/款…, punctuation or the end, and not after 拉/明/网… (拉黑, 明白, 网红).
        Loose,

        // Too ambiguous alone (金额, 银行, 橙子): a colour only as "金色" or "金的".
        Strict,
    }

    private readonly record struct Entry(string Phrase, string? Canonical, Guard Guard)
    {
        public bool IsStop => Canonical is null;
    }

    private const string AllowedAfterLoose = "的款系吗呢吧啊呀有和或跟与还也是配拼、";
    private const string BlockingBefore = "拉明空网坦洗美漂蛋清苍走变抹";

    private static readonly FrozenDictionary<char, Entry[]> Chinese = Index(
    [
        // Words that contain a colour character but are no colour.
        Stop("红包"), Stop("白天"), Stop("黑五"), Stop("绿色通道"), Stop("绿色食品"), Stop("黑色星期五"),
        Stop("白色情人节"), Stop("红色预警"), Stop("黄色预警"), Stop("红绿灯"), Stop("红人"), Stop("红利"),
        Stop("黑名单"), Stop("白菜"), Stop("蓝牙"), Stop("粉丝"), Stop("黄牛"), Stop("黄金"), Stop("白银"),
        Loose("红"), Loose("黑"), Loose("白"), Loose("灰"), Loose("蓝"), Loose("绿"), Loose("黄"), Loose("紫"),
        Loose("粉"), Loose("棕"), Loose("咖啡"),
        Strict("金"), Strict("银"), Strict("橙"), Strict("青"),
        Always("大红"), Always("酒红"), Always("枣红"), Always("玫红"), Always("玫瑰红"), Always("桔红", "橘红色"),
        Always("橘红"), Always("西瓜红"), Always("砖红"), Always("粉红"), Always("紫红"),
        Always("米白"), Always("乳白"), Always("奶白"), Always("象牙白"), Always("纯白"), Always("本白"), Always("纯黑"),
        Always("浅灰"), Always("深灰"), Always("烟灰"), Always("银灰"), Always("炭灰"), Always("麻灰"), Always("花灰"),
        Always("天蓝"), Always("深蓝"), Always("浅蓝"), Always("藏蓝"), Always("宝蓝"), Always("湖蓝"), Always("雾霾蓝"),
        Always("牛仔蓝"), Always("海军蓝"), Always("克莱因蓝"), Always("雾蓝"), Always("藏青"),
        Always("军绿"), Always("墨绿"), Always("草绿"), Always("橄榄绿"), Always("薄荷绿"), Always("浅绿"), Always("深绿"),
        Always("牛油果绿"), Always("米黄"), Always("姜黄"), Always("鹅黄"), Always("土黄"), Always("柠檬黄"),
        Always("芥末黄"), Always("明黄"), Always("浅粉"), Always("桃粉"), Always("樱花粉"), Always("脏粉"),
        Always("浅紫"), Always("深紫"), Always("香芋紫"), Always("薰衣草紫"),
        Always("卡其"), Always("驼色"), Always("杏色"), Always("米色"), Always("焦糖色"), Always("栗色"),
        Always("香槟色"), Always("香槟金"), Always("玫瑰金"), Always("裸色"), Always("豆沙色"), Always("奶茶色"),
        Always("燕麦色"), Always("橘色", "橙色"), Always("咖色", "咖啡色"),
    ]);

    private static readonly FrozenDictionary<char, Entry[]> English = Index(
    [
        Stop("black friday"), Stop("red envelope"), Stop("red packet"), Stop("green channel"),
        En("navy blue", "藏青色"), En("sky blue", "天蓝色"), En("light blue", "浅蓝色"), En("dark blue", "深蓝色"),
        En("royal blue", "宝蓝色"), En("army green", "军绿色"), En("dark green", "深绿色"),
        En("light grey", "浅灰色"), En("light gray", "浅灰色"), En("dark grey", "深灰色"), En("dark gray", "深灰色"),
        En("rose gold", "玫瑰金色"), En("off white", "米白色"), En("off-white", "米白色"),
        En("red", "红色"), En("black", "黑色"), En("white", "白色"), En("grey", "灰色"), En("gray", "灰色"),
        En("blue", "蓝色"), En("navy", "藏青色"), En("green", "绿色"), En("yellow", "黄色"), En("purple", "紫色"),
        En("pink", "粉色"), En("orange", "橙色"), En("brown", "棕色"), En("beige", "米色"), En("khaki", "卡其色"),
        En("silver", "银色"), En("gold", "金色"), En("golden", "金色"), En("apricot", "杏色"), En("wine", "酒红色"),
        En("burgundy", "酒红色"), En("maroon", "枣红色"), En("camel", "驼色"), En("ivory", "米白色"),
        En("cream", "米白色"), En("olive", "橄榄绿色"),
    ]);

    public static void Scan(ReadOnlySpan<char> s, List<EntityCandidate> output)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            var consumed = IsLetter(c)
                ? (i == 0 || !IsLetter(s[i - 1])) ? MatchEnglish(s, i, output) : 0
                : IsHan(c) ? MatchChinese(s, i, output) : 0;
            i += Math.Max(consumed, 1);
        }
    }

    private static int MatchChinese(ReadOnlySpan<char> s, int i, List<EntityCandidate> output)
    {
        if (!Chinese.TryGetValue(s[i], out var entries))
        {
            return 0;
        }

        foreach (var entry in entries)
        {
            if (!s[i..].StartsWith(entry.Phrase, StringComparison.Ordinal))
            {
                continue;
            }

            var end = i + entry.Phrase.Length;
            if (entry.IsStop)
            {
                return entry.Phrase.Length;
            }

            var hasSe = entry.Phrase[^1] != '色' && end < s.Length && s[end] == '色';
            if (!hasSe && !GuardAllows(s, i, end, entry.Guard))
            {
                continue;
            }

            if (hasSe)
            {
                end++;
            }

            output.Add(new EntityCandidate(EntityKind.Colour, i, end - i, CandidateTier.Other, Value: entry.Canonical));
            return end - i;
        }

        return 0;
    }

    private static bool GuardAllows(ReadOnlySpan<char> s, int start, int end, Guard guard)
    {
        if (guard == Guard.None)
        {
            return true;
        }

        var next = end < s.Length ? s[end] : ' ';
        if (guard == Guard.Strict)
        {
            return next == '的';
        }

        if (start > 0 && BlockingBefore.Contains(s[start - 1]))
        {
            return false;
        }

        // "黑白" is two colours; "红酒" is wine.
        return !IsHan(next) || AllowedAfterLoose.Contains(next)
            || (Chinese.TryGetValue(next, out var entries) && Array.Exists(entries, static e => e.Guard == Guard.Loose));
    }

    private static int MatchEnglish(ReadOnlySpan<char> s, int i, List<EntityCandidate> output)
    {
        if (!English.TryGetValue((char)(s[i] | 0x20), out var entries))
        {
            return 0;
        }

        foreach (var entry in entries)
        {
            var length = WordAt(s, i, entry.Phrase);
            if (length == 0)
            {
                continue;
            }

            if (!entry.IsStop)
            {
                output.Add(new EntityCandidate(EntityKind.Colour, i, length, CandidateTier.Other, Value: entry.Canonical));
            }

            return length;
        }

        return 0;
    }

    private static Entry Stop(string phrase) => new(phrase, null, Guard.None);

    private static Entry Loose(string phrase) => new(phrase, phrase + "色", Guard.Loose);

    private static Entry Strict(string phrase) => new(phrase, phrase + "色", Guard.Strict);

    private static Entry Always(string phrase, string? canonical = null) =>
        new(phrase, canonical ?? (phrase.EndsWith('色') ? phrase : phrase + "色"), Guard.None);

    private static Entry En(string phrase, string canonical) => new(phrase, canonical, Guard.None);

    // Longest phrase first, so "酒红" is tried before "红" would be (they start differently, but "粉红"
    // must beat "粉"); at equal length a stop word wins.
    private static FrozenDictionary<char, Entry[]> Index(Entry[] entries) =>
        entries
            .GroupBy(e => e.Phrase[0])
            .ToFrozenDictionary(
                g => g.Key,
                g => g.OrderByDescending(e => e.Phrase.Length).ThenBy(e => e.IsStop ? 0 : 1).ToArray());
}
