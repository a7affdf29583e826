using CustomerServiceBot.Api.Reminders;

namespace CustomerServiceBot.Tests.Reminders;

public class ReminderPlanTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateTime Utc(string local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Unspecified), Shanghai);

    private static ReminderRule Rule(params ReminderStep[] steps) => new()
    {
        Id = 1, ShopId = "s", Name = "r", Kind = ReminderKind.UnpaidOrder, Steps = [.. steps],
        WindowStartMinute = 9 * 60, WindowEndMinute = 21 * 60, MaxPerOrder = 3,
    };

    [Fact]
    public void AMomentInsideTheWindowStays()
    {
        var at = Utc("2026-03-02 10:30");
        Assert.Equal(at, ReminderPlan.NextInWindow(at, 9 * 60, 21 * 60, Shanghai));
    }

    [Fact]
    public void TheEveningDefersToNextMorningAndTheEarlyMorningToTheSameMorning()
    {
        Assert.Equal(Utc("2026-03-03 09:00"), ReminderPlan.NextInWindow(Utc("2026-03-02 21:00"), 9 * 60, 21 * 60, Shanghai));
        Assert.Equal(Utc("2026-03-03 09:00"), ReminderPlan.NextInWindow(Utc("2026-03-02 23:59"), 9 * 60, 21 * 60, Shanghai));
        Assert.Equal(Utc("2026-03-02 09:00"), ReminderPlan.NextInWindow(Utc("2026-03-02 03:00"), 9 * 60, 21 * 60, Shanghai));
    }

    [Fact]
    public void StepsAreDueAfterTheOrderOrBeforeItClosesAndAutoCloseStepsNeedACloseTime()
    {
        var rule = Rule(new ReminderStep(15, null, "a", null), new(180, null, "b", null), new(null, 60, "c", null));
        var created = Utc("2026-03-02 10:00");

        var withClose = ReminderPlan.DueTimes(rule, created, created.AddHours(24));
        var withoutClose = ReminderPlan.DueTimes(rule, created, null);

        Assert.Equal([(1, created.AddMinutes(15)), (2, created.AddMinutes(180)), (3, created.AddHours(23))], withClose);
        Assert.Equal([(1, created.AddMinutes(15)), (2, created.AddMinutes(180))], withoutClose);
    }

    [Fact]
    public void TheHoldoutIsDeterministicAndRoughlyTheShareAsked()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => $"O{i}").ToList();

        var held = ids.Count(id => ReminderPlan.IsHoldout("shop", "generic", id, 10));

        Assert.InRange(held, 1_800, 2_200);
        Assert.Equal(ids.Select(id => ReminderPlan.IsHoldout("shop", "generic", id, 10)), ids.Select(id => ReminderPlan.IsHoldout("shop", "generic", id, 10)));
        Assert.DoesNotContain(ids, id => ReminderPlan.IsHoldout("shop", "generic", id, 0));
    }

    [Fact]
    public void AmountBoundsAndProductListsChooseTheRule()
    {
        var cheap = Rule(new ReminderStep(15, null, "a", null));
        cheap.MaxAmount = 10_000;
        var excluded = Rule(new ReminderStep(15, null, "a", null));
        excluded.ExcludeProducts = ["GIFT"];
        var items = new List<OrderItem> { new("DRESS", "Dress", 1) };

        Assert.True(ReminderPlan.Admits(cheap, 9_900, items));
        Assert.False(ReminderPlan.Admits(cheap, 10_100, items));
        Assert.True(ReminderPlan.Admits(excluded, 10_100, items));
        Assert.False(ReminderPlan.Admits(excluded, 10_100, [.. items, new("GIFT", "Gift", 1)]));
    }

    [Fact]
    public void TemplatesRenderEveryVariableInChineseAndEnglish()
    {
        var values = new ReminderPlan.Values(null, [new("A", "连衣裙", 2), new("B", "丝巾", 1), new("C", "帽子", 1), new("D", "袜子", 3)],
            19_950, "CNY", "https://pay.example/1", "满199减20", "O-1", "亲");

        var zh = ReminderPlan.Render("{buyerNick}，{items}共{amount}，{payLink} {coupon} {orderId}", "zh", values);
        var en = ReminderPlan.Render("Hi {buyerNick}: {items}", "en", values with { BuyerNick = "Ann" });

        Assert.Equal("亲，连衣裙 ×2、丝巾、帽子等4件商品共¥199.50，https://pay.example/1 满199减20 O-1", zh);
        Assert.Equal("Hi Ann: 连衣裙 ×2, 丝巾, 帽子 and 1 more", en);
        Assert.Equal(["nick"], ReminderPlan.UnknownVariables("{nick} {amount}"));
    }
}
