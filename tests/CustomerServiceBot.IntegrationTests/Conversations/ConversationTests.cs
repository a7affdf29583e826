using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using CustomerServiceBot.IntegrationTests.Shops;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Conversations;

public abstract class ConversationTests(ApiFactory factory)
{
    private const string Secret = DemoSettings.WebhookSecret;

    private async Task<WebhookClient> WebhooksAsync()
    {
        await factory.WaitUntilReadyAsync();
        return new WebhookClient(factory.CreateClient(), "demo", Secret);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static async Task<JsonElement> ReplyAsync(HttpResponseMessage response) => await response.AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

    private static string Parts(JsonElement reply) => string.Join(" | ", reply.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));

    [DbFact]
    public async Task MultiTurnChineseConversationFromQuestionToHandoffAndBack()
    {
        var webhooks = await WebhooksAsync();
        var buyer = "buyer-" + NewId();
        async Task<JsonElement> Say(string text, string? product = null) =>
            await ReplyAsync(await webhooks.SendGenericAsync(WebhookClient.Message(NewId(), buyer, text, product)));

        var greeting = await Say("在吗亲");
        Assert.Contains("您好", Parts(greeting));

        var price = await Say("这条裙子多少钱呀", "WD-1001");
        Assert.Contains("¥259", Parts(price));
        Assert.Contains("满300减30", Parts(price));

        var red = await Say("那红色XL的有货吗");
        Assert.Contains("红色", Parts(red));
        Assert.Contains("XL", Parts(red));

        var size = await Say("我身高165体重52kg穿什么码");
        Assert.Contains("M码", Parts(size));

        var coupon = await Say("有没有优惠券可以领");
        Assert.Contains("10元无门槛券", Parts(coupon));

        var angry = await Say("上次买的衣服洗一次就起球了，什么破质量，我要投诉！！");
        Assert.Equal("waiting_for_human", angry.GetProperty("conversationStatus").GetString());
        Assert.True(angry.GetProperty("handedOff").GetBoolean());
        Assert.Equal("escalation", angry.GetProperty("handoffReason").GetString());
        Assert.Contains("很抱歉", Parts(angry));
        Assert.Contains("人工", Parts(angry));

        using var admin = factory.CreateClient(DemoShopTests.DemoKey);
        var queue = await (await admin.GetAsync("/api/v1/shops/demo/conversations?status=waiting_for_human")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var waiting = queue.EnumerateArray().Single(c => c.GetProperty("buyerId").GetString() == buyer);
        Assert.Equal("escalation", waiting.GetProperty("handoffReason").GetString());
        Assert.Contains("投诉", waiting.GetProperty("handoffSummary").GetString());
        Assert.Equal("angry", waiting.GetProperty("lastEmotion").GetString());
        var id = waiting.GetProperty("id").GetInt64();

        var claimed = await (await admin.PostJsonAsync($"/api/v1/shops/demo/conversations/{id}/claim", new { agent = "小美" })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal("human", claimed.GetProperty("status").GetString());

        var silent = await Say("人呢？");
        Assert.Empty(silent.GetProperty("parts").EnumerateArray());
        Assert.Equal("human", silent.GetProperty("conversationStatus").GetString());

        var agentReply = await (await admin.PostJsonAsync($"/api/v1/shops/demo/conversations/{id}/replies",
            new { agent = "小美", text = "亲，非常抱歉，我们给您换一件新的，运费我们出~" })).AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        Assert.Equal("agent", agentReply.GetProperty("direction").GetString());
        var answered = agentReply.GetProperty("inReplyToId").GetInt64();

        await (await admin.PostAsync($"/api/v1/shops/demo/conversations/{id}/release", null)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var back = await Say("好的谢谢");
        Assert.Equal("bot", back.GetProperty("conversationStatus").GetString());
        Assert.Contains("不客气", Parts(back));

        var learned = await factory.WithDbAsync(db => db.ConversationMessages.AsNoTracking().SingleAsync(m => m.Id == answered));
        Assert.Equal("人呢？", learned.Text);

        // The transcript: each buyer message with what the bot answered it, the agent's reply between.
        var transcript = (await (await admin.GetAsync($"/api/v1/shops/demo/conversations/{id}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK))
            .GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(
            ["buyer", "buyer", "buyer", "buyer", "buyer", "buyer", "buyer", "agent", "buyer"],
            transcript.Select(m => m.GetProperty("direction").GetString()));
        var complaint = transcript[5];
        Assert.Equal(angry.GetProperty("messageId").GetInt64(), complaint.GetProperty("id").GetInt64());
        Assert.Equal(Parts(angry), string.Join(" | ", complaint.GetProperty("botReply").GetProperty("parts").EnumerateArray().Select(p => p.GetString())));
        Assert.Equal("escalation", complaint.GetProperty("botReply").GetProperty("handoffReason").GetString());
        Assert.Equal(JsonValueKind.Null, transcript[6].GetProperty("botReply").ValueKind);
        Assert.Equal(transcript[6].GetProperty("id").GetInt64(), transcript[7].GetProperty("inReplyToId").GetInt64());
        Assert.Contains("不客气", transcript[8].GetProperty("botReply").GetProperty("parts")[0].GetString());
    }

    [DbFact]
    public async Task AgentsClaimingAtOnceGetOneClaimAndConflicts()
    {
        var webhooks = await WebhooksAsync();
        var buyer = "buyer-" + NewId();
        var handoff = await ReplyAsync(await webhooks.SendGenericAsync(WebhookClient.Message(NewId(), buyer, "转人工")));
        var id = handoff.GetProperty("conversationId").GetInt64();
        using var admin = factory.CreateClient(DemoShopTests.DemoKey);

        var agents = Enumerable.Range(1, 8).Select(n => $"agent-{n}").ToList();
        var claims = await Task.WhenAll(agents.Select(agent => admin.PostJsonAsync($"/api/v1/shops/demo/conversations/{id}/claim", new { agent })));

        // Each claim is decided on the state the one before it committed: one agent owns the conversation.
        Assert.Equal(1, claims.Count(c => c.StatusCode == HttpStatusCode.OK));
        Assert.Equal(agents.Count - 1, claims.Count(c => c.StatusCode == HttpStatusCode.Conflict));
        var winner = agents[Array.FindIndex(claims, c => c.StatusCode == HttpStatusCode.OK)];
        var stored = await (await admin.GetAsync($"/api/v1/shops/demo/conversations/{id}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(winner, stored.GetProperty("conversation").GetProperty("assignedAgent").GetString());
    }

    [DbFact]
    public async Task RelatedProductsAndChoicesComeAsProductCards()
    {
        var webhooks = await WebhooksAsync();
        var buyer = "buyer-" + NewId();
        async Task<JsonElement> Say(string text) => await ReplyAsync(await webhooks.SendGenericAsync(WebhookClient.Message(NewId(), buyer, text)));
        static List<JsonElement> Cards(JsonElement reply) => reply.GetProperty("cards").EnumerateArray().ToList();

        var related = await Say("羊绒围巾有什么搭配推荐");
        var relatedCards = Cards(related);
        Assert.InRange(relatedCards.Count, 1, 3);
        Assert.Contains(relatedCards, c => c.GetProperty("title").GetString()!.Contains("双面羊毛大衣"));
        Assert.All(relatedCards, c =>
        {
            Assert.Contains(c.GetProperty("title").GetString()!, Parts(related));
            Assert.True(c.GetProperty("price").GetInt64() > 0);
            Assert.False(string.IsNullOrEmpty(c.GetProperty("reason").GetString()));
        });

        var plain = await Say("包邮吗");
        Assert.Empty(Cards(plain));
    }

    [DbFact]
    public async Task AnAmbiguousProductComesWithCardsForTheInStockChoices()
    {
        await factory.WaitUntilReadyAsync();
        var shop = await factory.CreateShopAsync();
        using var admin = factory.CreateClient(shop.ApiKey);
        foreach (var (code, stock) in new[] { ("SH-1", 5), ("SH-2", 3), ("SH-3", 0) })
        {
            var product = new
            {
                title = "小白鞋 " + code, aliases = new[] { "小白鞋" }, listPrice = 19900,
                skus = new[] { new { code = code + "-38", attributes = new Dictionary<string, string> { ["尺码"] = "38" }, price = 19900, stock } },
            };
            Assert.True((await admin.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/products/{code}", product)).IsSuccessStatusCode);
        }

        var reply = await (await admin.PostJsonAsync($"/api/v1/shops/{shop.Id}/playground/messages", new { text = "小白鞋多少钱", buyerId = "b-" + NewId() }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(3, reply.GetProperty("quickReplies").GetArrayLength());
        var cards = reply.GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal(["SH-1", "SH-2"], cards.Select(c => c.GetProperty("code").GetString()).Order());
        Assert.All(cards, c => Assert.Equal(19900, c.GetProperty("price").GetInt64()));
    }

    [DbFact]
    public async Task ASettingsChangeReachesTheNextMessage()
    {
        await factory.WaitUntilReadyAsync();
        var shop = await factory.CreateShopAsync();
        using var admin = factory.CreateClient(shop.ApiKey);
        async Task<JsonElement> Say(string text) =>
            await (await admin.PostJsonAsync($"/api/v1/shops/{shop.Id}/playground/messages", new { text, buyerId = "b-" + NewId() }))
                .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.False((await Say("包邮吗")).GetProperty("handedOff").GetBoolean());
        var settings = new
        {
            name = "测试小店", defaultLanguage = "zh-CN", timeZone = "Asia/Shanghai", currency = "CNY",
            botName = "小蜜", buyerSalutation = "亲", humanOnlyIntents = new[] { "shipping_fee" },
        };
        Assert.True((await admin.PutAsJsonAsync($"/api/v1/shops/{shop.Id}", settings)).IsSuccessStatusCode);

        var after = await Say("包邮吗");
        Assert.True(after.GetProperty("handedOff").GetBoolean());
        Assert.Equal("human_only_intent", after.GetProperty("handoffReason").GetString());
    }

    [DbFact]
    public async Task RetriedDeliveryGetsTheStoredReplyAndIsProcessedOnce()
    {
        var webhooks = await WebhooksAsync();
        var message = WebhookClient.Message(NewId(), "buyer-" + NewId(), "WD-1002多少钱");

        var first = await ReplyAsync(await webhooks.SendGenericAsync(message));
        var second = await ReplyAsync(await webhooks.SendGenericAsync(message));

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(Parts(first), Parts(second));
        Assert.Equal(first.GetProperty("messageId").GetInt64(), second.GetProperty("messageId").GetInt64());
        var conversationId = first.GetProperty("conversationId").GetInt64();
        // One row: the buyer message, with its reply on it.
        Assert.Equal(1, await factory.WithDbAsync(db => db.ConversationMessages.CountAsync(m => m.ConversationId == conversationId)));
    }

    [DbFact]
    public async Task AChineseReplyIsWrittenAsItselfInTheResponseAndTheStoredReply()
    {
        var webhooks = await WebhooksAsync();

        var response = await webhooks.SendGenericAsync(WebhookClient.Message(NewId(), "buyer-" + NewId(), "你好"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        using var reply = JsonDocument.Parse(raw);
        var firstPart = reply.RootElement.GetProperty("parts")[0].GetString()!;
        Assert.Contains(firstPart, c => c >= '\u4E00');
        Assert.Contains(JsonSerializer.Serialize(firstPart, Api.Hosting.JsonText.Options), raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", raw, StringComparison.Ordinal);
        var messageId = reply.RootElement.GetProperty("messageId").GetInt64();
        var stored = await factory.WithDbAsync(db => db.ConversationMessages.AsNoTracking().SingleAsync(m => m.Id == messageId));
        Assert.Contains(firstPart, stored.ReplyJson, StringComparison.Ordinal);
    }

    [DbFact]
    public async Task ConcurrentDeliveriesWithDuplicatesStoreExactlyOneReplyPerMessage()
    {
        var webhooks = await WebhooksAsync();
        var run = NewId()[..8];
        var random = new Random(7);
        var unique = Enumerable.Range(0, 700).Select(i => WebhookClient.Message($"{run}-{i}", $"buyer-{run}-{i % 40}", i % 3 == 0 ? "有红色的吗" : "什么时候发货")).ToList();
        var deliveries = unique.Concat(Enumerable.Range(0, 300).Select(_ => unique[random.Next(unique.Count)])).OrderBy(_ => random.Next()).ToList();

        var responses = await Task.WhenAll(deliveries.Select(async message =>
        {
            using var response = await webhooks.SendGenericAsync(message);
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        var stored = await factory.WithDbAsync(db => db.ConversationMessages.AsNoTracking()
            .Where(m => m.PlatformMessageId != null && m.PlatformMessageId.StartsWith(run))
            .GroupBy(m => m.PlatformMessageId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(700, stored.Count);
        Assert.All(stored, count => Assert.Equal(1, count));
        var withoutReply = await factory.WithDbAsync(db => db.ConversationMessages.AsNoTracking()
            .CountAsync(m => m.PlatformMessageId != null && m.PlatformMessageId.StartsWith(run) && m.ReplyJson == null));
        Assert.Equal(0, withoutReply);
        var otherRows = await factory.WithDbAsync(db => db.ConversationMessages.AsNoTracking()
            .CountAsync(m => m.PlatformMessageId == null && db.Conversations.Any(c => c.Id == m.ConversationId && c.BuyerId.StartsWith($"buyer-{run}"))));
        Assert.Equal(0, otherRows);
    }

    public static TheoryData<string, string, HttpStatusCode> BadDeliveries => new()
    {
        { "bad signature", "bad-signature", HttpStatusCode.Unauthorized },
        { "missing signature", "missing-signature", HttpStatusCode.Unauthorized },
        { "stale timestamp", "stale", HttpStatusCode.Unauthorized },
        { "wrong shop", "wrong-shop", HttpStatusCode.Unauthorized },
        { "unknown platform", "unknown-platform", HttpStatusCode.NotFound },
        { "malformed JSON", "malformed", HttpStatusCode.BadRequest },
        { "empty text", "empty-text", HttpStatusCode.BadRequest },
        { "10,000-character text", "huge-text", HttpStatusCode.BadRequest },
        { "body over 64 KiB", "oversized", HttpStatusCode.RequestEntityTooLarge },
    };

    [DbTheory]
    [MemberData(nameof(BadDeliveries))]
    public async Task BadDeliveryIsA4xxAndStoresNothing(string name, string kind, HttpStatusCode expected)
    {
        var webhooks = await WebhooksAsync();
        var before = await factory.WithDbAsync(db => db.ConversationMessages.CountAsync());
        var message = WebhookClient.Message(NewId(), "buyer-" + NewId(), "有货吗");
        using var client = factory.CreateClient();

        var response = kind switch
        {
            "bad-signature" => await webhooks.SendGenericAsync(message, signatureOverride: "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            "missing-signature" => await client.PostAsync("/webhooks/generic/demo/messages", new StringContent(JsonSerializer.Serialize(message), Encoding.UTF8, "application/json")),
            "stale" => await webhooks.SendGenericAsync(message, signedAt: DateTimeOffset.UtcNow.AddMinutes(-6)),
            "wrong-shop" => await new WebhookClient(client, "no-such-shop", Secret).SendGenericAsync(message),
            "unknown-platform" => await webhooks.SendRawGenericAsync(JsonSerializer.SerializeToUtf8Bytes(message), platform: "myspace"),
            "malformed" => await webhooks.SendRawGenericAsync(Encoding.UTF8.GetBytes("{\"messageId\": ")),
            "empty-text" => await webhooks.SendGenericAsync(WebhookClient.Message(NewId(), "b", "   ")),
            "huge-text" => await webhooks.SendGenericAsync(WebhookClient.Message(NewId(), "b", new string('好', 10_000))),
            "oversized" => await webhooks.SendRawGenericAsync(Encoding.UTF8.GetBytes($"{{\"messageId\":\"x\",\"buyerId\":\"b\",\"text\":\"{new string('a', 70_000)}\"}}")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var problem = await response.AssertProblemAsync(expected);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), name);
        Assert.Equal(before, await factory.WithDbAsync(db => db.ConversationMessages.CountAsync()));
    }

    [DbTheory]
    [InlineData("'; DROP TABLE conversations; --")]
    [InlineData("<script>alert('x')</script>有货吗")]
    [InlineData("\u0000\u0001\u0002 hello \u001b[31m")]
    [InlineData("😭😭😭😭")]
    public async Task HostileTextGetsASafeReply(string text)
    {
        var webhooks = await WebhooksAsync();

        var reply = await ReplyAsync(await webhooks.SendGenericAsync(WebhookClient.Message(NewId(), "buyer-" + NewId(), text)));

        Assert.NotEmpty(reply.GetProperty("parts").EnumerateArray());
        Assert.DoesNotContain("<script>", Parts(reply));
        Assert.True(await factory.WithDbAsync(db => db.Conversations.AnyAsync()));
    }

    [DbFact]
    public async Task ChatwootContactMessageIsAnsweredAndAgentMessagesAreIgnored()
    {
        await factory.WaitUntilReadyAsync();
        using var admin = factory.CreateClient(DemoShopTests.DemoKey);
        const string chatwootSecret = "chatwoot-webhook-secret-for-tests";
        await (await admin.PostJsonAsync("/api/v1/shops/demo/webhook-secrets", new { platform = "chatwoot", secret = chatwootSecret }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        var webhooks = new WebhookClient(factory.CreateClient(), "demo", Secret);
        var contact = Random.Shared.Next(1_000_000);

        var answered = await ReplyAsync(await webhooks.SendChatwootAsync(chatwootSecret, new
        {
            @event = "message_created", id = Random.Shared.Next(), content = "包邮吗", message_type = "incoming",
            sender = new { id = contact, name = "Ann", type = "contact" }, conversation = new { id = 77 },
        }));
        var ignored = await ReplyAsync(await webhooks.SendChatwootAsync(chatwootSecret, new
        {
            @event = "message_created", id = Random.Shared.Next(), content = "agent here", message_type = "outgoing",
            sender = new { id = 3, name = "Agent", type = "user" }, conversation = new { id = 77 },
        }));

        Assert.Contains("包邮", Parts(answered));
        Assert.True(ignored.GetProperty("ignored").GetBoolean());
    }

    [DbFact]
    public async Task PlaygroundRunsThePipelineAsTestTraffic()
    {
        await factory.WaitUntilReadyAsync();
        using var admin = factory.CreateClient(DemoShopTests.DemoKey);

        var reply = await (await admin.PostJsonAsync("/api/v1/shops/demo/playground/messages", new { text = "WD-1001多少钱", buyerId = "pg-" + NewId() }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Contains("¥259", Parts(reply));
        var conversationId = reply.GetProperty("conversationId").GetInt64();
        Assert.True(await factory.WithDbAsync(db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.IsTest).SingleAsync()));
    }
}

public sealed class ConversationSqliteTests(DemoSqliteFactory factory) : ConversationTests(factory), IClassFixture<DemoSqliteFactory>;

public sealed class ConversationPostgreSqlTests(DemoPostgreSqlFactory factory)
    : ConversationTests(factory), IClassFixture<DemoPostgreSqlFactory>, IPostgreSqlTests;
