using System.Text;
using CustomerServiceBot.Nlu.Entities;

namespace CustomerServiceBot.Tests.Nlu.Entities;

public class EntityExtractorRobustnessTests
{
    private static readonly EntityExtractor Extractor = new(FixedClock.Wednesday, new ProductGazetteer(ProductGazetteerTests.GenerateCatalogue(500)));

    // Pieces that exercise every scanner's edge: units, numerals, labels, separators, surrogates.
    private static readonly string[] Pieces =
    [
        "1", "9", "0", "13", "138", ".", "-", " ", "/", ":", "'", "\"", "一", "两", "十", "百", "千", "万", "零",
        "元", "块", "米", "斤", "kg", "cm", "码", "号", "月", "日", "点", "半", "个", "件", "x", "X", "L", "XL",
        "红", "白", "色", "的", "身高", "体重", "单号", "订单号", "+86", "¥", "$", "满", "减", "下午", "周", "下周",
        "星期", "双", "明天", "Friday", "next ", "sku-00042", "云云00号衬衫", "😀", "\uD83D", "\uDE00", "\0", "\u0007",
        "\r\n", "１", "Ｌ", "，", "。", "EU", "W", "size ", "160/84", "A", "am", "pm",
    ];

    [Fact]
    public void EmptyTextHasNoEntities()
    {
        Assert.Empty(Extractor.Extract(""));
    }

    [Fact]
    public void RandomGarbageNeverThrowsAndSpansStayConsistent()
    {
        var random = new Random(20250312);
        for (var round = 0; round < 2_000; round++)
        {
            var builder = new StringBuilder();
            var pieces = random.Next(1, 40);
            for (var p = 0; p < pieces; p++)
            {
                builder.Append(Pieces[random.Next(Pieces.Length)]);
            }

            AssertConsistent(builder.ToString());
        }
    }

    [Theory]
    [InlineData('9')]
    [InlineData('万')]
    [InlineData('红')]
    [InlineData('x')]
    [InlineData('\0')]
    public void TenThousandRepeatsOfOneCharacterDoNotThrow(char c)
    {
        AssertConsistent(new string(c, 10_000));
    }

    [Fact]
    public void TenThousandCharactersOfMixedTextDoNotThrow()
    {
        var line = "亲，订单号123456789012345678的红色XL两件，身高170体重120斤，明天下午3点前能发吗？13812345678 😀";
        var text = string.Concat(Enumerable.Repeat(line, 10_000 / line.Length + 1))[..10_000];

        var entities = AssertConsistent(text);

        Assert.Contains(entities, e => e.Kind == EntityKind.Phone);
        Assert.Contains(entities, e => e.Kind == EntityKind.OrderNumber);
    }

    [Fact]
    public void AHugeDigitRunIsNeitherAnOrderNorAPhone()
    {
        Assert.Empty(Extractor.Extract(new string('1', 5_000)));
    }

    private static IReadOnlyList<Entity> AssertConsistent(string text)
    {
        var entities = Extractor.Extract(text);
        var previousEnd = 0;
        foreach (var entity in entities)
        {
            Assert.True(entity.Start >= previousEnd, $"overlap or disorder at {entity.Start} in \"{text}\"");
            Assert.True(entity.Length > 0);
            Assert.Equal(text.Substring(entity.Start, entity.Length), entity.Text);
            Assert.False(string.IsNullOrEmpty(entity.Value));
            previousEnd = entity.Start + entity.Length;
        }

        return entities;
    }
}
