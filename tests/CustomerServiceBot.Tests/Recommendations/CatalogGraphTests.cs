using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Tests.Recommendations;

public sealed class CatalogGraphTests : IDisposable
{
    private static readonly string DemoCatalog = Path.Combine(AppContext.BaseDirectory, "data", "demo", "catalog.json");

    private readonly TempFolder _files = new("csbot-catalog-");

    public void Dispose() => _files.Dispose();

    private string CatalogFile(string content) => _files.Write("catalog.json", content);

    private static void AssertError(string expected, string path) =>
        Assert.Equal(expected, Assert.Throws<RecommendationDataException>(() => CatalogGraph.ReadCatalogJson(path)).Message);

    [Fact]
    public void TheDemoCatalogReadsWithCategoriesSkusAndRelations()
    {
        var catalog = CatalogGraph.ReadCatalogJson(DemoCatalog);

        Assert.Equal(38, catalog.Products.Count);
        Assert.Equal(23, catalog.Relations.Count);
        var dress = catalog.Find("WD-1001")!;
        Assert.Equal(("W-DRS", "W", 25900L), (dress.CategoryCode, dress.ParentCategoryCode, dress.PriceMinor));
        var sku = dress.Skus.Single(s => s.Code == "WD-1001-RED-M");
        Assert.Equal(("红色", "M", 3), (sku.Colour, sku.Size, sku.Stock));
        Assert.Equal("WD-1001", catalog.ProductCodeOfSku("WD-1001-RED-M"));
        Assert.Null(catalog.ProductCodeOfSku("WD-1001"));
        // The silk scarf has SKUs and none in stock.
        Assert.False(catalog.Find("AS-7003")!.InStock);
    }

    [Fact]
    public void APriceIsTheCheapestSkuAndAProductWithoutSkusIsAlwaysInStock()
    {
        var path = CatalogFile("""
            { "products": [
                { "code": "P1", "listPrice": 9900, "skus": [ { "code": "P1-A", "price": 8900, "stock": 0 }, { "code": "P1-B", "price": 9900, "stock": 0 } ] },
                { "code": "P2", "listPrice": 5000 } ] }
            """);

        var catalog = CatalogGraph.ReadCatalogJson(path);

        Assert.Equal((8900L, false), (catalog.Find("P1")!.PriceMinor, catalog.Find("P1")!.InStock));
        Assert.Equal((5000L, true), (catalog.Find("P2")!.PriceMinor, catalog.Find("P2")!.InStock));
    }

    [Fact]
    public void BadCatalogFilesAreOneLineErrors()
    {
        AssertError($"{_files.PathOf("none.json")}: file not found", _files.PathOf("none.json"));

        var path = CatalogFile("{\n  \"products\": [\n    { \"code\": \"P1\" \n  ]\n}");
        Assert.StartsWith($"{path}:4: not valid JSON (", Assert.Throws<RecommendationDataException>(() => CatalogGraph.ReadCatalogJson(path)).Message);

        AssertError($"{path}: expected a JSON object with a 'products' list", CatalogFile("[]"));
        AssertError($"{path}: products[1]: product code 'P1' appears twice", CatalogFile("""{ "products": [ { "code": "P1" }, { "code": "P1" } ] }"""));
        AssertError($"{path}: products[0]: 'code' is missing or not a string", CatalogFile("""{ "products": [ { "title": "x" } ] }"""));
        AssertError($"{path}: products[0]: 'listPrice' is not a whole number", CatalogFile("""{ "products": [ { "code": "P1", "listPrice": "cheap" } ] }"""));
        AssertError($"{path}: relations[0]: unknown product 'P9'",
            CatalogFile("""{ "products": [ { "code": "P1" } ], "relations": [ { "from": "P1", "to": "P9", "type": "similar_to" } ] }"""));
        AssertError($"{path}: relations[0]: unknown relation type 'likes' (expected accessory_of, bundle_with, similar_to, upgrade_of, compatible_with)",
            CatalogFile("""{ "products": [ { "code": "P1" }, { "code": "P2" } ], "relations": [ { "from": "P1", "to": "P2", "type": "likes" } ] }"""));
        AssertError($"{path}: the catalog has no products", CatalogFile("""{ "products": [] }"""));
    }

    [Fact]
    public void RelationsToProductsOutsideTheSnapshotAreDropped()
    {
        var catalog = new CatalogGraph([TinyShop.Product("A", "C", "P", 100)], [new CatalogRelation("A", "GONE", RelationTypes.SimilarTo)]);
        Assert.Empty(catalog.Relations);
    }
}
