using System.Text.Json;
using CustomerServiceBot.Api.Knowledge.Catalog;
using CustomerServiceBot.Api.Knowledge.View;

namespace CustomerServiceBot.Tests.Knowledge;

internal static class DemoShop
{
    public static readonly Lazy<CatalogDocument> Catalog = new(() =>
        JsonSerializer.Deserialize<CatalogDocument>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "demo", "catalog.json")), JsonSerializerOptions.Web)!);

    public static readonly Lazy<ShopKnowledge> View = new(() => ShopKnowledge.Build(CatalogRows.FromCatalog("demo", Catalog.Value)));
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
