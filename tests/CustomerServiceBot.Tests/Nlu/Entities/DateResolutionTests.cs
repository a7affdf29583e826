using CustomerServiceBot.Nlu.Entities;

namespace CustomerServiceBot.Tests.Nlu.Entities;

public class DateResolutionTests
{
    [Theory]
    // Sunday 2025-03-16 09:00 Shanghai
    [InlineData("2025-03-16T09:00:00+08:00", "周末", "2025-03-16")]
    [InlineData("2025-03-16T09:00:00+08:00", "这周五", "2025-03-14")]
    [InlineData("2025-03-16T09:00:00+08:00", "周五", "2025-03-21")]
    [InlineData("2025-03-16T09:00:00+08:00", "下周五", "2025-03-21")]
    [InlineData("2025-03-16T09:00:00+08:00", "下下周一", "2025-03-24")]
    [InlineData("2025-03-16T09:00:00+08:00", "上周三", "2025-03-05")]
    [InlineData("2025-03-16T09:00:00+08:00", "星期天", "2025-03-16")]
    [InlineData("2025-03-16T09:00:00+08:00", "this weekend", "2025-03-16")]
    // Friday 2025-10-31: Double 11 is ahead, not behind
    [InlineData("2025-10-31T12:00:00+08:00", "双11", "2025-11-11")]
    [InlineData("2025-10-31T12:00:00+08:00", "11月11号", "2025-11-11")]
    [InlineData("2025-10-31T12:00:00+08:00", "2号能到吗", "2025-11-02")]
    [InlineData("2025-10-31T12:00:00+08:00", "十二月一日", "2025-12-01")]
    [InlineData("2025-10-31T12:00:00+08:00", "2024年2月29日", "2024-02-29")]
    [InlineData("2025-10-31T12:00:00+08:00", "2025-12-24", "2025-12-24")]
    [InlineData("2025-10-31T12:00:00+08:00", "明天", "2025-11-01")]
    [InlineData("2025-10-31T12:00:00+08:00", "friday", "2025-10-31")]
    // Year end: tomorrow is next year
    [InlineData("2025-12-31T23:30:00+08:00", "明天上午10点", "2026-01-01T10:00:00+08:00")]
    [InlineData("2025-12-31T23:30:00+08:00", "今晚8点", "2025-12-31T20:00:00+08:00")]
    [InlineData("2025-12-31T23:30:00+08:00", "中午12点", "2025-12-31T12:00:00+08:00")]
    [InlineData("2025-12-31T23:30:00+08:00", "晚上十点一刻", "2025-12-31T22:15:00+08:00")]
    [InlineData("2025-12-31T23:30:00+08:00", "10:30am", "2025-12-31T10:30:00+08:00")]
    [InlineData("2025-12-31T23:30:00+08:00", "16:45", "2025-12-31T16:45:00+08:00")]
    public void RelativeWordsResolveAgainstTheClock(string now, string text, string expected)
    {
        var extractor = new EntityExtractor(new FixedClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

        var entity = Assert.Single(extractor.Extract(text));

        Assert.Equal(EntityKind.DateTime, entity.Kind);
        Assert.Equal(expected, entity.Value);
    }

    [Fact]
    public void TodayDependsOnTheShopsTimeZone()
    {
        // 20:00 UTC on the 12th is already 04:00 on the 13th in Shanghai.
        var extractor = new EntityExtractor(new FixedClock(new DateTimeOffset(2025, 3, 12, 20, 0, 0, TimeSpan.Zero)));

        var shanghai = Assert.Single(extractor.Extract("今天下午3点"));
        var utc = Assert.Single(extractor.Extract("今天下午3点", TimeZoneInfo.Utc));

        Assert.Equal("2025-03-13T15:00:00+08:00", shanghai.Value);
        Assert.Equal("2025-03-12T15:00:00+00:00", utc.Value);
    }

    [Theory]
    [InlineData("2月30日")]
    [InlineData("13月1日")]
    [InlineData("39号码")]
    [InlineData("一周内发货")]
    [InlineData("25:00")]
    public void ImpossibleDatesAndNonDatesAreIgnored(string text)
    {
        var extractor = new EntityExtractor(FixedClock.Wednesday);

        Assert.DoesNotContain(extractor.Extract(text), e => e.Kind == EntityKind.DateTime);
    }
}
