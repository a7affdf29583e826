using BenchmarkDotNet.Attributes;
using CustomerServiceBot.Api.Understanding;
using CustomerServiceBot.Nlu.Entities;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Benchmarks.Understanding;

// The whole reading of one short Chinese message as the service does it: intent with ranked
// alternatives (base model trained on data/nlu), emotion with escalation, and entities with a
// 10,000-product gazetteer. Models are trained once into a temp cache, as the service caches them.
[MemoryDiagnoser]
[MedianColumn]
public class BuyerMessageReaderBenchmarks
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private BuyerMessageReader _reader = null!;
    private ProductGazetteer _gazetteer = null!;

    [Params("亲，红色XL的还有吗？", "身高170体重130斤穿什么码", "怎么还没发货啊，急用")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public async Task Setup()
    {
        var cache = Path.Combine(Path.GetTempPath(), "csbot-benchmarks", "models");
        var models = new NluModels(
            Options.Create(new NluOptions { ModelCache = cache }),
            new HostingEnvironment { ContentRootPath = cache },
            NullLogger<NluModels>.Instance);
        await models.LoadBaseModelsAsync(CancellationToken.None);
        _reader = new BuyerMessageReader(models, TimeProvider.System);
        _gazetteer = new ProductGazetteer(Enumerable.Range(0, 10_000)
            .Select(i => new GazetteerEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"商品{i:D5}号", GazetteerPhraseKind.Name)));
    }

    [Benchmark]
    public object Read() => _reader.Read("bench", Text, Shanghai, _gazetteer);
}
