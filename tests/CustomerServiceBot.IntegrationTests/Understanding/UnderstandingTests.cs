using System.Net;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Infrastructure;

namespace CustomerServiceBot.IntegrationTests.Understanding;

public abstract class UnderstandingTests(ApiFactory factory)
{
    [DbFact]
    public async Task UnderstandReturnsIntentAlternativesEmotionAndEntities()
    {
        await factory.WaitUntilReadyAsync();
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);

        var body = await (await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/nlu/understand",
            new { text = "我身高170体重130斤穿什么码" })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("size_recommendation", body.GetProperty("intent").GetString());
        Assert.True(body.GetProperty("understood").GetBoolean());
        Assert.Equal(3, body.GetProperty("alternatives").GetArrayLength());
        Assert.Equal("size_recommendation", body.GetProperty("alternatives")[0].GetProperty("intent").GetString());
        var entities = body.GetProperty("entities").EnumerateArray().ToDictionary(e => e.GetProperty("kind").GetString()!, e => e.GetProperty("value").GetString());
        Assert.Equal("170", entities["Height"]);
        Assert.Equal("65", entities["Weight"]);
        Assert.Equal("neutral", body.GetProperty("emotion").GetProperty("emotion").GetString());
    }

    [DbFact]
    public async Task ThreatOfAComplaintEscalates()
    {
        await factory.WaitUntilReadyAsync();
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);

        var body = await (await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/nlu/understand",
            new { text = "再不给我退款我就打12315" })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.True(body.GetProperty("emotion").GetProperty("escalate").GetBoolean());
        Assert.Equal("12315", body.GetProperty("emotion").GetProperty("trigger").GetString());
    }

    [DbFact]
    public async Task ExamplesAreAddedListedAndDeletedPerShop()
    {
        var shop = await factory.CreateShopAsync();
        var other = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        using var otherClient = factory.CreateClient(other.ApiKey);

        var created = await (await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/nlu/examples", new { text = "有没有直播间专属价", intent = "promotion_coupon" }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        var duplicate = await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/nlu/examples", new { text = "有没有直播间专属价", intent = "bargain" });
        var page = await (await client.GetAsync($"/api/v1/shops/{shop.Id}/nlu/examples")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var otherPage = await (await otherClient.GetAsync($"/api/v1/shops/{other.Id}/nlu/examples")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var deleted = await client.DeleteAsync($"/api/v1/shops/{shop.Id}/nlu/examples/{created.GetProperty("id").GetInt64()}");

        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(0, otherPage.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [DbFact]
    public async Task TrainingRefusesANewIntentWithASingleExample()
    {
        await factory.WaitUntilReadyAsync();
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);
        var empty = await client.PostAsync($"/api/v1/shops/{shop.Id}/nlu/train", null);
        await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/nlu/examples", new { text = "你们直播几点开始", intent = "live_stream_time" });

        var refused = await client.PostAsync($"/api/v1/shops/{shop.Id}/nlu/train", null);

        await empty.AssertProblemAsync(HttpStatusCode.BadRequest);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at least 2", problem.GetProperty("errors").GetProperty("live_stream_time")[0].GetString());
    }

    [DbFact]
    public async Task ModelEndpointDescribesTheBaseModel()
    {
        await factory.WaitUntilReadyAsync();
        var shop = await factory.CreateShopAsync();
        using var client = factory.CreateClient(shop.ApiKey);

        var body = await (await client.GetAsync($"/api/v1/shops/{shop.Id}/nlu/model")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.True(body.GetProperty("baseModel").GetProperty("intents").GetInt32() >= 41);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("shopModel").ValueKind);
    }
}

public sealed class UnderstandingSqliteTests(SqliteApiFactory factory) : UnderstandingTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class UnderstandingPostgreSqlTests(PostgreSqlApiFactory factory)
    : UnderstandingTests(factory), IClassFixture<PostgreSqlApiFactory>, IPostgreSqlTests;
