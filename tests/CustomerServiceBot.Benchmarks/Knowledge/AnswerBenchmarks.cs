using BenchmarkDotNet.Attributes;
using CustomerServiceBot.Api.Knowledge.Answers;
using CustomerServiceBot.Api.Knowledge.View;

namespace CustomerServiceBot.Benchmarks.Knowledge;

// Answer resolution from the in-memory view of a 100,000-SKU, 5,000-FAQ shop. Each call answers a
// different product (or question) from a rotating set, so no answer is served from a warm cache line.
[MemoryDiagnoser]
public class AnswerBenchmarks
{
    private const int Rotation = 1024;

    private ShopKnowledge _view = null!;
    private AnswerService _answers = null!;
    private AnswerQuery[] _price = null!;
    private (AnswerQuery Query, ConversationFocus Focus)[] _stock = null!;
    private (AnswerQuery Query, ConversationFocus Focus)[] _size = null!;
    private (AnswerQuery Query, ConversationFocus Focus)[] _spec = null!;
    private AnswerQuery[] _faq = null!;
    private AnswerQuery[] _shipping = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _view = ShopKnowledge.Build(CatalogRows.FromCatalog("large", LargeShop.Generate()));
        _answers = new AnswerService(TimeProvider.System);
        var random = new Random(42);
        var products = _view.Products.Values.ToArray();
        ProductNode Pick() => products[random.Next(products.Length)];
        _price = [.. Enumerable.Range(0, Rotation).Select(_ => new AnswerQuery("product_price", ProductMentions: [Pick().Aliases[0]]))];
        _stock = [.. Enumerable.Range(0, Rotation).Select(i => (new AnswerQuery("product_stock", Colour: i % 2 == 0 ? "红色" : "黑色", Size: "XL"), new ConversationFocus(Pick().Id)))];
        _size = [.. Enumerable.Range(0, Rotation).Select(i => (new AnswerQuery("size_recommendation", HeightCm: 150 + i % 25, WeightKg: 45 + i % 25), new ConversationFocus(Pick().Id)))];
        _spec = [.. Enumerable.Range(0, Rotation).Select(i => (new AnswerQuery("product_spec", Text: i % 2 == 0 ? "是纯棉的吗" : "怎么洗"), new ConversationFocus(Pick().Id)))];
        _faq = [.. Enumerable.Range(0, Rotation).Select(i => new AnswerQuery("other", Text: $"{"连衣裙衬衫卫衣毛衣"[(i % 4 * 2)..(i % 4 * 2 + 2)]}{i % 20}号{(i % 2 == 0 ? "退货" : "发票")}要怎么处理呀"))];
        _shipping = [.. Enumerable.Range(0, Rotation).Select(i => new AnswerQuery(i % 2 == 0 ? "shipping_fee" : "shipping_time", Area: i % 3 == 0 ? "新疆" : "浙江"))];
        if (_answers.Answer(_view, _price[0]).Status != AnswerStatus.Answered || _answers.Answer(_view, _faq[0]).Kind != "faq")
        {
            throw new InvalidOperationException("The generated shop does not answer the benchmark questions.");
        }
    }

    private int Next() => _next = (_next + 1) & (Rotation - 1);

    [Benchmark]
    public KnowledgeAnswer PriceByMention() => _answers.Answer(_view, _price[Next()]);

    [Benchmark]
    public KnowledgeAnswer StockByColourAndSize()
    {
        var (query, focus) = _stock[Next()];
        return _answers.Answer(_view, query, focus);
    }

    [Benchmark]
    public KnowledgeAnswer SizeFromHeightAndWeight()
    {
        var (query, focus) = _size[Next()];
        return _answers.Answer(_view, query, focus);
    }

    [Benchmark]
    public KnowledgeAnswer InheritedSpec()
    {
        var (query, focus) = _spec[Next()];
        return _answers.Answer(_view, query, focus);
    }

    [Benchmark]
    public KnowledgeAnswer ShippingPolicy() => _answers.Answer(_view, _shipping[Next()]);

    [Benchmark]
    public KnowledgeAnswer FaqRetrieval() => _answers.Answer(_view, _faq[Next()]);
}
