using CustomerServiceBot.Api.Buyers;

namespace CustomerServiceBot.Tests.Buyers;

public sealed class BuyerTagsTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    // 2026-03-02 10:00 in Shanghai.
    private static readonly DateTime Now = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);
    private static readonly BuyerOptions Options = new();

    private static BuyerProfile Profile() => new() { ShopId = "s", BuyerId = "b", FirstSeenAt = Now.AddDays(-40), LastVisitAt = Now };

    private static List<string> Tags(BuyerProfile profile, DateTime? now = null) =>
        BuyerTags.Compute(profile, Options, now ?? Now, Shanghai).Select(t => t.Tag).ToList();

    [Theory]
    [InlineData(0, 0, "new")]
    [InlineData(1, 10_000, "new")]
    [InlineData(2, 10_000, "repeat")]
    [InlineData(4, 199_999, "repeat")]
    [InlineData(5, 10_000, "vip")]
    [InlineData(1, 200_000, "vip")]
    public void OrdersAndSpendMakeExactlyOneOfNewRepeatAndVip(int paidOrders, long spend, string expected)
    {
        var profile = Profile();
        profile.PaidOrders = paidOrders;
        profile.SpendMinor = spend;

        var tags = Tags(profile);

        Assert.Contains(expected, tags);
        Assert.Single(tags, t => t is "new" or "repeat" or "vip");
    }

    [Fact]
    public void HighIntentLastsForTheShopsDayAndEndsWithAnOrder()
    {
        var profile = Profile();
        profile.IntentDay = DateOnly.FromDateTime(Now.AddHours(8));
        profile.PurchaseQuestionsToday = 3;

        Assert.Contains("high_intent", Tags(profile));
        // 23:59 in Shanghai is the same day; 00:00 the next one is not.
        Assert.Contains("high_intent", Tags(profile, new DateTime(2026, 3, 2, 15, 59, 0, DateTimeKind.Utc)));
        Assert.DoesNotContain("high_intent", Tags(profile, new DateTime(2026, 3, 2, 16, 0, 0, DateTimeKind.Utc)));

        profile.PurchaseQuestionsToday = 2;
        Assert.DoesNotContain("high_intent", Tags(profile));

        profile.PurchaseQuestionsToday = 5;
        profile.LastOrderAt = Now.AddHours(-1);
        Assert.DoesNotContain("high_intent", Tags(profile));
        profile.LastOrderAt = Now.AddDays(-1);
        Assert.Contains("high_intent", Tags(profile));
    }

    [Fact]
    public void AtRiskFadesAfterTheConfiguredDaysWithoutAngerOrComplaint()
    {
        var profile = Profile();
        profile.LastAngryAt = Now.AddDays(-13);
        profile.AngryMessages = 2;

        var tag = Assert.Single(BuyerTags.Compute(profile, Options, Now, Shanghai), t => t.Tag == "at_risk");
        Assert.Equal("angry on 2026-02-17 (2 angry messages)", tag.Reason);
        Assert.DoesNotContain("at_risk", Tags(profile, Now.AddDays(2)));
    }

    [Fact]
    public void TheMostBoughtSizeIsTheSizeProfileAndManualTagsComeLast()
    {
        var profile = Profile();
        profile.SizesBought = [new Tally("L", 3), new Tally("M", 1)];
        profile.ManualTags = ["wholesale"];

        var tags = BuyerTags.Compute(profile, Options, Now, Shanghai);

        Assert.Equal(["new", "size:L", "wholesale"], tags.Select(t => t.Tag));
        Assert.Equal("manual", tags[^1].Source);
    }

    [Theory]
    [InlineData("wholesale", true)]
    [InlineData("批发客户", true)]
    [InlineData("vip", false)]
    [InlineData("AT_RISK", false)]
    [InlineData("size:M", false)]
    [InlineData("two words", false)]
    [InlineData("", false)]
    public void MerchantsSetOnlyTagsTheProfileDoesNotCompute(string tag, bool allowed)
    {
        Assert.Equal(allowed, BuyerTags.ManualTagProblem(tag) is null);
    }
}
