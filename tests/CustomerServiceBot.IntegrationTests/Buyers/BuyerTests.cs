using System.Net;
using System.Text.Json;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.IntegrationTests.Conversations;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using CustomerServiceBot.IntegrationTests.Knowledge;
using CustomerServiceBot.IntegrationTests.Reminders;
using CustomerServiceBot.IntegrationTests.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerServiceBot.IntegrationTests.Buyers;

// Buyer profiles and tags on the demo shop, fed through the signed order and message webhooks.
public abstract class BuyerTests(ApiFactory factory)
{
    private const string Shop = "demo";

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private async Task<(WebhookClient Webhooks, HttpClient Admin)> ClientsAsync()
    {
        await factory.WaitUntilReadyAsync();
        return (new WebhookClient(factory.CreateClient(), Shop, DemoSettings.WebhookSecret), factory.CreateClient(DemoShopTests.DemoKey));
    }

    private Task OrderAsync(string type, string orderId, string buyer, object[]? items = null, long? amount = null, string nick = "小王") =>
        factory.SendOrderEventNowAsync(Shop, DemoSettings.WebhookSecret, new
        {
            type, orderId, buyerId = buyer, buyerNick = nick, items, amount = amount ?? (type == "created" ? 25_900 : null), payUrl = $"https://pay.example/{orderId}",
            createdAt = DateTimeOffset.UtcNow, occurredAt = DateTimeOffset.UtcNow,
        });

    private static object Item(string product, string sku, long price) => new { productId = product, sku, title = product, quantity = 1, price };

    private static async Task<JsonElement> ProfileAsync(HttpClient admin, string buyer, string shop = Shop) =>
        await (await admin.GetAsync($"/api/v1/shops/{shop}/buyers/{buyer}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

    private static string Parts(JsonElement reply) => string.Join(" | ", reply.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));

    private static List<string> Tags(JsonElement profile) =>
        profile.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("tag").GetString()!).ToList();

    private static string Reason(JsonElement profile, string tag) =>
        profile.GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("tag").GetString() == tag).GetProperty("reason").GetString()!;

    [DbFact]
    public async Task PaidOrdersMakeARepeatBuyerWithASizeProfileAndThenAVip()
    {
        var (webhooks, admin) = await ClientsAsync();
        var buyer = "buyer-" + NewId();
        for (var index = 0; index < 2; index++)
        {
            var order = "O-" + NewId();
            await OrderAsync("created", order, buyer, [Item("WD-1001", "WD-1001-RED-M", 25_900), Item("AS-7003", "AS-7003", 12_900)], 38_800);
            await OrderAsync("paid", order, buyer);
        }

        var repeat = await ProfileAsync(admin, buyer);
        Assert.Equal(2, repeat.GetProperty("paidOrders").GetInt32());
        Assert.Equal(77_600, repeat.GetProperty("spend").GetInt64());
        Assert.Equal(19_400, repeat.GetProperty("averageItemPrice").GetInt64());
        Assert.Equal(["WD-1001", "AS-7003"], repeat.GetProperty("boughtProducts").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["A-SCF:2", "W-DRS:2"], repeat.GetProperty("categoriesBought").EnumerateArray()
            .Select(c => $"{c.GetProperty("value").GetString()}:{c.GetProperty("count").GetInt32()}"));
        Assert.Contains("repeat", Tags(repeat));
        Assert.Contains("size:M", Tags(repeat));
        Assert.Equal("bought size M 2 times", Reason(repeat, "size:M"));
        Assert.DoesNotContain("vip", Tags(repeat));
        Assert.Contains("欢迎回来", Parts(await webhooks.SayAsync(buyer, "在吗")));

        var big = "O-" + NewId();
        await OrderAsync("created", big, buyer, [Item("WC-3002", "WC-3002", 189_900)], 189_900);
        await OrderAsync("paid", big, buyer);

        var vip = await ProfileAsync(admin, buyer);
        Assert.Contains("vip", Tags(vip));
        Assert.DoesNotContain("repeat", Tags(vip));
        Assert.Equal("3 paid orders, 2675 spent", Reason(vip, "vip"));
        Assert.Contains("尊贵的VIP", Parts(await webhooks.SayAsync(buyer, "在吗")));
    }

    [DbFact]
    public async Task ConversationsMarkPriceSensitiveAndAtRiskBuyersAndTestTrafficLeavesNoProfile()
    {
        var (webhooks, admin) = await ClientsAsync();
        var buyer = "buyer-" + NewId();
        await webhooks.SayAsync(buyer, "这条裙子能便宜点吗", "WD-1001");
        await webhooks.SayAsync(buyer, "有没有优惠券可以领");

        var sensitive = await ProfileAsync(admin, buyer);
        Assert.Contains("price_sensitive", Tags(sensitive));
        Assert.Equal(["WD-1001"], sensitive.GetProperty("viewedProducts").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain("at_risk", Tags(sensitive));

        await webhooks.SayAsync(buyer, "上次买的衣服洗一次就起球了，什么破质量，我要投诉！！");

        var angry = await ProfileAsync(admin, buyer);
        Assert.Contains("at_risk", Tags(angry));
        Assert.StartsWith("complained on", Reason(angry, "at_risk"));
        Assert.Equal(3, angry.GetProperty("messages").GetInt32());
        Assert.Equal("angry", angry.GetProperty("recentEmotions").EnumerateArray().Last().GetString());

        var tester = "tester-" + NewId();
        await (await admin.PostJsonAsync($"/api/v1/shops/{Shop}/playground/messages", new { buyerId = tester, text = "这条裙子多少钱" }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        await (await admin.GetAsync($"/api/v1/shops/{Shop}/buyers/{tester}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync($"/api/v1/shops/{Shop}/playground/messages", new { buyerId = buyer, text = "什么破质量，我要投诉！！" }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(3, (await ProfileAsync(admin, buyer)).GetProperty("messages").GetInt32());
    }

    [DbFact]
    public async Task BuyersWhoAskRepeatedlyTodayWithoutOrderingAreListedToWakeUpUntilTheyOrder()
    {
        var (webhooks, admin) = await ClientsAsync();
        var buyer = "buyer-" + NewId();
        var browser = "buyer-" + NewId();
        await webhooks.SayAsync(browser, "这条裙子多少钱呀", "WD-1001");
        await webhooks.SayAsync(buyer, "这条裙子多少钱呀", "WD-1001");
        await webhooks.SayAsync(buyer, "还有货吗");
        await webhooks.SayAsync(buyer, "我身高165体重52kg穿什么码");

        var list = await (await admin.GetAsync($"/api/v1/shops/{Shop}/buyers/high-intent")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var entry = Assert.Single(list.EnumerateArray(), e => e.GetProperty("buyerId").GetString() == buyer);
        Assert.DoesNotContain(list.EnumerateArray(), e => e.GetProperty("buyerId").GetString() == browser);
        Assert.Equal(3, entry.GetProperty("questionsToday").GetInt32());
        Assert.Equal("asked about price, stock or size 3 times today without ordering", entry.GetProperty("reason").GetString());
        Assert.Equal(["WD-1001"], entry.GetProperty("viewedProducts").EnumerateArray().Select(p => p.GetString()));
        var tagged = await (await admin.GetAsync($"/api/v1/shops/{Shop}/buyers?tag=high_intent")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Contains(tagged.GetProperty("items").EnumerateArray(), b => b.GetProperty("buyerId").GetString() == buyer);

        await OrderAsync("created", "O-" + NewId(), buyer, [Item("WD-1001", "WD-1001-RED-M", 25_900)]);

        var after = await (await admin.GetAsync($"/api/v1/shops/{Shop}/buyers/high-intent")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        Assert.DoesNotContain(after.EnumerateArray(), e => e.GetProperty("buyerId").GetString() == buyer);
        Assert.DoesNotContain("high_intent", Tags(await ProfileAsync(admin, buyer)));
    }

    [DbFact]
    public async Task MerchantsAddAndRemoveManualTagsAndListBuyersByTagPageByPage()
    {
        var (webhooks, admin) = await ClientsAsync();
        var tag = "wholesale-" + NewId()[..6];
        var buyers = new List<string>();
        for (var index = 0; index < 3; index++)
        {
            var buyer = "buyer-" + NewId();
            buyers.Add(buyer);
            await webhooks.SayAsync(buyer, "在吗");
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/v1/shops/{Shop}/buyers/{buyer}/tags/{tag}", null)).StatusCode);
        }

        var first = await (await admin.GetAsync($"/api/v1/shops/{Shop}/buyers?tag={tag}&limit=2")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var next = first.GetProperty("nextAfterId").GetInt64();
        var second = await (await admin.GetAsync($"/api/v1/shops/{Shop}/buyers?tag={tag}&limit=2&afterId={next}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(buyers.AsEnumerable().Reverse(), listed.Select(b => b.GetProperty("buyerId").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextAfterId").ValueKind);
        var manual = listed[0].GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("tag").GetString() == tag);
        Assert.Equal("manual", manual.GetProperty("source").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/shops/{Shop}/buyers/{buyers[0]}/tags/{tag}")).StatusCode);
        await (await admin.DeleteAsync($"/api/v1/shops/{Shop}/buyers/{buyers[0]}/tags/{tag}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var remaining = await (await admin.GetAsync($"/api/v1/shops/{Shop}/buyers?tag={tag}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(2, remaining.GetProperty("items").GetArrayLength());

        var computed = await (await admin.PutAsync($"/api/v1/shops/{Shop}/buyers/{buyers[1]}/tags/vip", null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("computed", computed.GetProperty("detail").GetString());
        await (await admin.PutAsync($"/api/v1/shops/{Shop}/buyers/{buyers[1]}/tags/{new string('x', 41)}", null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsync($"/api/v1/shops/{Shop}/buyers/nobody-{NewId()}/tags/{tag}", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync($"/api/v1/shops/{Shop}/buyers?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain(tag, Tags(await ProfileAsync(admin, buyers[0])));
    }

    [DbFact]
    public async Task ErasingABuyerLeavesNoTraceOfThemInAnyTable()
    {
        // A shop of its own: the reminder rule below stays out of the other tests' shop.
        var (shop, admin, secret, webhooks) = await factory.CreateDemoShopWithWebhooksAsync();
        var buyer = "buyer-" + NewId();
        var nick = "Nick" + NewId();
        var said = "暗号" + NewId();
        var other = "buyer-" + NewId();
        await (await admin.PostJsonAsync($"/api/v1/shops/{shop.Id}/reminders/rules", ReminderScenario.Rule(delays: [15])))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        await webhooks.SayAsync(buyer, $"这条裙子多少钱，{said}", "WD-1001", nick);
        await webhooks.SayAsync(buyer, "我要投诉！！什么破质量", nick: nick);
        await webhooks.SayAsync(other, "这条裙子多少钱", "WD-1001");
        var paid = "O-" + NewId();
        var unpaid = "O-" + NewId();
        async Task OrderAsync(string type, string orderId, object[]? items = null) =>
            await factory.SendOrderEventNowAsync(shop.Id, secret, new
            {
                type, orderId, buyerId = buyer, buyerNick = nick, items, amount = type == "created" ? 25_900 : (long?)null,
                payUrl = $"https://pay.example/{orderId}", createdAt = DateTimeOffset.UtcNow,
            });
        await OrderAsync("created", paid, [Item("WD-1001", "WD-1001-RED-M", 25_900)]);
        await OrderAsync("paid", paid);
        await OrderAsync("created", unpaid, [Item("AS-7003", "AS-7003", 12_900)]);
        var reminders = await factory.WithDbAsync(db => db.Reminders.CountAsync(r => r.ShopId == shop.Id && r.BuyerId == buyer));
        Assert.True(await factory.WithDbAsync(db => db.Reminders.AnyAsync(r => r.ShopId == shop.Id && r.BuyerId == buyer && r.Status == "scheduled")),
            "The unpaid order should have scheduled a reminder that names the buyer.");
        Assert.NotEmpty(await RowsMentioningAsync(buyer, nick, said));

        var erased = await (await admin.DeleteAsync($"/api/v1/shops/{shop.Id}/buyers/{buyer}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal(1, erased.GetProperty("profiles").GetInt32());
        Assert.Equal(1, erased.GetProperty("conversations").GetInt32());
        // Its two messages, each with the bot's reply stored on it.
        Assert.Equal(2, erased.GetProperty("messages").GetInt32());
        Assert.Equal(2, erased.GetProperty("ordersAnonymised").GetInt32());
        Assert.Equal(reminders, erased.GetProperty("reminders").GetInt32());
        Assert.Empty(await RowsMentioningAsync(buyer, nick, said));
        var left = await factory.WithDbAsync(db => db.Reminders.Where(r => r.ShopId == shop.Id).Select(r => r.Status + ":" + r.SkipReason).ToListAsync());
        Assert.Contains("cancelled:buyer_erased", left);
        Assert.DoesNotContain(left, r => r.StartsWith("scheduled", StringComparison.Ordinal));
        Assert.Equal(2, await factory.WithDbAsync(db => db.Orders.CountAsync(o => o.ShopId == shop.Id && (o.OrderId == paid || o.OrderId == unpaid))));
        await (await admin.GetAsync($"/api/v1/shops/{shop.Id}/buyers/{buyer}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/api/v1/shops/{shop.Id}/buyers/{buyer}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, (await ProfileAsync(admin, other, shop.Id)).GetProperty("messages").GetInt32());
    }

    [DbFact]
    public async Task ErasureWaitsForWhoeverHoldsTheBuyersConversation()
    {
        var (webhooks, admin) = await ClientsAsync();
        var buyer = "buyer-" + NewId();
        await webhooks.SayAsync(buyer, "在吗");

        Task<HttpResponseMessage> erasure;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // What an agent's reply holds while it writes: without the conversation's lock, erasure would delete the
            // conversation under it and leave the agent's push to the buyer unscrubbed. (On SQLite the writer gate
            // held here makes any write wait; on PostgreSQL only the conversation's lock does.)
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var locks = scope.ServiceProvider.GetRequiredService<ConversationLocks>();
            using (await locks.LockConversationsAsync(db, [ConversationLocks.Key(Shop, "generic", buyer)], CancellationToken.None))
            {
                erasure = admin.DeleteAsync($"/api/v1/shops/{Shop}/buyers/{buyer}");
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                Assert.False(erasure.IsCompleted, "The erasure did not wait for the conversation's lock.");
            }
        }

        var erased = await (await erasure).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        Assert.Equal(1, erased.GetProperty("conversations").GetInt32());
    }

    // Every row of every table, read column by column as text: whatever still names the buyer.
    private Task<List<string>> RowsMentioningAsync(params string[] traces) => factory.WithDbAsync(async db =>
    {
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    var value = reader.IsDBNull(column) ? "" : Convert.ToString(reader.GetValue(column) is string[] array ? string.Join(",", array) : reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    if (traces.FirstOrDefault(t => value.Contains(t, StringComparison.Ordinal)) is { } trace)
                    {
                        found.Add($"{table}.{reader.GetName(column)} holds '{trace}'");
                    }
                }
            }
        }

        return found;
    });
}

public sealed class BuyerSqliteTests(DemoSqliteFactory factory) : BuyerTests(factory), IClassFixture<DemoSqliteFactory>;

public sealed class BuyerPostgreSqlTests(DemoPostgreSqlFactory factory)
    : BuyerTests(factory), IClassFixture<DemoPostgreSqlFactory>, IPostgreSqlTests;
