using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Knowledge;

public abstract class KnowledgeCrudTests(ApiFactory factory)
{
    private static object Product(string code, long price = 9900, int stock = 5, string? category = null) => new
    {
        title = "测试连衣裙 " + code,
        titleEn = "Test dress " + code,
        category,
        aliases = new[] { "测试裙" + code },
        listPrice = price,
        attributes = new Dictionary<string, string> { ["面料"] = "100%棉" },
        skus = new[]
        {
            new { code = code + "-RED-M", attributes = new Dictionary<string, string> { ["颜色"] = "红色", ["尺码"] = "M" }, price, stock, barcode = (string?)null },
        },
    };

    [DbFact]
    public async Task ProductPutThenGetReturnsItWithItsSkus()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);

        var put = await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-1", Product("P-1"));
        var body = await (await client.GetAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-1")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var product = body.GetProperty("product");
        Assert.Equal("测试连衣裙 P-1", product.GetProperty("title").GetString());
        Assert.Equal("P-1-RED-M", product.GetProperty("skus")[0].GetProperty("code").GetString());
        var list = await (await client.GetAsync($"/api/v1/shops/{shop.Id}/knowledge/products")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(1, list.GetArrayLength());
        Assert.Equal(5, list[0].GetProperty("stock").GetInt32());
    }

    [DbFact]
    public async Task ProductPutWithNegativePriceIs400NamingTheSkuAndWritesNothing()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);

        var response = await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-1", Product("P-1", price: -100));
        var errors = await response.AssertValidationProblemAsync();

        Assert.Contains("/skus/0/price: Price must not be negative (got -100).", errors);
        Assert.Contains("/listPrice: List price must not be negative (got -100).", errors);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Products.CountAsync(p => p.ShopId == shop.Id)));
    }

    [DbFact]
    public async Task ProductDeleteRemovesItsSkusAndRelations()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-1", Product("P-1"));
        await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-2", Product("P-2"));
        var relation = await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/relations", new { from = "P-2", to = "P-1", type = "similar_to" });
        Assert.Equal(HttpStatusCode.Created, relation.StatusCode);

        var delete = await client.DeleteAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-1");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await (await client.GetAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/shops/{shop.Id}/knowledge/skus/P-1-RED-M")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProductRelations.CountAsync(r => r.ShopId == shop.Id)));
        await (await client.DeleteAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task SkuPutAddsToAProductAndUpdatesStock()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-1", Product("P-1"));

        var added = await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/skus/P-1-RED-L",
            new { productCode = "P-1", attributes = new Dictionary<string, string> { ["颜色"] = "红色", ["尺码"] = "L" }, price = 10900, stock = 2 });
        var updated = await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/skus/P-1-RED-L",
            new { productCode = "P-1", attributes = new Dictionary<string, string> { ["颜色"] = "红色", ["尺码"] = "L" }, price = 10900, stock = 7 });
        var sku = await (await client.GetAsync($"/api/v1/shops/{shop.Id}/knowledge/skus/P-1-RED-L")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        Assert.Equal(7, sku.GetProperty("sku").GetProperty("stock").GetInt32());
        Assert.Equal(2, await factory.WithDbAsync(db => db.Skus.CountAsync(s => s.ShopId == shop.Id)));
        var negative = await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/skus/P-1-RED-L",
            new { productCode = "P-1", price = 10900, stock = -1 });
        Assert.Contains("/stock: Stock must not be negative (got -1).", await negative.AssertValidationProblemAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/shops/{shop.Id}/knowledge/skus/P-1-RED-L")).StatusCode);
    }

    [DbFact]
    public async Task CategoryTreeRejectsACycleAndInheritsAttributes()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/categories/A", new { name = "女装" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/categories/B", new { name = "裙子", parent = "A" })).StatusCode);

        var cycle = await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/categories/A", new { name = "女装", parent = "B" });
        var unknownParent = await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/categories/C", new { name = "?", parent = "Z" });

        Assert.Contains("/parent: Category tree has a cycle: A → B → A.", await cycle.AssertValidationProblemAsync());
        Assert.Contains("/parent: Parent category 'Z' does not exist.", await unknownParent.AssertValidationProblemAsync());
        var categories = await (await client.GetAsync($"/api/v1/shops/{shop.Id}/knowledge/categories")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(2, categories.GetArrayLength());
        await (await client.DeleteAsync($"/api/v1/shops/{shop.Id}/knowledge/categories/A")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/shops/{shop.Id}/knowledge/categories/B")).StatusCode);
    }

    [DbFact]
    public async Task RelationToAnUnknownProductIs400()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/products/P-1", Product("P-1"));

        var response = await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/relations", new { from = "P-1", to = "NOPE", type = "bundle_with" });
        var badType = await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/relations", new { from = "P-1", to = "P-1", type = "friend_of" });

        Assert.Contains("/to: Relation target product 'NOPE' does not exist.", await response.AssertValidationProblemAsync());
        var errors = await badType.AssertValidationProblemAsync();
        Assert.Contains(errors, e => e.StartsWith("/type: Relation type 'friend_of' is not one of", StringComparison.Ordinal));
        Assert.Contains("/to: A product cannot be related to itself.", errors);
    }

    [DbFact]
    public async Task PoliciesFaqsPromotionsAndSizeChartsHaveCrud()
    {
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        var k = $"/api/v1/shops/{shop.Id}/knowledge";
        await client.PutAsJsonAsync($"{k}/products/P-1", Product("P-1"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"{k}/policies/invoice",
            new { title = "发票", content = "可以开电子发票", data = new { types = new[] { "电子普通发票" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"{k}/faqs/gift",
            new { questions = new[] { "有赠品吗" }, answer = "送洗衣袋" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"{k}/promotions/P300",
            new { title = "满300减30", kind = "threshold_discount", thresholdAmount = 30000, discountAmount = 3000, startsAt = "2026-01-01T00:00:00Z", endsAt = "2027-01-01T00:00:00Z", productCodes = new[] { "P-1" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"{k}/size-charts/SC",
            new { name = "尺码表", rows = new[] { new { size = "M", heightMinCm = 160, heightMaxCm = 165, weightMinKg = 50, weightMaxKg = 55 } } })).StatusCode);

        Assert.Equal("invoice", (await client.GetFromJsonAsync<JsonElement>($"{k}/policies"))[0].GetProperty("kind").GetString());
        Assert.Equal("gift", (await client.GetFromJsonAsync<JsonElement>($"{k}/faqs"))[0].GetProperty("code").GetString());
        Assert.Equal(3000, (await client.GetFromJsonAsync<JsonElement>($"{k}/promotions"))[0].GetProperty("discountAmount").GetInt64());
        Assert.Equal("M", (await client.GetFromJsonAsync<JsonElement>($"{k}/size-charts"))[0].GetProperty("rows")[0].GetProperty("size").GetString());

        var badPolicy = await client.PutAsJsonAsync($"{k}/policies/lottery", new { title = "x", content = "y" });
        Assert.Contains(await badPolicy.AssertValidationProblemAsync(), e => e.StartsWith("/kind: Policy kind 'lottery' is not one of", StringComparison.Ordinal));
        var badPromotion = await client.PutAsJsonAsync($"{k}/promotions/P300",
            new { title = "满300减30", kind = "coupon", discountAmount = -1, startsAt = "2027-01-01T00:00:00Z", endsAt = "2026-01-01T00:00:00Z", productCodes = new[] { "P-9" } });
        var errors = await badPromotion.AssertValidationProblemAsync();
        Assert.Contains("/discountAmount: Discount must not be negative (got -1).", errors);
        Assert.Contains("/endsAt: endsAt must be after startsAt.", errors);
        Assert.Contains("/productCodes/0: Product 'P-9' does not exist.", errors);
        var emptyFaq = await client.PutAsJsonAsync($"{k}/faqs/empty", new { questions = Array.Empty<string>(), answer = "" });
        Assert.Equal(2, (await emptyFaq.AssertValidationProblemAsync()).Count);

        foreach (var path in new[] { "policies/invoice", "faqs/gift", "promotions/P300", "size-charts/SC" })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{k}/{path}")).StatusCode);
            await (await client.DeleteAsync($"{k}/{path}")).AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [DbFact]
    public async Task TemplateWithAnUnknownVariableIs400AndAValidOneChangesTheAnswer()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();
        var url = $"/api/v1/shops/{shop.Id}/knowledge/templates/price/zh";

        var bad = await client.PutAsJsonAsync(url, new { text = "{product}只要{cost}" });
        var good = await client.PutAsJsonAsync(url, new { text = "亲，{product}只要{price}哦～" });
        var answer = await client.PreviewAsync(shop, new { query = new { intent = "product_price", productMentions = new[] { "茶歇裙" } } });

        Assert.Contains(await bad.AssertValidationProblemAsync(), e => e.StartsWith("text: Unknown variable(s) {cost}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);
        Assert.Equal("亲，法式复古红色茶歇连衣裙女 V领泡泡袖收腰显瘦中长裙只要¥259哦～", answer.GetProperty("text").GetString());
        var templates = await client.GetFromJsonAsync<JsonElement>($"/api/v1/shops/{shop.Id}/knowledge/templates");
        Assert.Contains(templates.EnumerateArray(), t => t.GetProperty("kind").GetString() == "price" && t.GetProperty("custom").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(url)).StatusCode);
        var builtIn = await client.PreviewAsync(shop, new { query = new { intent = "product_price", productMentions = new[] { "茶歇裙" } } });
        Assert.StartsWith("法式复古红色茶歇连衣裙女 V领泡泡袖收腰显瘦中长裙的价格是¥259。", builtIn.GetProperty("text").GetString());
        await (await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/templates/nonsense/zh", new { text = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task AnotherShopsProductsAreInvisible()
    {
        var (owner, ownerClient) = await factory.CreateDemoShopAsync();
        var other = await factory.CreateShopAsync();
        using var client = factory.CreateClient(other.ApiKey);

        await (await client.GetAsync($"/api/v1/shops/{other.Id}/knowledge/products/WD-1001")).AssertProblemAsync(HttpStatusCode.NotFound);
        var answer = await client.PreviewAsync(other, new { query = new { intent = "product_price", productMentions = new[] { "茶歇裙" } } });
        await (await client.GetAsync($"/api/v1/shops/{owner.Id}/knowledge/catalog")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/v1/shops/{owner.Id}/knowledge/products/WD-1001")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("unknown_product", answer.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/api/v1/shops/{owner.Id}/knowledge/products/WD-1001")).StatusCode);
        ownerClient.Dispose();
    }
}

public sealed class KnowledgeCrudSqliteTests(SqliteApiFactory factory) : KnowledgeCrudTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class KnowledgeCrudPostgreSqlTests(PostgreSqlApiFactory factory) : KnowledgeCrudTests(factory), IClassFixture<PostgreSqlApiFactory>, IPostgreSqlTests;
