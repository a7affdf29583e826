using BenchmarkDotNet.Attributes;
using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Benchmarks.Recommendations;

// One Recommend call for one reply, on the ranker trained from the demo catalog's generated 20,000-order
// history (as `csbot evaluate-recommendations --catalog data/demo/catalog.json` builds it, on all orders).
// Each call asks about a different product from a rotating set, so no query is answered from a warm cache line.
[MemoryDiagnoser]
[MedianColumn]
public class RecommendationBenchmarks
{
    private const int Rotation = 1024;

    private RecommendationModel _model = null!;
    private RecommendationQuery[] _preSale = null!;
    private RecommendationQuery[] _preSaleAsServed = null!;
    private RecommendationQuery[] _outOfStock = null!;
    private RecommendationQuery[] _browse = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = CatalogGraph.ReadCatalogJson(Path.Combine(AppContext.BaseDirectory, "data", "demo", "catalog.json"));
        _model = RecommendationModel.Build(catalog, DemoOrderHistory.Generate(catalog, 20_000, 42), []);
        if (!_model.Info.Learned)
        {
            throw new InvalidOperationException($"The benchmark wants the learned ranker: {_model.Info.FallbackReason}");
        }

        var random = new Random(42);
        var products = catalog.Products.Select(p => p.Code).ToArray();
        var clothes = catalog.Products.Where(p => p.Skus.Any(s => s.Size == "M")).Select(p => p.Code).ToArray();
        var categories = catalog.Products.Select(p => p.ParentCategoryCode ?? p.CategoryCode!).Distinct().ToArray();
        string Pick(string[] from) => from[random.Next(from.Length)];
        var bought = new HashSet<string>(products.Take(3));
        _preSale = [.. Enumerable.Range(0, Rotation).Select(_ => new RecommendationQuery(RecommendationScene.PreSale, [Pick(products)]))];
        // What the service passes: its own stock check, the buyer's purchases and shown cards, a profile.
        _preSaleAsServed = [.. Enumerable.Range(0, Rotation).Select(_ => new RecommendationQuery(RecommendationScene.PreSale, [Pick(products)],
            Exclude: bought, FavouriteCategories: [Pick(categories)], Available: (code, size) => code.Length > 0))];
        _outOfStock = [.. Enumerable.Range(0, Rotation).Select(_ => new RecommendationQuery(RecommendationScene.OutOfStock, [Pick(clothes)], Size: "M", Colour: "红色"))];
        _browse = [.. Enumerable.Range(0, Rotation).Select(_ => new RecommendationQuery(RecommendationScene.Browse, [], FavouriteCategories: [Pick(categories)]))];
        if (_model.Recommend(_preSale[0]).Count == 0 || _model.Recommend(_outOfStock[0]).Count == 0 || _model.Recommend(_browse[0]).Count == 0)
        {
            throw new InvalidOperationException("The benchmark queries get no recommendations.");
        }
    }

    private int Next() => _next = (_next + 1) & (Rotation - 1);

    [Benchmark]
    public object PreSale() => _model.Recommend(_preSale[Next()]);

    [Benchmark]
    public object PreSaleWithStockCheckExclusionsAndProfile() => _model.Recommend(_preSaleAsServed[Next()]);

    [Benchmark]
    public object OutOfStockInSize() => _model.Recommend(_outOfStock[Next()]);

    [Benchmark]
    public object Browse() => _model.Recommend(_browse[Next()]);
}
