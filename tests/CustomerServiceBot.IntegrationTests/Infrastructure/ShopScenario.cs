using System.Net;
using System.Text.Json;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

public sealed record TestShop(string Id, string ApiKey, Guid KeyId);

public static class ShopScenario
{
    public static async Task<TestShop> CreateShopAsync(this ApiFactory factory, string? name = null)
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];
        using var operatorClient = factory.CreateOperatorClient();
        var created = await operatorClient.PostJsonAsync("/api/v1/shops", new { id, name = name ?? "测试小店" });
        await created.AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        var key = await operatorClient.PostJsonAsync($"/api/v1/shops/{id}/api-keys", new { name = "tests" });
        var body = await key.AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        return new TestShop(id, body.GetProperty("key").GetString()!, body.GetProperty("id").GetGuid());
    }
}
