using CustomerServiceBot.Nlu.Entities;

namespace CustomerServiceBot.Tests.Nlu.Entities;

public class ProductGazetteerTests
{
    private const int CatalogueSize = 10_000;

    // Names are built from two syllable tables so every one is distinct and none is a prefix of another.
    private static readonly string[] Brands =
        [.. "云星月海山风雪花竹松梅兰菊桃李杏柳樱枫橙".Select(c => c.ToString())];

    private static readonly string[] Items =
        [.. "衬衫卫衣夹克风衣毛衣背心短裤长裤裙子外套".Chunk(2).Select(c => new string(c))];

    // Shared across tests: immutable, so no test can disturb another through it.
    private static readonly ProductGazetteer Large = new(GenerateCatalogue(CatalogueSize));

    [Fact]
    public void TenThousandProductsAreAllIndexed()
    {
        // Each product has a name and a SKU code, all distinct.
        Assert.Equal(2 * CatalogueSize, Large.Count);
    }

    [Fact]
    public void SkuCodeMatchesCaseInsensitivelyAndAcrossWidths()
    {
        var lower = Large.Match("请问sku-04242还有货吗");
        var fullWidth = Large.Match("ＳＫＵ-04242");

        var match = Assert.Single(lower);
        Assert.Equal(new GazetteerMatch("P04242", 2, 9, GazetteerPhraseKind.SkuCode), match);
        Assert.Equal(new GazetteerMatch("P04242", 0, 9, GazetteerPhraseKind.SkuCode), Assert.Single(fullWidth));
    }

    [Theory]
    [InlineData("XSKU-04242")]
    [InlineData("SKU-042421")]
    [InlineData("SKU-0424")]
    public void SkuCodeDoesNotMatchInsideALongerToken(string text)
    {
        Assert.Empty(Large.Match(text));
    }

    [Fact]
    public void GeneratedChineseNameIsFoundInsideASentence()
    {
        var name = NameOf(1234);

        var match = Assert.Single(Large.Match($"亲，{name}什么时候发货"));

        Assert.Equal(new GazetteerMatch("P01234", 2, name.Length, GazetteerPhraseKind.Name), match);
    }

    [Fact]
    public void LongestMatchWinsAndMatchesDoNotOverlap()
    {
        var gazetteer = new ProductGazetteer(
        [
            new("dress", "连衣裙", GazetteerPhraseKind.Name),
            new("floral-dress", "碎花连衣裙", GazetteerPhraseKind.Name),
            new("floral", "碎花", GazetteerPhraseKind.Alias),
        ]);

        var matches = gazetteer.Match("碎花连衣裙和连衣裙");

        Assert.Equal(
            [
                new GazetteerMatch("floral-dress", 0, 5, GazetteerPhraseKind.Name),
                new GazetteerMatch("dress", 6, 3, GazetteerPhraseKind.Name),
            ],
            matches);
    }

    [Fact]
    public void LeftmostMatchWinsOverALongerOneStartingInsideIt()
    {
        var gazetteer = new ProductGazetteer(
        [
            new("a", "小黑", GazetteerPhraseKind.Alias),
            new("b", "黑裙子套装", GazetteerPhraseKind.Name),
        ]);

        var match = Assert.Single(gazetteer.Match("小黑裙子套装"));

        Assert.Equal("a", match.ProductId);
    }

    [Fact]
    public void ChineseAliasMatchesAnywhere()
    {
        var gazetteer = new ProductGazetteer([new("little-black-dress", "小黑裙", GazetteerPhraseKind.Alias)]);

        var match = Assert.Single(gazetteer.Match("我要那条小黑裙子"));

        Assert.Equal(new GazetteerMatch("little-black-dress", 4, 3, GazetteerPhraseKind.Alias), match);
    }

    [Fact]
    public void EnglishNameMatchesWholeWordsOnly()
    {
        var gazetteer = new ProductGazetteer([new("tee", "Basic Tee", GazetteerPhraseKind.Name)]);

        Assert.Single(gazetteer.Match("is the basic tee cotton?"));
        Assert.Empty(gazetteer.Match("basic teeth"));
    }

    [Fact]
    public void APhraseTwoProductsShareNamesBothInEntryOrder()
    {
        var gazetteer = new ProductGazetteer(
        [
            new("first", "爆款T恤", GazetteerPhraseKind.Alias),
            new("second", "爆款t恤", GazetteerPhraseKind.Alias),
            new("first", "爆款T恤", GazetteerPhraseKind.Name),
        ]);

        Assert.Equal(1, gazetteer.Count);
        Assert.Equal("first,second", Assert.Single(gazetteer.Match("爆款T恤")).ProductId);
    }

    [Fact]
    public void BlankPhrasesAreIgnored()
    {
        var gazetteer = new ProductGazetteer(
        [
            new("blank", "  ", GazetteerPhraseKind.Alias),
            new("empty", "", GazetteerPhraseKind.Alias),
        ]);

        Assert.Equal(0, gazetteer.Count);
        Assert.Empty(gazetteer.Match("anything at all"));
    }

    [Fact]
    public void AProductNameBeatsTheColourInsideIt()
    {
        var gazetteer = new ProductGazetteer([new("P-RED-DRESS", "红色连衣裙", GazetteerPhraseKind.Name)]);
        var extractor = new EntityExtractor(FixedClock.Wednesday, gazetteer);

        var entities = extractor.Extract("红色连衣裙XL有吗，要白色的");

        Assert.Equal(
            "Product:红色连衣裙=P-RED-DRESS | Size:XL=XL | Colour:白色=白色",
            EntityExtractorTests.Describe(entities));
    }

    [Fact]
    public void ExtractorFindsProductsFromALargeCatalogue()
    {
        var extractor = new EntityExtractor(FixedClock.Wednesday, Large);

        var entities = extractor.Extract($"{NameOf(7)}和SKU-09999各两件");

        Assert.Equal(
            $"Product:{NameOf(7)}=P00007 | Product:SKU-09999=P09999 | Quantity:两件=2",
            EntityExtractorTests.Describe(entities));
    }

    internal static string NameOf(int i) =>
        $"{Brands[i % 20]}{Brands[i / 20 % 20]}{i / 400:D2}号{Items[i % 10]}";

    internal static IEnumerable<GazetteerEntry> GenerateCatalogue(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = $"P{i:D5}";
            yield return new GazetteerEntry(id, NameOf(i), GazetteerPhraseKind.Name);
            yield return new GazetteerEntry(id, $"SKU-{i:D5}", GazetteerPhraseKind.SkuCode);
        }
    }
}
