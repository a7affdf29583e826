using BenchmarkDotNet.Attributes;
using CustomerServiceBot.Nlu.Entities;

namespace CustomerServiceBot.Benchmarks.Nlu;

// Entity extraction on typical short Chinese buyer lines, with a 10,000-product catalogue
// (a name and a SKU code each) behind the gazetteer.
[MemoryDiagnoser]
public class EntityBenchmarks
{
    private const int CatalogueSize = 10_000;

    private static readonly string[] Brands =
        [.. "云星月海山风雪花竹松梅兰菊桃李杏柳樱枫橙".Select(c => c.ToString())];

    private static readonly string[] Items =
        [.. "衬衫卫衣夹克风衣毛衣背心短裤长裤裙子外套".Chunk(2).Select(c => new string(c))];

    private EntityExtractor _extractor = null!;
    private ProductGazetteer _gazetteer = null!;

    [Params(
        "亲，红色XL的还有吗？要两件",
        "身高170体重130斤穿什么码，明天下午3点前能发货吗",
        "订单号123456789012345678的云星00号衬衫满300减30，电话13812345678")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _gazetteer = new ProductGazetteer(Catalogue());
        _extractor = new EntityExtractor(TimeProvider.System, _gazetteer);
    }

    [Benchmark]
    public IReadOnlyList<Entity> Extract() => _extractor.Extract(Text);

    [Benchmark]
    public IReadOnlyList<GazetteerMatch> GazetteerMatch() => _gazetteer.Match(Text);

    [Benchmark]
    public ProductGazetteer BuildGazetteer() => new(Catalogue());

    private static IEnumerable<GazetteerEntry> Catalogue()
    {
        for (var i = 0; i < CatalogueSize; i++)
        {
            var id = $"P{i:D5}";
            yield return new GazetteerEntry(id, $"{Brands[i % 20]}{Brands[i / 20 % 20]}{i / 400:D2}号{Items[i % 10]}", GazetteerPhraseKind.Name);
            yield return new GazetteerEntry(id, $"SKU-{i:D5}", GazetteerPhraseKind.SkuCode);
        }
    }
}
