namespace CustomerServiceBot.Recommendations;

// A synthetic but plausible paid-order history for a catalog, for the demo shop and the offline evaluation.
// Seeded: the same catalog, count and seed give the same orders. Its assumptions (docs/recommendations.md):
// - 180 days ending 2026-06-01 UTC; buyers order 1 + Geometric(0.45) times, days apart, and seldom rebuy an item;
// - each buyer leans to one top-level category (women's, men's, ...) and one category in it, and to a price band;
// - products sell with Zipf-like popularity (a seeded ranking, exponent 0.9);
// - an order starts from one item and adds, each with some probability: its accessories, bundles and
//   compatible items from the graph; one or two "hidden partners" per product that the graph does not know
//   (a particular tee with particular trousers), which only behaviour reveals; another item of the same
//   category; and a noise item from anywhere.
internal static class DemoOrderHistory
{
    private const int Days = 180;
    private static readonly DateTime End = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private const double AccessoryChance = 0.30, BundleChance = 0.30, CompatibleChance = 0.20, MainItemChance = 0.10;
    private const double HiddenPartnerChance = 0.30, SameCategoryChance = 0.08, NoiseChance = 0.20;
    private const double StayInGroup = 0.85, StayInFavourite = 0.5, RepeatBuyerContinues = 0.55;

    public static IReadOnlyList<Basket> Generate(CatalogGraph catalog, int orders, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(orders);
        var random = new Random(seed);
        var products = Enumerable.Range(0, catalog.Count).Select(i => catalog[i]).ToArray();
        var n = products.Length;
        if (n == 0 || orders == 0)
        {
            return [];
        }

        var popularity = new double[n];
        var rank = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        for (var r = 0; r < n; r++)
        {
            popularity[rank[r]] = 1 / Math.Pow(r + 1, 0.9);
        }

        var group = products.Select(p => p.ParentCategoryCode ?? p.CategoryCode ?? "").ToArray();
        var groups = group.Distinct().ToArray();
        var hiddenPartners = HiddenPartners(catalog, products, group, random);
        var everything = Enumerable.Range(0, n).ToArray();
        var byGroup = everything.GroupBy(i => group[i]).ToDictionary(g => g.Key, g => g.ToArray());
        var byCategory = everything.GroupBy(i => products[i].CategoryCode ?? "").ToDictionary(g => g.Key, g => g.ToArray());
        var groupWeight = byGroup.ToDictionary(g => g.Key, g => g.Value.Sum(i => popularity[i]));

        var generated = new List<(DateTime At, string Buyer, List<string> Items)>(orders);
        var buyer = 0;
        while (generated.Count < orders)
        {
            buyer++;
            var buyerId = $"B{buyer:D6}";
            var home = Pick(random, groups, g => groupWeight[g]);
            var favourite = products[Pick(random, byGroup[home], i => popularity[i])].CategoryCode ?? "";
            // Price band: how far above or below a product's category the buyer usually pays.
            var band = Math.Exp(Gaussian(random) * 0.4);
            var bought = new HashSet<int>();
            var at = End.AddDays(-Days * random.NextDouble());
            do
            {
                var roll = random.NextDouble();
                var pool = roll < StayInFavourite ? byCategory[favourite] : roll < StayInGroup ? byGroup[home] : everything;
                var anchor = PickAnchor(random, products, popularity, pool, band, bought);
                var items = new List<int> { anchor };
                void Maybe(int product, double chance)
                {
                    if (!items.Contains(product) && random.NextDouble() < chance)
                    {
                        items.Add(product);
                    }
                }

                foreach (var (other, kinds) in catalog.Neighbours(anchor))
                {
                    var chance = (kinds & CandidateKinds.Accessory) != 0 ? AccessoryChance
                        : (kinds & CandidateKinds.Bundle) != 0 ? BundleChance
                        : (kinds & CandidateKinds.Compatible) != 0 ? CompatibleChance
                        : (kinds & CandidateKinds.MainItem) != 0 ? MainItemChance
                        : 0;
                    Maybe(other, chance);
                }

                foreach (var partner in hiddenPartners[anchor])
                {
                    Maybe(partner, HiddenPartnerChance);
                }

                Maybe(Pick(random, byCategory[products[anchor].CategoryCode ?? ""], i => popularity[i]), SameCategoryChance);
                Maybe(Pick(random, everything, i => popularity[i]), NoiseChance);
                if (at <= End)
                {
                    generated.Add((at, buyerId, [.. items.Select(i => products[i].Code)]));
                }

                bought.UnionWith(items);
                at = at.AddDays(3 + Exponential(random, 25));
            }
            while (generated.Count < orders && at <= End && random.NextDouble() < RepeatBuyerContinues);
        }

        return [.. generated.OrderBy(o => o.At).Select((o, i) => new Basket($"D{i + 1:D6}", o.Buyer, TruncateToSeconds(o.At), o.Items))];
    }

    // One or two products per product from another category of the same top-level category (or from the
    // shop's accessories), never one the graph already relates to it.
    private static int[][] HiddenPartners(CatalogGraph catalog, CatalogProduct[] products, string[] group, Random random)
    {
        var partners = new int[products.Length][];
        for (var i = 0; i < products.Length; i++)
        {
            var related = catalog.Neighbours(i).ToArray().Select(e => e.Other).ToHashSet();
            var pool = Enumerable.Range(0, products.Length)
                .Where(j => j != i && !related.Contains(j) && products[j].CategoryCode != products[i].CategoryCode && group[j] == group[i])
                .ToArray();
            if (pool.Length == 0)
            {
                pool = [.. Enumerable.Range(0, products.Length).Where(j => j != i && !related.Contains(j) && products[j].CategoryCode != products[i].CategoryCode)];
            }

            partners[i] = [.. pool.OrderBy(_ => random.Next()).Take(1 + random.Next(2))];
        }

        return partners;
    }

    private static int PickAnchor(Random random, CatalogProduct[] products, double[] popularity, int[] pool, double band, HashSet<int> bought)
    {
        // Repeat buyers seldom buy the same thing again.
        var candidates = pool.Where(i => !bought.Contains(i) || random.NextDouble() < 0.1).ToArray();
        if (candidates.Length == 0)
        {
            candidates = pool;
        }

        var typical = candidates.Select(i => (double)Math.Max(1, products[i].PriceMinor)).Average() * band;
        return Pick(random, candidates, i => popularity[i] * Math.Exp(-Math.Abs(Math.Log(Math.Max(1, products[i].PriceMinor) / typical))));
    }

    private static T Pick<T>(Random random, T[] items, Func<T, double> weight)
    {
        var weights = items.Select(weight).ToArray();
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < items.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return items[i];
            }
        }

        return items[^1];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    private static DateTime TruncateToSeconds(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
