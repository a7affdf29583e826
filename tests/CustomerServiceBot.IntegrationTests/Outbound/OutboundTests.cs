using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Conversations;
using CustomerServiceBot.IntegrationTests.Infrastructure;

namespace CustomerServiceBot.IntegrationTests.Outbound;

// Replies to Chatwoot conversations are pushed through the outbox to a fake Chatwoot on loopback.
public abstract class OutboundTests(ApiFactory factory)
{
    private const string ChatwootSecret = "chatwoot-webhook-secret-for-outbound-tests";
    private const string Token = "agent-bot-token-for-tests";

    private sealed record ChatwootShop(TestShop Shop, HttpClient Admin, WebhookClient Webhooks, string Account);

    private async Task<ChatwootShop> ChatwootShopAsync(FakeChatwoot? chatwoot)
    {
        await factory.WaitUntilReadyAsync();
        var shop = await factory.CreateShopAsync();
        var admin = factory.CreateClient(shop.ApiKey);
        await (await admin.PostJsonAsync($"/api/v1/shops/{shop.Id}/webhook-secrets", new { platform = "chatwoot", secret = ChatwootSecret }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        var account = Random.Shared.Next(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (chatwoot is not null)
        {
            var linked = await (await admin.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/platform-accounts/chatwoot",
                new { externalId = account, apiBaseUrl = chatwoot.BaseUrl, accessToken = Token })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
            Assert.True(linked.GetProperty("hasAccessToken").GetBoolean());
            Assert.False(linked.TryGetProperty("accessToken", out _));
        }

        return new ChatwootShop(shop, admin, new WebhookClient(factory.CreateClient(), shop.Id, "unused"), account);
    }

    private static async Task<JsonElement> SendAsync(ChatwootShop shop, int conversation, string text, int contact = 42)
    {
        var response = await shop.Webhooks.SendChatwootAsync(ChatwootSecret, new
        {
            @event = "message_created", id = Random.Shared.Next(), content = text, message_type = "incoming",
            sender = new { id = contact, name = "Ann", type = "contact" }, conversation = new { id = conversation },
        });
        return await response.AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
    }

    private static string Text(JsonElement reply) => string.Join("\n", reply.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));

    private static async Task<JsonElement> OutboxAsync(ChatwootShop shop, string query = "") =>
        await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/outbox{query}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

    private static async Task<JsonElement> WaitForOutboxAsync(ChatwootShop shop, string status, int count)
    {
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var page = await OutboxAsync(shop);
            if (page.GetProperty("counts").GetProperty(status).GetInt32() >= count)
            {
                return page;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The outbox never had {count} row(s) {status}: {await OutboxAsync(shop)}");
    }

    [DbFact]
    public async Task RepliesReachChatwootInOrderWithTheTokenAndOneKeyEach()
    {
        await using var chatwoot = await FakeChatwoot.StartAsync();
        var shop = await ChatwootShopAsync(chatwoot);

        var replies = new List<JsonElement>();
        foreach (var text in new[] { "你好", "在吗", "谢谢" })
        {
            replies.Add(await SendAsync(shop, 501, text));
        }

        var accepted = await chatwoot.WaitForAcceptedAsync(3);
        Assert.Equal(replies.Select(Text), accepted.Select(c => c.Body.GetProperty("content").GetString()));
        Assert.All(accepted, call =>
        {
            Assert.Equal($"/api/v1/accounts/{shop.Account}/conversations/501/messages", call.Path);
            Assert.Equal(Token, call.Token);
            Assert.Equal("outgoing", call.Body.GetProperty("message_type").GetString());
            Assert.False(call.Body.GetProperty("private").GetBoolean());
        });
        Assert.Equal(3, accepted.Select(c => c.IdempotencyKey).Distinct().Count());
        var outbox = await WaitForOutboxAsync(shop, "sent", 3);
        Assert.Equal(0, outbox.GetProperty("counts").GetProperty("pending").GetInt32());
    }

    [DbFact]
    public async Task ARetriedWebhookDeliveryIsPushedOnce()
    {
        await using var chatwoot = await FakeChatwoot.StartAsync();
        var shop = await ChatwootShopAsync(chatwoot);
        var payload = new
        {
            @event = "message_created", id = Random.Shared.Next(), content = "你好", message_type = "incoming",
            sender = new { id = 7, name = "Ann", type = "contact" }, conversation = new { id = 502 },
        };

        await (await shop.Webhooks.SendChatwootAsync(ChatwootSecret, payload)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var again = await (await shop.Webhooks.SendChatwootAsync(ChatwootSecret, payload)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.True(again.GetProperty("duplicate").GetBoolean());
        await chatwoot.WaitForAcceptedAsync(1);
        await WaitForOutboxAsync(shop, "sent", 1);
        await Task.Delay(300);
        Assert.Single(chatwoot.Calls);
    }

    [DbFact]
    public async Task AFailingPushIsRetriedWithBackoffUntilItIsDelivered()
    {
        await using var chatwoot = await FakeChatwoot.StartAsync();
        chatwoot.Script(500, 429);
        var shop = await ChatwootShopAsync(chatwoot);

        var reply = await SendAsync(shop, 503, "你好");

        var accepted = await chatwoot.WaitForAcceptedAsync(1);
        Assert.Equal(Text(reply), accepted[0].Body.GetProperty("content").GetString());
        Assert.Equal(3, chatwoot.Calls.Count);
        Assert.Single(chatwoot.Calls.Select(c => c.IdempotencyKey).Distinct());
        var row = (await WaitForOutboxAsync(shop, "sent", 1)).GetProperty("items")[0];
        Assert.Equal(3, row.GetProperty("attempts").GetInt32());
        Assert.Equal(200, row.GetProperty("lastStatusCode").GetInt32());
    }

    [DbFact]
    public async Task APushThatKeepsFailingIsDeadLetteredAndCanBeSentAgain()
    {
        await using var chatwoot = await FakeChatwoot.StartAsync();
        chatwoot.DefaultStatus = 503;
        var shop = await ChatwootShopAsync(chatwoot);

        var reply = await SendAsync(shop, 504, "你好");

        var dead = (await WaitForOutboxAsync(shop, "dead", 1)).GetProperty("items")[0];
        Assert.Equal(OutboundSettings.MaxAttempts, dead.GetProperty("attempts").GetInt32());
        Assert.Equal(503, dead.GetProperty("lastStatusCode").GetInt32());
        Assert.Contains("HTTP 503", dead.GetProperty("lastError").GetString());
        Assert.Equal(OutboundSettings.MaxAttempts, chatwoot.Calls.Count);
        var deadOnly = await OutboxAsync(shop, "?status=dead");
        Assert.Equal(dead.GetProperty("id").GetInt64(), deadOnly.GetProperty("items")[0].GetProperty("id").GetInt64());

        chatwoot.DefaultStatus = 200;
        var id = dead.GetProperty("id").GetInt64();
        var retried = await shop.Admin.PostAsync($"/api/v1/shops/{shop.Shop.Id}/outbox/{id}/retry", null);
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        var accepted = await chatwoot.WaitForAcceptedAsync(1);
        Assert.Equal(Text(reply), accepted[0].Body.GetProperty("content").GetString());
        await WaitForOutboxAsync(shop, "sent", 1);

        await (await shop.Admin.PostAsync($"/api/v1/shops/{shop.Shop.Id}/outbox/{id}/retry", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await shop.Admin.PostAsync($"/api/v1/shops/{shop.Shop.Id}/outbox/{id + 1_000_000}/retry", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/outbox?status=lost")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/outbox?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task APushThePlatformRefusesIsDeadAtOnce()
    {
        await using var chatwoot = await FakeChatwoot.StartAsync();
        chatwoot.DefaultStatus = 401;
        var shop = await ChatwootShopAsync(chatwoot);

        await SendAsync(shop, 505, "你好");

        var dead = (await WaitForOutboxAsync(shop, "dead", 1)).GetProperty("items")[0];
        Assert.Equal(1, dead.GetProperty("attempts").GetInt32());
        Assert.Equal(401, dead.GetProperty("lastStatusCode").GetInt32());
        Assert.Single(chatwoot.Calls);
    }

    [DbFact]
    public async Task WithoutALinkedAccountThePushIsDeadWithTheReason()
    {
        var shop = await ChatwootShopAsync(chatwoot: null);

        await SendAsync(shop, 506, "你好");

        var dead = (await WaitForOutboxAsync(shop, "dead", 1)).GetProperty("items")[0];
        Assert.Contains("No chatwoot account is linked", dead.GetProperty("lastError").GetString());
    }

    [DbFact]
    public async Task AHandoffOpensTheChatwootConversationAndTheAgentsReplyIsPushed()
    {
        await using var chatwoot = await FakeChatwoot.StartAsync();
        var shop = await ChatwootShopAsync(chatwoot);

        var reply = await SendAsync(shop, 507, "转人工");

        Assert.True(reply.GetProperty("handedOff").GetBoolean());
        var accepted = await chatwoot.WaitForAcceptedAsync(2);
        Assert.Equal($"/api/v1/accounts/{shop.Account}/conversations/507/messages", accepted[0].Path);
        Assert.Equal($"/api/v1/accounts/{shop.Account}/conversations/507/toggle_status", accepted[1].Path);
        Assert.Equal("open", accepted[1].Body.GetProperty("status").GetString());

        var conversationId = reply.GetProperty("conversationId").GetInt64();
        var conversations = $"/api/v1/shops/{shop.Shop.Id}/conversations/{conversationId}";
        await (await shop.Admin.PostJsonAsync($"{conversations}/claim", new { agent = "小美" })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        await (await shop.Admin.PostJsonAsync($"{conversations}/replies", new { agent = "小美", text = "亲，我来帮您处理~" }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created);

        accepted = await chatwoot.WaitForAcceptedAsync(3);
        Assert.Equal("亲，我来帮您处理~", accepted[2].Body.GetProperty("content").GetString());
    }
}

internal static class OutboundSettings
{
    public const int MaxAttempts = 3;

    public static IEnumerable<KeyValuePair<string, string>> Fast =>
    [
        new("Outbound:PollMilliseconds", "50"),
        new("Outbound:BaseDelayMilliseconds", "20"),
        new("Outbound:MaxDelayMilliseconds", "100"),
        new("Outbound:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

public sealed class OutboundSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => OutboundSettings.Fast;
}

public sealed class OutboundPostgreSqlFactory : PostgreSqlApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => OutboundSettings.Fast;
}

public sealed class OutboundSqliteTests(OutboundSqliteFactory factory) : OutboundTests(factory), IClassFixture<OutboundSqliteFactory>;

public sealed class OutboundPostgreSqlTests(OutboundPostgreSqlFactory factory)
    : OutboundTests(factory), IClassFixture<OutboundPostgreSqlFactory>, IPostgreSqlTests;
