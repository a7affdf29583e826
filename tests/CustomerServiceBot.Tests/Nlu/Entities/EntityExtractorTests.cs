using CustomerServiceBot.Nlu.Entities;

namespace CustomerServiceBot.Tests.Nlu.Entities;

public class EntityExtractorTests
{
    private readonly EntityExtractor _extractor = new(FixedClock.Wednesday);

    // Expected entities as "Kind:Text=Value", in text order, joined by " | "; "" means none at all.
    [Theory]
    // Order numbers and phones
    [InlineData("订单号123456789012345678怎么还没发货", "OrderNumber:123456789012345678=123456789012345678")]
    [InlineData("3912345678901234567", "OrderNumber:3912345678901234567=3912345678901234567")]
    [InlineData("单号：SF1234567890123", "OrderNumber:SF1234567890123=SF1234567890123")]
    [InlineData("order #1001 hasn't arrived", "OrderNumber:1001=1001")]
    [InlineData("京东订单 2345678901", "OrderNumber:2345678901=2345678901")]
    [InlineData("订单号13812345678", "OrderNumber:13812345678=13812345678")]
    [InlineData("我的手机13812345678", "Phone:13812345678=13812345678")]
    [InlineData("138 1234 5678 是我电话", "Phone:138 1234 5678=13812345678")]
    [InlineData("+86 138-1234-5678", "Phone:+86 138-1234-5678=13812345678")]
    [InlineData("１３８１２３４５６７８", "Phone:１３８１２３４５６７８=13812345678")]
    [InlineData("12812345678", "")]
    [InlineData("1381234567", "")]
    // Amounts
    [InlineData("¥99", "Amount:¥99=CNY:9900")]
    [InlineData("￥99.9", "Amount:￥99.9=CNY:9990")]
    [InlineData("99块钱能包邮吗", "Amount:99块钱=CNY:9900")]
    [InlineData("99元", "Amount:99元=CNY:9900")]
    [InlineData("九十九元", "Amount:九十九元=CNY:9900")]
    [InlineData("一百块卖不卖", "Amount:一百块=CNY:10000")]
    [InlineData("两百能卖吗", "Amount:两百=CNY:20000")]
    [InlineData("一千五", "Amount:一千五=CNY:150000")]
    [InlineData("满300减30", "Amount:300=CNY:30000 | Amount:30=CNY:3000")]
    [InlineData("9块9包邮", "Amount:9块9=CNY:990")]
    [InlineData("9.9包邮", "Amount:9.9=CNY:990")]
    [InlineData("11.11元", "Amount:11.11元=CNY:1111")]
    [InlineData("$20", "Amount:$20=USD:2000")]
    [InlineData("20 dollars", "Amount:20 dollars=USD:2000")]
    [InlineData("3k", "")]
    [InlineData("打8折吗", "")]
    // Sizes
    [InlineData("XL有货吗", "Size:XL=XL")]
    [InlineData("xxl码", "Size:xxl码=2XL")]
    [InlineData("我穿L码", "Size:L码=L")]
    [InlineData("3XL", "Size:3XL=3XL")]
    [InlineData("ＸＬ码", "Size:ＸＬ码=XL")]
    [InlineData("39码的鞋", "Size:39码=39")]
    [InlineData("size 9", "Size:9=9")]
    [InlineData("EU 42", "Size:EU 42=42")]
    [InlineData("W30", "Size:W30=W30")]
    [InlineData("腰围29", "Size:29=W29")]
    [InlineData("160/84A", "Size:160/84A=160/84A")]
    [InlineData("均码吗", "Size:均码=ONE_SIZE")]
    [InlineData("free size?", "Size:free size=ONE_SIZE")]
    [InlineData("有大码吗", "")]
    [InlineData("这双鞋39元", "Amount:39元=CNY:3900")]
    [InlineData("I'm fine", "")]
    // Colours
    [InlineData("红色有吗", "Colour:红色=红色")]
    [InlineData("要黑的", "Colour:黑=黑色")]
    [InlineData("酒红色好看", "Colour:酒红色=酒红色")]
    [InlineData("米白和杏色", "Colour:米白=米白色 | Colour:杏色=杏色")]
    [InlineData("do you have navy", "Colour:navy=藏青色")]
    [InlineData("Beige or light grey?", "Colour:Beige=米色 | Colour:light grey=浅灰色")]
    [InlineData("发个红包吧", "")]
    [InlineData("白天能发货吗", "")]
    [InlineData("黑五有活动吗", "")]
    [InlineData("走绿色通道", "")]
    [InlineData("蓝牙耳机", "")]
    [InlineData("金额不对", "")]
    [InlineData("明白了", "")]
    [InlineData("black friday deals", "")]
    // Height and weight
    [InlineData("身高170体重120", "Height:170=170 | Weight:120=60")]
    [InlineData("170cm 65kg", "Height:170cm=170 | Weight:65kg=65")]
    [InlineData("1米7", "Height:1米7=170")]
    [InlineData("一米七五", "Height:一米七五=175")]
    [InlineData("1.7m", "Height:1.7m=170")]
    [InlineData("5'8\"", "Height:5'8\"=173")]
    [InlineData("130斤", "Weight:130斤=65")]
    [InlineData("一百二十五斤", "Weight:一百二十五斤=62.5")]
    [InlineData("140 lbs", "Weight:140 lbs=63.5")]
    [InlineData("体重１２０斤", "Weight:１２０斤=60")]
    [InlineData("170 130斤穿什么码", "Height:170=170 | Weight:130斤=65")]
    [InlineData("衣长70cm", "")]
    // Quantities
    [InlineData("买3个", "Quantity:3个=3")]
    [InlineData("两件", "Quantity:两件=2")]
    [InlineData("x2", "Quantity:x2=2")]
    [InlineData("2 pcs", "Quantity:2 pcs=2")]
    [InlineData("two pairs please", "Quantity:two pairs=2")]
    [InlineData("3个月了还没到", "")]
    [InlineData("有一个问题想问一下", "")]
    [InlineData("再买一个", "Quantity:一个=1")]
    [InlineData("1.5米的床", "")]
    [InlineData("i am 5 ft 10 and 160 lbs", "Height:5 ft 10=178 | Weight:160 lbs=72.6")]
    [InlineData("客服电话400-123-4567", "")]
    [InlineData("第二件半价", "")]
    // Dates and times, against Wednesday 2025-03-12 10:00 Asia/Shanghai
    [InlineData("明天能到吗", "DateTime:明天=2025-03-13")]
    [InlineData("大后天", "DateTime:大后天=2025-03-15")]
    [InlineData("昨天下的单", "DateTime:昨天=2025-03-11")]
    [InlineData("下周一发货", "DateTime:下周一=2025-03-17")]
    [InlineData("这周五", "DateTime:这周五=2025-03-14")]
    [InlineData("周末能到吗", "DateTime:周末=2025-03-15")]
    [InlineData("11月11日", "DateTime:11月11日=2024-11-11")]
    [InlineData("双十一买的", "DateTime:双十一=2024-11-11")]
    [InlineData("11.11", "DateTime:11.11=2024-11-11")]
    [InlineData("6.18前能发吗", "DateTime:6.18=2025-06-18")]
    [InlineData("黑色星期五", "")]
    [InlineData("15号能到吗", "DateTime:15号=2025-03-15")]
    [InlineData("下午3点前发货", "DateTime:下午3点=2025-03-12T15:00:00+08:00")]
    [InlineData("明天下午3点半", "DateTime:明天下午3点半=2025-03-13T15:30:00+08:00")]
    [InlineData("3点前", "DateTime:3点=2025-03-12T15:00:00+08:00")]
    [InlineData("tomorrow at 3pm", "DateTime:tomorrow at 3pm=2025-03-13T15:00:00+08:00")]
    [InlineData("next Monday", "DateTime:next Monday=2025-03-17")]
    [InlineData("by Friday", "DateTime:Friday=2025-03-14")]
    [InlineData("便宜一点", "")]
    // Several kinds in one message
    [InlineData("红色XL两件", "Colour:红色=红色 | Size:XL=XL | Quantity:两件=2")]
    [InlineData("身高165，110斤，穿M还是L？", "Height:165=165 | Weight:110斤=55 | Size:M=M | Size:L=L")]
    [InlineData("亲，订单123456789012345678明天能发吗？电话13912345678", "OrderNumber:123456789012345678=123456789012345678 | DateTime:明天=2025-03-13 | Phone:13912345678=13912345678")]
    public void ExtractFindsExactlyTheExpectedEntities(string text, string expected)
    {
        var entities = _extractor.Extract(text);

        Assert.Equal(expected, Describe(entities));
    }

    [Fact]
    public void EntitySpansIndexTheOriginalText()
    {
        const string text = "亲，ＸＬ码的红色要两件";

        var entities = _extractor.Extract(text);

        Assert.All(entities, e => Assert.Equal(text.Substring(e.Start, e.Length), e.Text));
        Assert.Equal("Size:ＸＬ码=XL | Colour:红色=红色 | Quantity:两件=2", Describe(entities));
    }

    internal static string Describe(IEnumerable<Entity> entities) =>
        string.Join(" | ", entities.Select(e => $"{e.Kind}:{e.Text}={e.Value}"));
}
