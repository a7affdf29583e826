using System.Text.Json;

namespace CustomerServiceBot.Recommendations;

internal static class RelationTypes
{
    public const string AccessoryOf = "accessory_of";
    public const string BundleWith = "bundle_with";
    public const string SimilarTo = "similar_to";
    public const string UpgradeOf = "upgrade_of";
    public const string CompatibleWith = "compatible_with";

    public static readonly IReadOnlyList<string> All = [AccessoryOf, BundleWith, SimilarTo, UpgradeOf, CompatibleWith];
}

internal sealed record CatalogSku(string Code, string? Colour, string? Size, long PriceMinor, int Stock);

// PriceMinor is the lowest price a buyer pays: the cheapest SKU, or the list price of a product without SKUs.
// A product without SKUs has no tracked stock and counts as in stock.
internal sealed record CatalogProduct(string Code, string? CategoryCode, string? ParentCategoryCode, long PriceMinor, IReadOnlyList<CatalogSku> Skus)
{
    public bool InStock => HasStockIn(null);

    // Size null: any SKU. A size is compared case-insensitively ("m" is "M").
    public bool HasStockIn(string? size)
    {
        if (Skus.Count == 0)
        {
            return true;
        }

        // By index: this runs per candidate on the reply path, and an interface enumerator would allocate.
        for (var i = 0; i < Skus.Count; i++)
        {
            var sku = Skus[i];
            if (sku.Stock > 0 && (size is null || string.Equals(sku.Size, size, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}

// "A accessory_of B": A is an accessory of B. "A upgrade_of B": A is the better, dearer version of B.
internal sealed record CatalogRelation(string FromCode, string ToCode, string Type);

// An immutable snapshot of what the recommender needs from a shop's knowledge graph: products with their
// category and parent category, SKUs with colour, size, price and stock, and the typed relations.
internal sealed class CatalogGraph
{
    private static readonly string[] ColourKeys = ["颜色", "colour", "color"];
    private static readonly string[] SizeKeys = ["尺码", "size", "尺寸"];

    private readonly CatalogProduct[] _products;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _productOfSku = new(StringComparer.Ordinal);
    private readonly (int Other, CandidateKinds Kinds)[][] _neighbours;

    public CatalogGraph(IEnumerable<CatalogProduct> products, IEnumerable<CatalogRelation> relations)
    {
        _products = [.. products];
        for (var i = 0; i < _products.Length; i++)
        {
            if (!_index.TryAdd(_products[i].Code, i))
            {
                throw new ArgumentException($"product code '{_products[i].Code}' appears twice in the catalog");
            }

            foreach (var sku in _products[i].Skus)
            {
                _productOfSku[sku.Code] = _products[i].Code;
            }
        }

        // Relations to products the snapshot does not hold (delisted, filtered out) carry nothing to recommend.
        var kept = new List<CatalogRelation>();
        var edges = new Dictionary<(int, int), CandidateKinds>();
        foreach (var relation in relations)
        {
            if (!_index.TryGetValue(relation.FromCode, out var from) || !_index.TryGetValue(relation.ToCode, out var to) || from == to)
            {
                continue;
            }

            var (forward, backward) = relation.Type switch
            {
                // For context B, "A accessory_of B" makes A an accessory; for context A, B is the main piece it goes with.
                RelationTypes.AccessoryOf => (CandidateKinds.MainItem, CandidateKinds.Accessory),
                RelationTypes.BundleWith => (CandidateKinds.Bundle, CandidateKinds.Bundle),
                RelationTypes.SimilarTo => (CandidateKinds.Similar, CandidateKinds.Similar),
                RelationTypes.UpgradeOf => (CandidateKinds.Downgrade, CandidateKinds.Upgrade),
                RelationTypes.CompatibleWith => (CandidateKinds.Compatible, CandidateKinds.Compatible),
                _ => (CandidateKinds.None, CandidateKinds.None),
            };
            if (forward == CandidateKinds.None)
            {
                continue;
            }

            kept.Add(relation);
            edges[(from, to)] = edges.GetValueOrDefault((from, to)) | forward;
            edges[(to, from)] = edges.GetValueOrDefault((to, from)) | backward;
        }

        Relations = kept;
        var lists = new List<(int, CandidateKinds)>[_products.Length];
        foreach (var ((from, to), kinds) in edges)
        {
            (lists[from] ??= []).Add((to, kinds));
        }

        _neighbours = [.. lists.Select(list => list is null ? [] : list.OrderBy(e => e.Item1).ToArray())];
    }

    public IReadOnlyCollection<CatalogProduct> Products => _products;

    public IReadOnlyList<CatalogRelation> Relations { get; }

    public CatalogProduct? Find(string code) => _index.TryGetValue(code, out var i) ? _products[i] : null;

    public string? ProductCodeOfSku(string skuCode) => _productOfSku.GetValueOrDefault(skuCode);

    internal int Count => _products.Length;

    internal CatalogProduct this[int index] => _products[index];

    internal int IndexOf(string code) => _index.TryGetValue(code, out var i) ? i : -1;

    // The products related to one product, with how each relates seen from it (an accessory of it, its upgrade, ...).
    internal ReadOnlySpan<(int Other, CandidateKinds Kinds)> Neighbours(int index) => _neighbours[index];

    // A catalog known only from an order file: products without categories, relations or SKUs, priced
    // from the file where it has prices. The ranker then learns from behaviour alone.
    public static CatalogGraph FromOrders(IEnumerable<Basket> baskets, IReadOnlyDictionary<string, long>? unitPrices = null)
    {
        var codes = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in baskets.SelectMany(b => b.ProductCodes))
        {
            if (seen.Add(code))
            {
                codes.Add(code);
            }
        }

        return new CatalogGraph(codes.Select(code => new CatalogProduct(code, null, null, unitPrices?.GetValueOrDefault(code) ?? 0, [])), []);
    }

    // The whole-catalog JSON format of data/demo/catalog.json. Only what recommendations use is read.
    public static CatalogGraph ReadCatalogJson(string path)
    {
        if (!File.Exists(path))
        {
            throw new RecommendationDataException($"{path}: file not found");
        }

        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException exception)
        {
            throw new RecommendationDataException($"{path}:{exception.LineNumber + 1}: not valid JSON ({FirstSentence(exception.Message)})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("products", out var productsJson) || productsJson.ValueKind != JsonValueKind.Array)
            {
                throw new RecommendationDataException($"{path}: expected a JSON object with a 'products' list");
            }

            var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (root.TryGetProperty("categories", out var categoriesJson) && categoriesJson.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var category in categoriesJson.EnumerateArray())
                {
                    var code = RequiredString(category, "code", path, $"categories[{i}]");
                    parents[code] = OptionalString(category, "parent");
                    i++;
                }
            }

            var products = new List<CatalogProduct>();
            var codes = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var product in productsJson.EnumerateArray())
            {
                var location = $"products[{index++}]";
                var code = RequiredString(product, "code", path, location);
                if (!codes.Add(code))
                {
                    throw new RecommendationDataException($"{path}: {location}: product code '{code}' appears twice");
                }

                var category = OptionalString(product, "category");
                var skus = new List<CatalogSku>();
                if (product.TryGetProperty("skus", out var skusJson) && skusJson.ValueKind == JsonValueKind.Array)
                {
                    var s = 0;
                    foreach (var sku in skusJson.EnumerateArray())
                    {
                        var skuLocation = $"{location}.skus[{s++}]";
                        var attributes = sku.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                        skus.Add(new CatalogSku(
                            RequiredString(sku, "code", path, skuLocation),
                            Attribute(attributes, ColourKeys),
                            Attribute(attributes, SizeKeys),
                            Money(sku, "price", path, skuLocation) ?? 0,
                            (int)Math.Clamp(Money(sku, "stock", path, skuLocation) ?? 0, 0, int.MaxValue)));
                    }
                }

                var listPrice = Money(product, "listPrice", path, location);
                var price = skus.Count > 0 ? skus.Min(s => s.PriceMinor) : listPrice ?? 0;
                var parent = category is not null ? parents.GetValueOrDefault(category) : null;
                products.Add(new CatalogProduct(code, category, parent, price, skus));
            }

            var relations = new List<CatalogRelation>();
            if (root.TryGetProperty("relations", out var relationsJson) && relationsJson.ValueKind == JsonValueKind.Array)
            {
                var r = 0;
                foreach (var relation in relationsJson.EnumerateArray())
                {
                    var location = $"relations[{r++}]";
                    var from = RequiredString(relation, "from", path, location);
                    var to = RequiredString(relation, "to", path, location);
                    var type = RequiredString(relation, "type", path, location);
                    if (!RelationTypes.All.Contains(type))
                    {
                        throw new RecommendationDataException($"{path}: {location}: unknown relation type '{type}' (expected {string.Join(", ", RelationTypes.All)})");
                    }

                    foreach (var end in new[] { from, to })
                    {
                        if (!codes.Contains(end))
                        {
                            throw new RecommendationDataException($"{path}: {location}: unknown product '{end}'");
                        }
                    }

                    relations.Add(new CatalogRelation(from, to, type));
                }
            }

            if (products.Count == 0)
            {
                throw new RecommendationDataException($"{path}: the catalog has no products");
            }

            return new CatalogGraph(products, relations);
        }
    }

    private static string RequiredString(JsonElement element, string name, string path, string location) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new RecommendationDataException($"{path}: {location}: '{name}' is missing or not a string");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static long? Money(JsonElement element, string name, string path, string location)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new RecommendationDataException($"{path}: {location}: '{name}' is not a whole number");
    }

    private static string? Attribute(JsonElement attributes, string[] keys)
    {
        if (attributes.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in attributes.EnumerateObject())
        {
            if (keys.Contains(property.Name, StringComparer.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}

// How a candidate relates to the product under discussion. A candidate can be several at once
// (similar and bought together); the scene decides which of them may surface and which one is the reason.
[Flags]
internal enum CandidateKinds : ushort
{
    None = 0,
    Accessory = 1 << 0,      // the candidate is an accessory of the context product
    MainItem = 1 << 1,       // the context product is an accessory of the candidate
    Bundle = 1 << 2,
    Similar = 1 << 3,
    Upgrade = 1 << 4,        // the candidate is the better version of the context product
    Downgrade = 1 << 5,      // the context product is the better version of the candidate
    Compatible = 1 << 6,
    SameCategory = 1 << 7,
    SameParent = 1 << 8,
    BoughtTogether = 1 << 9,
    ViewedTogether = 1 << 10,
    Popular = 1 << 11,
}
