using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerServiceBot.Api.Reminders;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Reminders;

// Order events in, reminders out through the outbox to the shop's push endpoint, on a fake clock.
public abstract partial class ReminderTests(ApiFactory factory)
{
    private static string NewOrderId() => "O-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<(ReminderShop Shop, FakePushEndpoint Push)> ShopAsync()
    {
        var push = await FakePushEndpoint.StartAsync(ReminderScenario.PushSecret);
        push.Clock = factory.Now;
        return (await factory.ReminderShopAsync(push), push);
    }

    [DbFact]
    public async Task AnUnpaidOrderIsRemindedOnScheduleAndPaymentStopsTheChain()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15, 180]));
        var created = factory.AdvanceToLocal(10);
        var orderId = NewOrderId();

        var accepted = await factory.SendOrderEventAsync(shop, ReminderScenario.Created(orderId, created)).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromMinutes(14));
        await factory.SettleAsync(shop);
        var beforeDue = push.Calls.Count;
        factory.Clock().Advance(TimeSpan.FromMinutes(2));
        await factory.SettleAsync(shop);

        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        Assert.Equal(2, accepted.GetProperty("remindersScheduled").GetInt32());
        Assert.Equal(0, beforeDue);
        var call = Assert.Single(push.Accepted);
        Assert.True(call.SignatureValid);
        Assert.StartsWith("reminder:", call.WebhookId);
        Assert.Equal("reminder", call.Body.GetProperty("type").GetString());
        Assert.Equal(orderId, call.Body.GetProperty("orderId").GetString());
        Assert.Equal("buyer-1", call.Body.GetProperty("target").GetString());
        Assert.Equal($"小王，您的法式茶歇连衣裙还没付款哦，共¥199，点这里支付：https://pay.example/{orderId}", call.Body.GetProperty("text").GetString());

        var paid = await factory.SendOrderEventAsync(shop, ReminderScenario.Event("paid", orderId, factory.Now())).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromHours(4));
        await factory.SettleAsync(shop);

        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal(1, paid.GetProperty("remindersCancelled").GetInt32());
        Assert.Single(push.Calls);
        var timeline = await shop.TimelineAsync(orderId);
        var steps = timeline.GetProperty("reminders").EnumerateArray().ToList();
        Assert.Equal(["sent", "cancelled"], steps.Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("sent", steps[0].GetProperty("outboxStatus").GetString());
        Assert.Equal("order_paid", steps[1].GetProperty("skipReason").GetString());
    }

    [DbFact]
    public async Task APaymentThatArrivesBeforeTheOrderStartsNoReminder()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15]));
        var created = factory.AdvanceToLocal(10);
        var orderId = NewOrderId();

        var paid = await factory.SendOrderEventAsync(shop, ReminderScenario.Event("paid", orderId, created.AddMinutes(1))).AcceptedAsync();
        var late = await factory.SendOrderEventAsync(shop, ReminderScenario.Created(orderId, created)).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromHours(1));
        await factory.SettleAsync(shop);

        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal("paid", late.GetProperty("status").GetString());
        Assert.Equal(0, late.GetProperty("remindersScheduled").GetInt32());
        var timeline = await shop.TimelineAsync(orderId);
        Assert.True(timeline.GetProperty("seenCreated").GetBoolean());
        Assert.Equal(19_900, timeline.GetProperty("amountMinor").GetInt64());
        Assert.Empty(timeline.GetProperty("reminders").EnumerateArray());
        Assert.Empty(push.Calls);
    }

    [DbFact]
    public async Task ARetriedEventIdChangesNothing()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15]));
        var created = factory.AdvanceToLocal(10);
        var orderId = NewOrderId();

        var first = await factory.SendOrderEventAsync(shop, ReminderScenario.Created(orderId, created), eventId: "evt-" + orderId).AcceptedAsync();
        var again = await factory.SendOrderEventAsync(shop, ReminderScenario.Created(orderId, created), eventId: "evt-" + orderId).AcceptedAsync();
        var cancelled = await factory.SendOrderEventAsync(shop, ReminderScenario.Event("cancelled", orderId, created), eventId: "evt-" + orderId).AcceptedAsync();

        Assert.False(first.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.True(cancelled.GetProperty("duplicate").GetBoolean());
        Assert.Equal("pending", cancelled.GetProperty("status").GetString());
        Assert.Single((await shop.TimelineAsync(orderId)).GetProperty("reminders").EnumerateArray());
    }

    [DbFact]
    public async Task AReminderDueInQuietHoursWaitsForTheNextMorning()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15]));
        var created = factory.AdvanceToLocal(20, 50);
        var orderId = NewOrderId();

        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(orderId, created)).AcceptedAsync();
        factory.AdvanceToLocal(23, 30);
        await factory.SettleAsync(shop);
        var atNight = push.Calls.Count;
        var morning = factory.AdvanceToLocal(9, 0);
        await factory.SettleAsync(shop);

        Assert.Equal(0, atNight);
        var call = Assert.Single(push.Accepted);
        Assert.Equal(morning, call.ReceivedAt);
        var reminder = (await shop.TimelineAsync(orderId)).GetProperty("reminders")[0];
        Assert.Equal(morning, reminder.GetProperty("dueAt").GetDateTime().ToUniversalTime());
        Assert.Equal(1, reminder.GetProperty("deferrals").GetInt32());
    }

    [DbFact]
    public async Task HoldoutOrdersAreWithheldAndNeverSent()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15], holdout: 50));
        var created = factory.AdvanceToLocal(10);
        var ids = Enumerable.Range(0, 40).Select(_ => NewOrderId()).ToList();
        var held = ids.Where(id => ReminderPlan.IsHoldout(shop.Shop.Id, "generic", id, 50)).ToHashSet();

        foreach (var id in ids)
        {
            await factory.SendOrderEventAsync(shop, ReminderScenario.Created(id, created, buyerId: "b-" + id)).AcceptedAsync();
        }

        factory.Clock().Advance(TimeSpan.FromMinutes(20));
        await factory.SettleAsync(shop);

        Assert.InRange(held.Count, 1, ids.Count - 1);
        Assert.Equal(ids.Except(held).Order(), push.Accepted.Select(c => c.Body.GetProperty("orderId").GetString()!).Order());
        var reminders = await factory.RemindersAsync(shop.Shop.Id);
        Assert.All(reminders, r => Assert.Equal(r.Holdout ? ReminderStatus.Withheld : ReminderStatus.Sent, r.Status));
        Assert.Equal(held.Count, reminders.Count(r => r.Holdout));
    }

    [DbFact]
    public async Task APaymentWhileTheReminderIsInFlightStopsIt()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        push.DefaultStatus = 503;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15]));
        var created = factory.AdvanceToLocal(10);
        var orderId = NewOrderId();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(orderId, created)).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromMinutes(16));
        await factory.SettleAsync(shop);
        await WaitAsync(() => push.Calls.Count >= 1);

        push.DefaultStatus = 200;
        await factory.SendOrderEventAsync(shop, ReminderScenario.Event("paid", orderId, factory.Now())).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromMinutes(5));
        await factory.SettleAsync(shop);

        Assert.Empty(push.Accepted);
        var reminder = (await shop.TimelineAsync(orderId)).GetProperty("reminders")[0];
        Assert.Equal("sent", reminder.GetProperty("status").GetString());
        Assert.Equal("cancelled", reminder.GetProperty("outboxStatus").GetString());
    }

    [DbFact]
    public async Task TheDispatcherRechecksTheOrderRightBeforeSending()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15]));
        var created = factory.AdvanceToLocal(10);
        var orderId = NewOrderId();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(orderId, created)).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromMinutes(16));
        var scheduler = factory.Services.GetService(typeof(ReminderScheduler)) as ReminderScheduler;
        var outbound = (CustomerServiceBot.Api.Outbound.OutboundDispatcher)factory.Services.GetService(typeof(CustomerServiceBot.Api.Outbound.OutboundDispatcher))!;

        // The payment is recorded between queueing and sending, by a path that does not touch the outbox.
        push.DefaultStatus = 503;
        await scheduler!.ProcessDueAsync(CancellationToken.None);
        await WaitAsync(() => push.Calls.Count >= 1);
        await factory.WithDbAsync(db => db.Orders.Where(o => o.ShopId == shop.Shop.Id && o.OrderId == orderId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Paid)));
        push.DefaultStatus = 200;
        factory.Clock().Advance(TimeSpan.FromMinutes(5));
        await factory.SettleAsync(shop);
        await outbound.DispatchBatchAsync(CancellationToken.None);

        Assert.Empty(push.Accepted);
        var row = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ShopId == shop.Shop.Id));
        Assert.Equal("cancelled", row.Status);
        Assert.Equal("The order is paid.", row.LastError);
    }

    [DbFact]
    public async Task ADepositSwitchesToTheBalanceChain()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [30]));
        await shop.CreateRuleAsync(ReminderScenario.Rule(kind: "presale_balance", delays: [0, 600]));
        var created = factory.AdvanceToLocal(10);
        var orderId = NewOrderId();

        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(orderId, created)).AcceptedAsync();
        var deposit = await factory.SendOrderEventAsync(shop, new
        {
            type = "deposit_paid", orderId, balanceAmount = 15_000, balanceStartsAt = created.AddHours(1), occurredAt = created.AddMinutes(5),
        }).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromMinutes(61));
        await factory.SettleAsync(shop);

        Assert.Equal("deposit_paid", deposit.GetProperty("status").GetString());
        Assert.Equal(1, deposit.GetProperty("remindersCancelled").GetInt32());
        Assert.Equal(2, deposit.GetProperty("remindersScheduled").GetInt32());
        var call = Assert.Single(push.Accepted);
        Assert.Contains("¥150", call.Body.GetProperty("text").GetString());
        var kinds = (await shop.TimelineAsync(orderId)).GetProperty("reminders").EnumerateArray()
            .Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("status").GetString())).ToList();
        Assert.Equal([("unpaid_order", "cancelled"), ("presale_balance", "sent"), ("presale_balance", "scheduled")], kinds);
    }

    [DbFact]
    public async Task SendTimeChecksSkipWithTheirReasons()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15, 60, 120], maxPerOrder: 2, onePerBuyerPerDay: false, skipIfPaidWithinHours: 24, blacklist: ["bad-buyer"]));
        var created = factory.AdvanceToLocal(10);
        var capped = NewOrderId();
        var blacklisted = NewOrderId();
        var tagged = NewOrderId();
        var paidOther = NewOrderId();
        var other = NewOrderId();

        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(capped, created, buyerId: "capped")).AcceptedAsync();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(blacklisted, created, buyerId: "bad-buyer")).AcceptedAsync();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(tagged, created, buyerId: "risky", tags: ["at_risk"])).AcceptedAsync();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(other, created, buyerId: "payer")).AcceptedAsync();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Event("paid", other, created.AddMinutes(1))).AcceptedAsync();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(paidOther, created, buyerId: "payer")).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromHours(3));
        await factory.SettleAsync(shop);

        var reminders = await factory.RemindersAsync(shop.Shop.Id);
        string[] Outcomes(string buyer) => [.. reminders.Where(r => r.BuyerId == buyer && r.Kind == ReminderKind.UnpaidOrder && r.Status != ReminderStatus.Cancelled)
            .OrderBy(r => r.Step).Select(r => r.SkipReason ?? r.Status)];
        Assert.Equal(["sent", "sent", "max_per_order"], Outcomes("capped"));
        Assert.Equal(["blacklisted", "blacklisted", "blacklisted"], Outcomes("bad-buyer"));
        Assert.Equal(["buyer_tagged", "buyer_tagged", "buyer_tagged"], Outcomes("risky"));
        Assert.Equal(["paid_other_order", "paid_other_order", "paid_other_order"], Outcomes("payer"));
        Assert.Equal(2, push.Accepted.Count);
    }

    [DbFact]
    public async Task ABuyerWhoComplainedInChatIsNotChasedUntilTheAtRiskTagFades()
    {
        await factory.WaitUntilReadyAsync();
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15]));
        var created = factory.AdvanceToLocal(10);
        var webhooks = new Conversations.WebhookClient(factory.CreateClient(), shop.Shop.Id, shop.GenericSecret);
        await (await webhooks.SendGenericAsync(Conversations.WebhookClient.Message(NewOrderId(), "angry-buyer", "什么破质量，洗一次就坏了，我要投诉！！"), factory.Clock().GetUtcNow()))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var first = NewOrderId();

        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(first, created, buyerId: "angry-buyer")).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromMinutes(20));
        await factory.SettleAsync(shop);
        factory.Clock().Advance(TimeSpan.FromDays(15));
        factory.AdvanceToLocal(10);
        var later = NewOrderId();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(later, factory.Now(), buyerId: "angry-buyer")).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromMinutes(20));
        await factory.SettleAsync(shop);

        var reminders = await factory.RemindersAsync(shop.Shop.Id);
        Assert.Equal(["skipped:buyer_tagged", "sent:"], reminders.Select(r => $"{r.Status}:{r.SkipReason}"));
        Assert.Single(push.Accepted);
    }

    [DbFact]
    public async Task ABuyerAskingAboutPayingInChatGetsOneNudgeCountedAsAReminder()
    {
        await factory.WaitUntilReadyAsync();
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [30, 180], onePerBuyerPerDay: true));
        var created = factory.AdvanceToLocal(10);
        var orderId = NewOrderId();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(orderId, created, buyerId: "chat-buyer")).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromMinutes(5));
        var webhooks = new Conversations.WebhookClient(factory.CreateClient(), shop.Shop.Id, shop.GenericSecret);
        async Task<string> Say(string buyer, string text)
        {
            var reply = await (await webhooks.SendGenericAsync(Conversations.WebhookClient.Message(NewOrderId(), buyer, text), factory.Clock().GetUtcNow()))
                .AssertJsonAsync<JsonElement>(System.Net.HttpStatusCode.OK);
            return string.Join("\n", reply.GetProperty("parts").EnumerateArray().Select(p => p.GetString()));
        }

        // The merchant trying the bot under the buyer's id neither nudges nor uses up the buyer's nudge.
        var tried = await (await shop.Admin.PostAsJsonAsync($"/api/v1/shops/{shop.Shop.Id}/playground/messages", new { text = "亲，怎么付款呀", buyerId = "chat-buyer" }))
            .AssertJsonAsync<JsonElement>(System.Net.HttpStatusCode.OK);
        Assert.DoesNotContain("pay.example", tried.GetProperty("parts").ToString());
        var first = await Say("chat-buyer", "亲，怎么付款呀");
        var again = await Say("chat-buyer", "可以用花呗付款吗");
        var stranger = await Say("someone-else", "亲，怎么付款呀");
        factory.Clock().Advance(TimeSpan.FromMinutes(30));
        await factory.SettleAsync(shop);

        Assert.Contains($"https://pay.example/{orderId}", first);
        Assert.DoesNotContain("pay.example", again);
        Assert.DoesNotContain("pay.example", stranger);
        var reminders = await factory.RemindersAsync(shop.Shop.Id);
        var nudge = Assert.Single(reminders, r => r.Step == 0);
        Assert.Equal("sent", nudge.Status);
        // The nudge used the buyer's one reminder of the day: the scheduled step is skipped for it.
        Assert.Equal("buyer_daily_limit", reminders.Single(r => r.Step == 1).SkipReason);
        Assert.Empty(push.Accepted);
    }

    [DbFact]
    public async Task OneReminderPerBuyerPerDay()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15, 120], onePerBuyerPerDay: true));
        var created = factory.AdvanceToLocal(10);
        var first = NewOrderId();
        var second = NewOrderId();

        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(first, created, buyerId: "daily")).AcceptedAsync();
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(second, created.AddMinutes(1), buyerId: "daily")).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromHours(3));
        await factory.SettleAsync(shop);

        var outcomes = (await factory.RemindersAsync(shop.Shop.Id)).Select(r => r.SkipReason ?? r.Status).ToList();
        Assert.Equal(["sent", "buyer_daily_limit", "buyer_daily_limit", "buyer_daily_limit"], outcomes);
        Assert.Single(push.Accepted);
    }

    [DbFact]
    public async Task AmountBoundsAndExcludedProductsStartNoChain()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15], minAmount: 5_000, maxAmount: 50_000, excludeProducts: ["GIFT-1"]));
        var created = factory.AdvanceToLocal(10);

        var small = await factory.SendOrderEventAsync(shop, ReminderScenario.Created(NewOrderId(), created, amount: 4_999)).AcceptedAsync();
        var large = await factory.SendOrderEventAsync(shop, ReminderScenario.Created(NewOrderId(), created, amount: 50_001)).AcceptedAsync();
        var gift = await factory.SendOrderEventAsync(shop, ReminderScenario.Created(NewOrderId(), created, product: "GIFT-1")).AcceptedAsync();
        var fits = await factory.SendOrderEventAsync(shop, ReminderScenario.Created(NewOrderId(), created, amount: 5_000)).AcceptedAsync();

        Assert.Equal([0, 0, 0, 1], new[] { small, large, gift, fits }.Select(r => r.GetProperty("remindersScheduled").GetInt32()));
    }

    [DbFact]
    public async Task BadOrderEventsAre4xxAndNeverStartAReminder()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [0]));
        var other = await factory.ReminderShopAsync(null);
        var now = factory.AdvanceToLocal(10);
        using var http = factory.CreateClient();
        var valid = JsonSerializer.SerializeToUtf8Bytes(ReminderScenario.Created(NewOrderId(), now), JsonSerializerOptions.Web);
        string Json(object body) => JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
        var bodies = new[]
        {
            Json(ReminderScenario.Created(NewOrderId(), now, amount: -1)),
            Json(new { type = "created", orderId = NewOrderId(), buyerId = "b", amount = 100, createdAt = "yesterday" }),
            Json(new { type = "created", orderId = NewOrderId(), buyerId = "b", amount = 1.5 }),
            Json(new { type = "shipped", orderId = NewOrderId() }),
            Json(new { type = "created", orderId = NewOrderId(), amount = 100 }),
            Json(new { type = "created", orderId = "", buyerId = "b", amount = 100 }),
            Json(ReminderScenario.Created(NewOrderId(), now.AddDays(2))),
            Json(ReminderScenario.Created(NewOrderId(), now, autoCloseAt: now.AddHours(-1))),
            "{\"type\":\"created\",",
            "[1,2]",
        };

        foreach (var body in bodies)
        {
            var response = await ReminderScenario.SendRawOrderEventAsync(http, shop.Shop.Id, shop.GenericSecret, System.Text.Encoding.UTF8.GetBytes(body), factory.Clock().GetUtcNow());
            await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        await (await ReminderScenario.SendRawOrderEventAsync(http, shop.Shop.Id, other.GenericSecret, valid, factory.Clock().GetUtcNow())).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await ReminderScenario.SendRawOrderEventAsync(http, shop.Shop.Id, shop.GenericSecret, valid, factory.Clock().GetUtcNow().AddMinutes(-10))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await factory.SendShopifyAsync(shop, "orders/create", new { id = 1 }, hmac: "bm90IGEgc2lnbmF0dXJl")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await http.PostAsync($"/webhooks/douyin/{shop.Shop.Id}/orders", new ByteArrayContent(valid))).AssertProblemAsync(HttpStatusCode.NotFound);
        var unknownPaid = await factory.SendOrderEventAsync(shop, ReminderScenario.Event("paid", NewOrderId(), now)).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromHours(1));
        await factory.SettleAsync(shop);

        Assert.Equal("paid", unknownPaid.GetProperty("status").GetString());
        Assert.Empty(await factory.RemindersAsync(shop.Shop.Id));
        Assert.Empty(push.Calls);
    }

    [DbFact]
    public async Task ShopifyOrdersAndCheckoutsStartAndStopChains()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15]));
        await shop.CreateRuleAsync(ReminderScenario.Rule(kind: "abandoned_cart", delays: [60]));
        var created = factory.AdvanceToLocal(10);
        var order = new
        {
            id = 820982911946154508L, created_at = created.ToString("O"), total_price = "199.00", financial_status = "pending",
            customer = new { id = 115310627314723954L, first_name = "Ann" },
            line_items = new[] { new { product_id = 632910392L, title = "Tea dress", quantity = 1 } },
            order_status_url = "https://cozy.myshopify.com/orders/abc",
        };
        var paidOrder = new { id = 820982911946154508L, financial_status = "paid", updated_at = created.AddMinutes(5).ToString("O") };
        var checkout = new
        {
            id = 450789469L, token = "tok-1", created_at = created.ToString("O"), total_price = "59.50",
            customer = new { id = 7L, first_name = "Bo" }, line_items = new[] { new { product_id = 1L, title = "Scarf", quantity = 2 } },
            abandoned_checkout_url = "https://cozy.myshopify.com/cart/recover", completed_at = (string?)null,
        };

        var createdEvent = await factory.SendShopifyAsync(shop, "orders/create", order).AcceptedAsync();
        var cartEvent = await factory.SendShopifyAsync(shop, "checkouts/create", checkout).AcceptedAsync();
        var paid = await factory.SendShopifyAsync(shop, "orders/paid", paidOrder, webhookId: "wh-paid-1").AcceptedAsync();
        var paidAgain = await factory.SendShopifyAsync(shop, "orders/paid", paidOrder, webhookId: "wh-paid-1").AcceptedAsync();
        var ignored = await factory.SendShopifyAsync(shop, "products/update", new { id = 1 }).AcceptedAsync();
        factory.Clock().Advance(TimeSpan.FromMinutes(61));
        await factory.SettleAsync(shop);

        Assert.Equal(1, createdEvent.GetProperty("remindersScheduled").GetInt32());
        Assert.Equal(1, cartEvent.GetProperty("remindersScheduled").GetInt32());
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.True(paidAgain.GetProperty("duplicate").GetBoolean());
        Assert.True(ignored.GetProperty("ignored").GetBoolean());
        var call = Assert.Single(push.Accepted);
        Assert.Equal("checkout-450789469", call.Body.GetProperty("orderId").GetString());
        Assert.Equal("customer:7", call.Body.GetProperty("target").GetString());
        Assert.Contains("Scarf ×2", call.Body.GetProperty("text").GetString());
        Assert.Contains("¥59.50", call.Body.GetProperty("text").GetString());
        var cart = await shop.TimelineAsync("checkout-450789469", "shopify");
        Assert.Equal("cart", cart.GetProperty("kind").GetString());
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 400 && !condition(); attempt++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "The condition did not come true within 10 s.");
    }
}

public sealed class ReminderSqliteTests(ReminderSqliteFactory factory) : ReminderTests(factory), IClassFixture<ReminderSqliteFactory>;

public sealed class ReminderPostgreSqlTests(ReminderPostgreSqlFactory factory)
    : ReminderTests(factory), IClassFixture<ReminderPostgreSqlFactory>, IPostgreSqlTests;
