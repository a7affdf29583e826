using System.Net;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerServiceBot.IntegrationTests.Shops;

public abstract class DemoShopTests(ApiFactory factory)
{
    public const string DemoKey = "csk_demo_key_for_the_integration_tests_only";

    [DbFact]
    public async Task DemoShopIsSeededWithItsCatalogKeyAndSecret()
    {
        using var client = factory.CreateClient(DemoKey);

        var shop = await (await client.GetAsync("/api/v1/shops/demo")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var (products, skus, policies, outOfStock) = await factory.WithDbAsync(async db => (
            await db.Products.CountAsync(p => p.ShopId == "demo"),
            await db.Skus.CountAsync(s => s.ShopId == "demo"),
            await db.Policies.CountAsync(p => p.ShopId == "demo"),
            await db.Skus.CountAsync(s => s.ShopId == "demo" && s.Stock == 0)));
        var secrets = await client.GetStringAsync("/api/v1/shops/demo/webhook-secrets");

        Assert.Equal("暖衣小铺", shop.GetProperty("name").GetString());
        Assert.InRange(products, 30, 60);
        Assert.True(skus > products * 4);
        Assert.True(outOfStock > 0);
        Assert.True(policies >= 4);
        Assert.Contains("generic", secrets);
    }

    [DbFact]
    public async Task SeedingAgainChangesNothing()
    {
        var before = await CountsAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CustomerServiceBot.Api.Shops.DemoShopSeeder>().SeedAsync(CancellationToken.None);
        }

        Assert.Equal(before, await CountsAsync());
    }

    private Task<(int, int, int, int, int)> CountsAsync() =>
        factory.WithDbAsync(async db => (
            await db.Shops.CountAsync(),
            await db.Products.CountAsync(),
            await db.Skus.CountAsync(),
            await db.ApiKeys.CountAsync(),
            await db.WebhookSecrets.CountAsync()));
}

internal static class DemoSettings
{
    public const string WebhookSecret = "whsec_dGVzdC13ZWJob29rLXNlY3JldC0xMjM0NTY3ODkw";

    public static IEnumerable<KeyValuePair<string, string>> All =>
    [
        new("DemoShop:Enabled", "true"),
        new("DemoShop:AdminApiKey", DemoShopTests.DemoKey),
        new("DemoShop:WebhookSecret", WebhookSecret),
    ];
}

public sealed class DemoSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => DemoSettings.All;
}

public sealed class DemoPostgreSqlFactory : PostgreSqlApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => DemoSettings.All;
}

public sealed class DemoShopSqliteTests(DemoSqliteFactory factory) : DemoShopTests(factory), IClassFixture<DemoSqliteFactory>;

public sealed class DemoShopPostgreSqlTests(DemoPostgreSqlFactory factory)
    : DemoShopTests(factory), IClassFixture<DemoPostgreSqlFactory>, IPostgreSqlTests;
