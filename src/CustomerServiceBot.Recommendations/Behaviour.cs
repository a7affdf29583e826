namespace CustomerServiceBot.Recommendations;

// Counts from the shop's orders and conversations, by product index of one catalog: how often each product
// was bought, bought together with another, looked at together with another, and how often one category's
// items come with another category's (which carries over to products that have no history yet).
internal sealed class Behaviour
{
    private static readonly Dictionary<int, int> NoCounts = [];

    private Behaviour(CatalogGraph catalog)
    {
        Catalog = catalog;
        var n = catalog.Count;
        Bought = new int[n];
        CoBought = new Dictionary<int, int>?[n];
        CoViewed = new Dictionary<int, int>?[n];
        Viewed = new int[n];
        Category = new int[n];
        Parent = new int[n];
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        int IndexOfCategory(string? code) => code is null ? -1 : categories.TryGetValue(code, out var i) ? i : categories[code] = categories.Count;
        for (var i = 0; i < n; i++)
        {
            Category[i] = IndexOfCategory(catalog[i].CategoryCode);
            Parent[i] = IndexOfCategory(catalog[i].ParentCategoryCode);
        }

        CategoryItems = new int[categories.Count];
    }

    public CatalogGraph Catalog { get; }

    public int Baskets { get; private set; }

    public int MultiItemBaskets { get; private set; }

    public int[] Bought { get; }

    public int MaxBought { get; private set; }

    public int[] Viewed { get; }

    public int ViewSessions { get; private set; }

    public int[] Category { get; }

    public int[] Parent { get; }

    // Occurrences of a category's items in baskets of two or more, and ordered pairs of categories within them.
    // Parent categories are counted in the same tables (their indices are disjoint from their children's codes).
    public int[] CategoryItems { get; }

    public Dictionary<(int, int), int> CategoryPairs { get; } = [];

    private Dictionary<int, int>?[] CoBought { get; }

    private Dictionary<int, int>?[] CoViewed { get; }

    public IReadOnlyDictionary<int, int> CoBoughtWith(int product) => CoBought[product] ?? NoCounts;

    public int CoBoughtCount(int a, int b) => CoBought[a]?.GetValueOrDefault(b) ?? 0;

    public IReadOnlyDictionary<int, int> CoViewedWith(int product) => CoViewed[product] ?? NoCounts;

    public int CoViewedCount(int a, int b) => CoViewed[a]?.GetValueOrDefault(b) ?? 0;

    public static Behaviour Count(CatalogGraph catalog, IReadOnlyList<Basket> baskets, IReadOnlyList<IReadOnlyList<string>> viewSessions)
    {
        var behaviour = new Behaviour(catalog);
        var items = new List<int>();
        foreach (var basket in baskets)
        {
            behaviour.Resolve(basket.ProductCodes, items);
            if (items.Count == 0)
            {
                continue;
            }

            behaviour.Baskets++;
            foreach (var item in items)
            {
                behaviour.Bought[item]++;
            }

            if (items.Count < 2)
            {
                continue;
            }

            behaviour.MultiItemBaskets++;
            AddPairs(behaviour.CoBought, items);
            foreach (var x in items)
            {
                behaviour.CountCategories(x, +1);
                foreach (var y in items)
                {
                    if (x != y)
                    {
                        behaviour.CountCategoryPair(x, y, +1);
                    }
                }
            }
        }

        foreach (var session in viewSessions)
        {
            behaviour.Resolve(session, items);
            if (items.Count > 0)
            {
                behaviour.ViewSessions++;
            }

            foreach (var item in items)
            {
                behaviour.Viewed[item]++;
            }

            if (items.Count >= 2)
            {
                AddPairs(behaviour.CoViewed, items);
            }
        }

        behaviour.MaxBought = behaviour.Bought.Length == 0 ? 0 : behaviour.Bought.Max();
        return behaviour;
    }

    // Catalog indices of the distinct known products of a basket or session, in their order.
    public void Resolve(IReadOnlyList<string> codes, List<int> into)
    {
        into.Clear();
        foreach (var code in codes)
        {
            var index = Catalog.IndexOf(code);
            if (index >= 0 && !into.Contains(index))
            {
                into.Add(index);
            }
        }
    }

    public int CategoryPairCount(int fromCategory, int toCategory) =>
        fromCategory < 0 || toCategory < 0 ? 0 : CategoryPairs.GetValueOrDefault((fromCategory, toCategory));

    private static void AddPairs(Dictionary<int, int>?[] pairs, List<int> items)
    {
        foreach (var x in items)
        {
            var row = pairs[x] ??= [];
            foreach (var y in items)
            {
                if (x != y)
                {
                    row[y] = row.GetValueOrDefault(y) + 1;
                }
            }
        }
    }

    private void CountCategories(int item, int delta)
    {
        if (Category[item] >= 0)
        {
            CategoryItems[Category[item]] += delta;
        }

        if (Parent[item] >= 0)
        {
            CategoryItems[Parent[item]] += delta;
        }
    }

    private void CountCategoryPair(int x, int y, int delta)
    {
        if (Category[x] >= 0 && Category[y] >= 0)
        {
            CategoryPairs[(Category[x], Category[y])] = CategoryPairs.GetValueOrDefault((Category[x], Category[y])) + delta;
        }

        if (Parent[x] >= 0 && Parent[y] >= 0)
        {
            CategoryPairs[(Parent[x], Parent[y])] = CategoryPairs.GetValueOrDefault((Parent[x], Parent[y])) + delta;
        }
    }
}
