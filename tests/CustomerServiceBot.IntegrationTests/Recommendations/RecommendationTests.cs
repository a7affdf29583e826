using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Reminders;
using CustomerServiceBot.IntegrationTests.Conversations;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using CustomerServiceBot.IntegrationTests.Knowledge;
using CustomerServiceBot.IntegrationTests.Shops;

namespace CustomerServiceBot.IntegrationTests.Recommendations;

// Product cards in replies on the demo shop, scene by scene, and the merchant's recommendation API.
// Each test talks as a buyer of its own, so one conversation's limits never touch another's.
public abstract class RecommendationTests(ApiFactory factory)
{
    private const string Shop = "demo";

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private async Task<(WebhookClient Webhooks, HttpClient Admin)> ClientsAsync()
    {
        await factory.WaitUntilReadyAsync();
        return (new WebhookClient(factory.CreateClient(), Shop, DemoSettings.WebhookSecret), factory.CreateClient(DemoShopTests.DemoKey));
    }

    private static List<JsonElement> Cards(JsonElement reply) => reply.GetProperty("cards").EnumerateArray().ToList();

    private static List<string> Codes(JsonElement reply) => Cards(reply).Select(c => c.GetProperty("code").GetString()!).ToList();

    private static string Parts(JsonElement reply) => string.Join(" | ", reply.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));

    [DbFact]
    public async Task APreSaleQuestionGetsSimilarProductsWithTheirReason()
    {
        var (webhooks, _) = await ClientsAsync();

        var reply = await webhooks.SayAsync("buyer-" + NewId(), "这条裙子多少钱呀", "WD-1001");

        Assert.Contains("¥259", Parts(reply));
        Assert.Contains("看这款的亲也常看", Parts(reply));
        var similar = Assert.Single(Cards(reply), c => c.GetProperty("code").GetString() == "WD-1005");
        Assert.Equal("similar", similar.GetProperty("reasonCode").GetString());
        Assert.Equal("相似款", similar.GetProperty("reason").GetString());
        Assert.Equal(12_900, similar.GetProperty("price").GetInt64());
        Assert.DoesNotContain("WD-1001", Codes(reply));
        Assert.InRange(Cards(reply).Count, 1, 2);
    }

    [DbFact]
    public async Task ASoldOutVariantGetsTheSameItemInAnotherColourAndAlternativesInTheBuyersSize()
    {
        var (webhooks, _) = await ClientsAsync();

        var reply = await webhooks.SayAsync("buyer-" + NewId(), "红色XL码还有货吗", "WD-1001");

        Assert.Contains("缺货", Parts(reply));
        var cards = Cards(reply);
        var otherColour = cards[0];
        Assert.Equal("other_colour", otherColour.GetProperty("reasonCode").GetString());
        Assert.Equal("同款其他颜色", otherColour.GetProperty("reason").GetString());
        Assert.Equal("WD-1001", otherColour.GetProperty("code").GetString());
        Assert.EndsWith("-XL", otherColour.GetProperty("skuCode").GetString());
        Assert.NotEqual("WD-1001-RED-XL", otherColour.GetProperty("skuCode").GetString());
    }

    [DbFact]
    public async Task APriceObjectionGetsOnlyCheaperAlternatives()
    {
        var (webhooks, _) = await ClientsAsync();

        var reply = await webhooks.SayAsync("buyer-" + NewId(), "太贵了，能便宜点吗", "WC-3002");

        Assert.Contains("更实惠", Parts(reply));
        Assert.NotEmpty(Cards(reply));
        Assert.All(Cards(reply), card =>
        {
            Assert.True(card.GetProperty("price").GetInt64() < 89_900);
            Assert.Equal("cheaper", card.GetProperty("reasonCode").GetString());
            Assert.Equal("更便宜", card.GetProperty("reason").GetString());
        });
    }

    [DbFact]
    public async Task AnOrderQuestionGetsTheBundleAndNeverASoldOutAccessory()
    {
        var (webhooks, _) = await ClientsAsync();

        var bundle = await webhooks.SayAsync("buyer-" + NewId(), "这个什么时候发货", "MT-4001");
        var soldOutAccessory = await webhooks.SayAsync("buyer-" + NewId(), "这个什么时候发货", "WD-1004");

        var card = Assert.Single(Cards(bundle), c => c.GetProperty("code").GetString() == "MP-6001");
        Assert.Equal("bundle", card.GetProperty("reasonCode").GetString());
        Assert.DoesNotContain("AS-7003", Codes(soldOutAccessory));
    }

    [DbFact]
    public async Task AnAfterSaleQuestionGetsTheProductsAccessories()
    {
        var (webhooks, _) = await ClientsAsync();

        var reply = await webhooks.SayAsync("buyer-" + NewId(), "这件大衣怎么洗怎么保养", "WC-3002");

        var scarf = Assert.Single(Cards(reply), c => c.GetProperty("code").GetString() == "AS-7001");
        Assert.True(scarf.GetProperty("reasonCode").GetString() is "care" or "accessory", reply.ToString());
    }

    [DbFact]
    public async Task ABuyerAskingForRecommendationsWithoutAProductGetsBestSellers()
    {
        var (webhooks, _) = await ClientsAsync();

        var reply = await webhooks.SayAsync("buyer-" + NewId(), "有什么推荐的吗");

        Assert.Contains("热卖", Parts(reply));
        Assert.NotEmpty(Cards(reply));
        Assert.All(Cards(reply), c => Assert.Equal("popular", c.GetProperty("reasonCode").GetString()));
    }

    [DbFact]
    public async Task CardsWaitForTheCooldownAndAreNotRepeatedButAnExplicitAskIsAnswered()
    {
        var (webhooks, _) = await ClientsAsync();
        var buyer = "buyer-" + NewId();

        var first = await webhooks.SayAsync(buyer, "这条裙子多少钱呀", "WD-1001");
        var second = await webhooks.SayAsync(buyer, "是什么面料的");
        var asked = await webhooks.SayAsync(buyer, "还有类似的推荐吗");

        Assert.NotEmpty(Cards(first));
        Assert.True(Cards(second).Count == 0, $"Within the cooldown: {second}");
        Assert.NotEmpty(Cards(asked));
        Assert.Empty(Codes(first).Intersect(Codes(asked)));
    }

    [DbFact]
    public async Task ABuyerAtRiskAfterAComplaintGetsNoCards()
    {
        var (webhooks, admin) = await ClientsAsync();
        var buyer = "buyer-" + NewId();
        var complaint = await webhooks.SayAsync(buyer, "什么破质量，洗一次就坏了，我要投诉！！");
        var conversation = complaint.GetProperty("conversationId").GetInt64();
        await (await admin.PostJsonAsync($"/api/v1/shops/{Shop}/conversations/{conversation}/claim", new { agent = "小李" })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/v1/shops/{Shop}/conversations/{conversation}/resolve", new { })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        var calm = await webhooks.SayAsync(buyer, "这条裙子多少钱呀", "WD-1001");
        var stranger = await webhooks.SayAsync("buyer-" + NewId(), "这条裙子多少钱呀", "WD-1001");

        Assert.True(complaint.GetProperty("handedOff").GetBoolean());
        Assert.Contains("¥259", Parts(calm));
        Assert.Empty(Cards(calm));
        Assert.NotEmpty(Cards(stranger));
    }

    [DbFact]
    public async Task MerchantExclusionsAndWhatTheBuyerBoughtAreNeverRecommended()
    {
        // A shop of its own: the exclusion below stays out of the other tests' replies.
        var (shop, admin, secret, webhooks) = await factory.CreateDemoShopWithWebhooksAsync();
        var buyer = "buyer-" + NewId();
        var order = "O-" + NewId();
        await factory.SendOrderEventNowAsync(shop.Id, secret, new { type = "created", orderId = order, buyerId = buyer, amount = 12_900, items = new[] { new { productId = "WD-1005", title = "裙子", quantity = 1 } } });
        await factory.SendOrderEventNowAsync(shop.Id, secret, new { type = "paid", orderId = order });

        var control = await webhooks.SayAsync("buyer-" + NewId(), "这条裙子多少钱呀", "WD-1001");
        var bought = await webhooks.SayAsync(buyer, "这条裙子多少钱呀", "WD-1001");
        var boughtRelated = await webhooks.SayAsync(buyer, "有类似的推荐吗");
        await (await admin.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/recommendations/settings",
            new { enabled = true, maxCardsPerReply = 3, cooldownMessages = 3, maxCardsPerSession = 6, excludedProducts = new[] { "WD-1005" } }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var excluded = await webhooks.SayAsync("buyer-" + NewId(), "这条裙子多少钱呀", "WD-1001");
        var page = await (await admin.GetAsync($"/api/v1/shops/{shop.Id}/recommendations?product=WD-1001&limit=20")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Contains("WD-1005", Codes(control));
        Assert.DoesNotContain("WD-1005", Codes(bought));
        Assert.DoesNotContain("WD-1005", Codes(boughtRelated));
        Assert.DoesNotContain("WD-1005", Codes(excluded));
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), c => c.GetProperty("code").GetString() == "WD-1005");
        Assert.NotEmpty(page.GetProperty("items").EnumerateArray());
    }

    [DbFact]
    public async Task TheRecommendationEndpointServesProductPagesAndRefusesBadQueries()
    {
        var (_, admin) = await ClientsAsync();

        var cheaper = await (await admin.GetAsync($"/api/v1/shops/{Shop}/recommendations?product=WC-3002&scene=price_objection&limit=5&language=en"))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var browse = await (await admin.GetAsync($"/api/v1/shops/{Shop}/recommendations")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("price_objection", cheaper.GetProperty("scene").GetString());
        Assert.NotEmpty(cheaper.GetProperty("items").EnumerateArray());
        Assert.All(cheaper.GetProperty("items").EnumerateArray(), c =>
        {
            Assert.True(c.GetProperty("price").GetInt64() < 89_900);
            Assert.Equal("cheaper", c.GetProperty("reason").GetString());
        });
        Assert.Equal("browse", browse.GetProperty("scene").GetString());
        Assert.NotEmpty(browse.GetProperty("items").EnumerateArray());
        await (await admin.GetAsync($"/api/v1/shops/{Shop}/recommendations?product=WC-3002&scene=upsell")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync($"/api/v1/shops/{Shop}/recommendations?product=NOPE")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync($"/api/v1/shops/{Shop}/recommendations?scene=order")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync($"/api/v1/shops/{Shop}/recommendations?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync($"/api/v1/shops/{Shop}/recommendations/settings", new { maxCardsPerReply = 9 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync($"/api/v1/shops/{Shop}/recommendations/settings", new { excludedProducts = new[] { "" } })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [DbFact]
    public async Task WithEnoughOrdersTheModelLearnsWhatIsBoughtTogether()
    {
        // A shop of its own with the demo catalog: the learned model stays out of the other tests' replies.
        var (shop, admin, secret, _) = await factory.CreateDemoShopWithWebhooksAsync();
        var before = await (await admin.GetAsync($"/api/v1/shops/{shop.Id}/recommendations/model")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        // A pairing the graph does not know: buyers of the denim dress take the cotton socks.
        string[] others = ["MT-4001", "MP-6001", "WC-3001", "WK-2001", "MH-5001", "AH-8002", "WD-1003", "MP-6003"];
        var random = new Random(11);
        for (var index = 0; index < 220; index++)
        {
            var first = random.Next(others.Length);
            string[] items = index % 3 == 0 ? ["WD-1002", "AK-9002"] : [others[first], others[(first + 1 + random.Next(others.Length - 1)) % others.Length]];
            await factory.SendOrderEventNowAsync(shop.Id, secret, new
            {
                type = "paid", orderId = "O-" + NewId(), buyerId = "b-" + random.Next(60), amount = 30_000,
                items = items.Select(p => new { productId = p, title = p, quantity = 1 }),
            });
        }

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/shops/{shop.Id}/recommendations/model", null)).StatusCode);
        var model = await WaitForLearnedModelAsync(admin, shop.Id);
        var page = await (await admin.GetAsync($"/api/v1/shops/{shop.Id}/recommendations?product=WD-1002&scene=order")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.False(before.GetProperty("learned").GetBoolean());
        Assert.Equal(220, model.GetProperty("baskets").GetInt32());
        var socks = Assert.Single(page.GetProperty("items").EnumerateArray(), c => c.GetProperty("code").GetString() == "AK-9002");
        Assert.Equal("bought_together", socks.GetProperty("reasonCode").GetString());
    }

    private static async Task<JsonElement> WaitForLearnedModelAsync(HttpClient admin, string shopId)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var model = await (await admin.GetAsync($"/api/v1/shops/{shopId}/recommendations/model")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
            if (model.GetProperty("learned").GetBoolean() && !model.GetProperty("rebuilding").GetBoolean())
            {
                return model;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The recommendation model did not learn from the orders.");
    }

    private Task OrderAsync(object body) => factory.SendOrderEventNowAsync(Shop, DemoSettings.WebhookSecret, body);
}

public sealed class RecommendationSqliteTests(DemoSqliteFactory factory) : RecommendationTests(factory), IClassFixture<DemoSqliteFactory>;

public sealed class RecommendationPostgreSqlTests(DemoPostgreSqlFactory factory)
    : RecommendationTests(factory), IClassFixture<DemoPostgreSqlFactory>, IPostgreSqlTests;
