using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Tests.Recommendations;

public class DemoOrderHistoryTests
{
    private static readonly CatalogGraph Catalog = CatalogGraph.ReadCatalogJson(Path.Combine(AppContext.BaseDirectory, "data", "demo", "catalog.json"));

    [Fact]
    public void TheSameSeedGivesTheSameOrdersAndAnotherSeedOthers()
    {
        static string Text(IEnumerable<Basket> orders) => string.Join("\n", orders.Select(o => $"{o.OrderId} {o.BuyerId} {o.OrderedAtUtc:O} {string.Join(",", o.ProductCodes)}"));

        Assert.Equal(Text(DemoOrderHistory.Generate(Catalog, 500, 3)), Text(DemoOrderHistory.Generate(Catalog, 500, 3)));
        Assert.NotEqual(Text(DemoOrderHistory.Generate(Catalog, 500, 3)), Text(DemoOrderHistory.Generate(Catalog, 500, 4)));
    }

    [Fact]
    public void TheHistoryLooksLikeAShopsHalfYear()
    {
        var orders = DemoOrderHistory.Generate(Catalog, 4000, 42);

        Assert.Equal(4000, orders.Count);
        Assert.True(orders.Zip(orders.Skip(1)).All(p => p.First.OrderedAtUtc <= p.Second.OrderedAtUtc), "orders are in time order");
        Assert.InRange((orders[^1].OrderedAtUtc - orders[0].OrderedAtUtc).TotalDays, 150, 180);
        Assert.All(orders, o => Assert.All(o.ProductCodes, code => Assert.NotNull(Catalog.Find(code))));
        Assert.All(orders, o => Assert.Equal(o.ProductCodes.Count, o.ProductCodes.Distinct().Count()));

        var multiItemShare = orders.Count(o => o.ProductCodes.Count >= 2) / (double)orders.Count;
        Assert.InRange(multiItemShare, 0.35, 0.8);
        var ordersPerBuyer = orders.GroupBy(o => o.BuyerId).Select(g => g.Count()).ToList();
        Assert.Contains(ordersPerBuyer, n => n >= 3);
        Assert.InRange(ordersPerBuyer.Count(n => n > 1) / (double)ordersPerBuyer.Count, 0.2, 0.8);

        // Zipf-like: the best seller sells several times as often as the median product.
        var sales = orders.SelectMany(o => o.ProductCodes).GroupBy(c => c).Select(g => g.Count()).OrderDescending().ToList();
        Assert.True(sales[0] > 3 * sales[sales.Count / 2], $"best {sales[0]}, median {sales[sales.Count / 2]}");
    }

    [Fact]
    public void AccessoriesFromTheGraphAreBoughtWithTheirMainItemMoreOftenThanByChance()
    {
        var orders = DemoOrderHistory.Generate(Catalog, 4000, 42);
        // AS-7001 accessory_of WC-3002 in the demo catalog.
        var withCoat = orders.Where(o => o.ProductCodes[0] == "WC-3002").ToList();
        var share = withCoat.Count(o => o.ProductCodes.Contains("AS-7001")) / (double)withCoat.Count;
        var overall = orders.Count(o => o.ProductCodes.Contains("AS-7001")) / (double)orders.Count;
        Assert.True(share > 3 * overall, $"with the coat {share:P1}, overall {overall:P1}");
    }
}
