using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerServiceBot.Api.Knowledge.Catalog;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerServiceBot.IntegrationTests.Knowledge;

public abstract class CatalogImportTests(ApiFactory factory)
{
    private const string CsvHeader = "product_code,title,title_en,category,list_price,aliases,attributes,sku_code,colour,size,price,stock,barcode";

    [DbFact]
    public async Task DemoCatalogImportsEveryNodeAndReimportChangesNothing()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();
        var first = await CountsAsync(shop.Id);

        var again = await (await client.ImportJsonAsync(shop, KnowledgeScenario.DemoCatalogBytes())).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal((12, 38, 418, 23, 3, 5, 29, 5), first);
        Assert.Equal(first, await CountsAsync(shop.Id));
        Assert.Equal(418, again.GetProperty("summary").GetProperty("skus").GetInt32());
        client.Dispose();
    }

    [DbFact]
    public async Task ConcurrentImportsIntoOneShopBothSucceed()
    {
        var shop = await factory.CreateShopAsync();
        using var first = factory.CreateClient(shop.ApiKey);
        using var second = factory.CreateClient(shop.ApiKey);

        var responses = await Task.WhenAll(first.ImportJsonAsync(shop, KnowledgeScenario.DemoCatalogBytes()), second.ImportJsonAsync(shop, KnowledgeScenario.DemoCatalogBytes()));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal((12, 38, 418, 23, 3, 5, 29, 5), await CountsAsync(shop.Id));
    }

    [DbFact]
    public async Task DryRunValidatesAndWritesNothing()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);

        var result = await (await client.ImportJsonAsync(shop, KnowledgeScenario.DemoCatalogBytes(), dryRun: true)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.True(result.GetProperty("dryRun").GetBoolean());
        Assert.False(result.GetProperty("imported").GetBoolean());
        Assert.Equal(38, result.GetProperty("summary").GetProperty("products").GetInt32());
        Assert.Equal((0, 0, 0, 0, 0, 0, 0, 0), await CountsAsync(shop.Id));
    }

    public static IEnumerable<(string Name, Func<JsonObject, byte[]> Break, string[] Expected)> BadJsonFiles =>
    [
        ("wrong encoding", catalog => GbkLike(Serialize(catalog), line: 3), ["line 3: The file is not valid UTF-8: byte 0xBA at offset"]),
        ("duplicate codes", catalog => Mutate(catalog, c => c["products"]![1]!["code"] = "WD-1001"),
            ["/products/1/code: Duplicate product code 'WD-1001'.", "/products/1/skus/0/code: SKU code 'WD-1002-BLUE-S' already belongs to product 'WD-1002'."]),
        ("duplicate SKU codes", catalog => Mutate(catalog, c => c["products"]![2]!["skus"]![0]!["code"] = "WD-1001-RED-S"),
            ["/products/2/skus/0/code: Duplicate SKU code 'WD-1001-RED-S' (also under product 'WD-1001')."]),
        ("negative price and stock", catalog => Mutate(catalog, c =>
            {
                c["products"]![0]!["skus"]![3]!["price"] = -1;
                c["products"]![5]!["skus"]![1]!["stock"] = -3;
            }),
            ["/products/0/skus/3/price: Price must not be negative (got -1).", "/products/5/skus/1/stock: Stock must not be negative (got -3)."]),
        ("relation to an unknown product", catalog => Mutate(catalog, c => c["relations"]![0]!["to"] = "XX-0000"),
            ["/relations/0/to: Relation target product 'XX-0000' does not exist."]),
        ("category cycle", catalog => Mutate(catalog, c => c["categories"]![0]!["parent"] = "W-DRS"),
            ["/categories/0/parent: Category tree has a cycle: W → W-DRS → W.", "/categories/1/parent: Category tree has a cycle: W-DRS → W → W-DRS."]),
        ("unknown category", catalog => Mutate(catalog, c => c["products"]![0]!["category"] = "NOPE"),
            ["/products/0/category: Category 'NOPE' does not exist."]),
        ("wrong type", catalog => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Serialize(catalog)).Replace("\"stock\": 1,", "\"stock\": \"many\",")),
            ["$.products[0].skus[0].stock: Not valid catalog JSON (a value of the wrong type or malformed JSON here)"]),
    ];

    [DbFact]
    public async Task BadJsonCatalogsAreRejectedWithPreciseMessagesAndNothingWritten()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();
        var before = await CountsAsync(shop.Id);
        var beforeStock = await factory.WithDbAsync(db => db.Skus.Where(s => s.ShopId == shop.Id).SumAsync(s => s.Stock));
        foreach (var (name, breakIt, expected) in BadJsonFiles)
        {
            var catalog = JsonNode.Parse(KnowledgeScenario.DemoCatalogBytes())!.AsObject();
            // A valid change rides along with the bad one: it must not be written either.
            catalog["products"]![0]!["skus"]![0]!["stock"] = 1;

            var errors = await (await client.ImportJsonAsync(shop, breakIt(catalog))).AssertValidationProblemAsync();

            foreach (var message in expected)
            {
                Assert.True(errors.Any(e => e.Contains(message, StringComparison.Ordinal)), $"{name}: expected '{message}' among:\n{string.Join("\n", errors)}");
            }
        }

        Assert.Equal(before, await CountsAsync(shop.Id));
        Assert.Equal(beforeStock, await factory.WithDbAsync(db => db.Skus.Where(s => s.ShopId == shop.Id).SumAsync(s => s.Stock)));
        client.Dispose();
    }

    [DbFact]
    public async Task CsvImportCreatesProductsAndSkusAndIsIdempotent()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        var csv = CsvHeader + "\n" +
            "T-1,纯棉T恤,Cotton tee,,89,白T|短袖,面料=100%棉;厚度=常规,T-1-W-M,白色,M,89,10,6900000000011\n" +
            "T-1,,,,,,,T-1-W-L,白色,L,89.50,0,\n" +
            "\"T-2\",\"卫衣, 加绒\",,,199,,\"{\"\"面料\"\":\"\"80%棉\"\"}\",T-2-B-XL,黑色,XL,199,3,\n";

        var first = await (await client.ImportCsvAsync(shop, csv)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        await (await client.ImportCsvAsync(shop, csv)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var product = await client.GetFromJsonAsync<JsonElement>($"/api/v1/shops/{shop.Id}/knowledge/products/T-1");

        Assert.Equal(3, first.GetProperty("summary").GetProperty("skus").GetInt32());
        Assert.Equal(3, await factory.WithDbAsync(db => db.Skus.CountAsync(s => s.ShopId == shop.Id)));
        Assert.Equal(8950, product.GetProperty("product").GetProperty("skus")[1].GetProperty("price").GetInt64());
        Assert.Equal("常规", product.GetProperty("product").GetProperty("attributes").GetProperty("厚度").GetString());
        Assert.Equal("卫衣, 加绒", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/shops/{shop.Id}/knowledge/products/T-2")).GetProperty("product").GetProperty("title").GetString());
    }

    [DbFact]
    public async Task BadCsvFilesAreRejectedWithLineNumbersAndNothingWritten()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        var cases = new (string Name, byte[] Body, string[] Expected)[]
        {
            ("missing columns", Encoding.UTF8.GetBytes("product_code,title,price\nT-1,衬衫,89\n"),
                ["line 1: Missing required column(s): sku_code, stock."]),
            ("wrong encoding", GbkLike(Encoding.UTF8.GetBytes(CsvHeader + "\nT-1,纯棉T恤,,,89,,,T-1-M,白色,M,89,10,\n"), line: 2),
                ["line 2: The file is not valid UTF-8"]),
            ("negative price and stock, bad amount, duplicate SKU", Encoding.UTF8.GetBytes(CsvHeader + "\n" +
                "T-1,纯棉T恤,,,89,,,T-1-M,白色,M,-89,10,\n" +
                "T-1,,,,,,,T-1-L,白色,L,89,-2,\n" +
                "T-2,衬衫,,,x,,,T-1-M,白色,M,1.234,1,\n"),
                ["line 4, column list_price: 'x' is not an amount", "line 4, column price: '1.234' is not an amount"]),
            ("validator problems mapped to lines", Encoding.UTF8.GetBytes(CsvHeader + "\n" +
                "T-1,纯棉T恤,,,89,,,T-1-M,白色,M,-89,10,\n" +
                "T-1,,,,,,,T-1-L,白色,L,89,-2,\n" +
                "T-2,衬衫,,NOPE,89,,,T-1-M,白色,M,89,1,\n"),
                ["line 2, column price: Price must not be negative (got -8900).", "line 3, column stock: Stock must not be negative (got -2).",
                 "line 4, column sku_code: Duplicate SKU code 'T-1-M'", "line 4, column category: Category 'NOPE' does not exist."]),
            ("conflicting product columns", Encoding.UTF8.GetBytes(CsvHeader + "\nT-1,纯棉T恤,,,89,,,T-1-M,白色,M,89,1,\nT-1,别的标题,,,89,,,T-1-L,白色,L,89,1,\n"),
                ["line 3, column title: Product 'T-1' has '别的标题' here but '纯棉T恤' on line 2"]),
            ("ragged row", Encoding.UTF8.GetBytes(CsvHeader + "\nT-1,纯棉T恤,89\n"), ["line 2: Expected 13 fields like the header, found 3."]),
        };

        foreach (var (name, body, expected) in cases)
        {
            var response = await client.PostAsync($"/api/v1/shops/{shop.Id}/knowledge/catalog/csv", KnowledgeScenario.Body(body, "text/csv"));
            var errors = await response.AssertValidationProblemAsync();
            foreach (var message in expected)
            {
                Assert.True(errors.Any(e => e.Contains(message, StringComparison.Ordinal)), $"{name}: expected '{message}' among:\n{string.Join("\n", errors)}");
            }
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.Products.CountAsync(p => p.ShopId == shop.Id)));
    }

    [DbFact]
    public async Task JsonAndCsvExportsRoundTripThroughImport()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();
        var json = await client.GetByteArrayAsync($"/api/v1/shops/{shop.Id}/knowledge/catalog");
        var csv = await client.GetStringAsync($"/api/v1/shops/{shop.Id}/knowledge/catalog/csv");
        var copy = await factory.CreateShopAsync();
        using var copyClient = factory.CreateClient(copy.ApiKey);

        await (await copyClient.ImportJsonAsync(copy, json)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        await (await client.ImportCsvAsync(shop, csv)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        await (await copyClient.ImportCsvAsync(copy, csv)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(await CountsAsync(shop.Id), await CountsAsync(copy.Id));
        Assert.Equal(Normalise(await client.GetStringAsync($"/api/v1/shops/{shop.Id}/knowledge/catalog")), Normalise(Encoding.UTF8.GetString(json)));
        Assert.Equal(Normalise(await copyClient.GetStringAsync($"/api/v1/shops/{copy.Id}/knowledge/catalog")), Normalise(Encoding.UTF8.GetString(json)));
        Assert.Equal(csv, await copyClient.GetStringAsync($"/api/v1/shops/{copy.Id}/knowledge/catalog/csv"));
        Assert.Equal(418, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
        client.Dispose();
    }

    [DbFact]
    public async Task ImportRoutesRaiseTheBodyLimitAboveTheDefault()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.EndsWith("/knowledge/catalog", StringComparison.Ordinal) || e.RoutePattern.RawText!.EndsWith("/knowledge/catalog/csv", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .ToList();

        Assert.Equal(2, routes.Count);
        Assert.All(routes, route => Assert.Equal(CatalogEndpoints.MaxImportBytes, route.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize));
        Assert.True(KnowledgeScenario.DemoCatalogBytes().Length > 64 * 1024, "the demo catalog, imported above, exceeds the default limit");
        var bigFaq = await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/faqs/big", new { questions = new[] { "?" }, answer = new string('长', 40_000) });
        await bigFaq.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        client.Dispose();
    }

    private static string Normalise(string json) => JsonNode.Parse(json)!["products"]!.ToJsonString() + JsonNode.Parse(json)!["faqs"]!.ToJsonString()
        + JsonNode.Parse(json)!["relations"]!.ToJsonString() + JsonNode.Parse(json)!["policies"]!.ToJsonString();

    private static byte[] Mutate(JsonObject catalog, Action<JsonObject> change)
    {
        change(catalog);
        return Serialize(catalog);
    }

    private static byte[] Serialize(JsonObject catalog) => Encoding.UTF8.GetBytes(catalog.ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }));

    // Re-encodes the first Chinese character from the given line on as GBK does: two bytes that are not UTF-8.
    private static byte[] GbkLike(byte[] utf8, int line)
    {
        var text = Encoding.UTF8.GetString(utf8);
        var lines = 1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines++;
            }

            if (text[i] >= '\u4e00' && text[i] <= '\u9fff' && lines >= line)
            {
                var prefix = Encoding.UTF8.GetBytes(text[..i]);
                var suffix = Encoding.UTF8.GetBytes(text[(i + 1)..]);
                return [.. prefix, 0xBA, 0xEC, .. suffix];
            }
        }

        return utf8;
    }

    private Task<(int, int, int, int, int, int, int, int)> CountsAsync(string shopId) => factory.WithDbAsync(async db => (
        await db.Categories.CountAsync(c => c.ShopId == shopId),
        await db.Products.CountAsync(p => p.ShopId == shopId),
        await db.Skus.CountAsync(s => s.ShopId == shopId),
        await db.ProductRelations.CountAsync(r => r.ShopId == shopId),
        await db.SizeCharts.CountAsync(c => c.ShopId == shopId),
        await db.Policies.CountAsync(p => p.ShopId == shopId),
        await db.FaqEntries.CountAsync(f => f.ShopId == shopId),
        await db.Promotions.CountAsync(p => p.ShopId == shopId)));
}

public sealed class CatalogImportSqliteTests(SqliteApiFactory factory) : CatalogImportTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class CatalogImportPostgreSqlTests(PostgreSqlApiFactory factory) : CatalogImportTests(factory), IClassFixture<PostgreSqlApiFactory>, IPostgreSqlTests;
