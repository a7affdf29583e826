using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Conversations;
using CustomerServiceBot.IntegrationTests.Infrastructure;

namespace CustomerServiceBot.IntegrationTests.Knowledge;

public static class KnowledgeScenario
{
    public static byte[] DemoCatalogBytes() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "demo", "catalog.json"));

    public static ByteArrayContent Body(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    public static Task<HttpResponseMessage> ImportJsonAsync(this HttpClient client, TestShop shop, byte[] json, bool dryRun = false) =>
        client.PostAsync($"/api/v1/shops/{shop.Id}/knowledge/catalog{(dryRun ? "?dryRun=true" : "")}", Body(json, "application/json"));

    public static Task<HttpResponseMessage> ImportCsvAsync(this HttpClient client, TestShop shop, string csv, bool dryRun = false) =>
        client.PostAsync($"/api/v1/shops/{shop.Id}/knowledge/catalog/csv{(dryRun ? "?dryRun=true" : "")}", Body(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv"));

    // A shop of its own with the demo catalog and a generic signing secret, for a test whose data or
    // settings the other tests of its class must not see.
    public static async Task<(TestShop Shop, HttpClient Admin, string Secret, WebhookClient Webhooks)> CreateDemoShopWithWebhooksAsync(this ApiFactory factory)
    {
        await factory.WaitUntilReadyAsync();
        var (shop, admin) = await factory.CreateDemoShopAsync();
        var secret = (await (await admin.PostJsonAsync($"/api/v1/shops/{shop.Id}/webhook-secrets", new { platform = "generic" }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("secret").GetString()!;
        return (shop, admin, secret, new WebhookClient(factory.CreateClient(), shop.Id, secret));
    }

    public static async Task<(TestShop Shop, HttpClient Client)> CreateDemoShopAsync(this ApiFactory factory)
    {
        var shop = await factory.CreateShopAsync("暖衣小铺");
        var client = factory.CreateClient(shop.ApiKey);
        await (await client.ImportJsonAsync(shop, DemoCatalogBytes())).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        return (shop, client);
    }

    public static async Task<JsonElement> PreviewAsync(this HttpClient client, TestShop shop, object request) =>
        await (await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/answers/preview", request)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

    // The errors of a 400 ValidationProblemDetails as "location: message" lines.
    public static async Task<List<string>> AssertValidationProblemAsync(this HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").EnumerateObject()
            .SelectMany(error => error.Value.EnumerateArray().Select(message => $"{error.Name}: {message.GetString()}"))
            .ToList();
    }
}
