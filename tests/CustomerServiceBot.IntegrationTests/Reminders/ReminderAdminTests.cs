using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerServiceBot.Api.Reminders;
using CustomerServiceBot.IntegrationTests.Infrastructure;

namespace CustomerServiceBot.IntegrationTests.Reminders;

// The admin side: rule sets, previews and the recovery report.
public abstract partial class ReminderTests
{
    [DbFact]
    public async Task ARuleSetIsCreatedReadReplacedAndDeleted()
    {
        var shop = await factory.ReminderShopAsync(null);
        var rules = $"/api/v1/shops/{shop.Shop.Id}/reminders/rules";

        var id = await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [20, 240], beforeAutoClose: 60));
        var created = await (await shop.Admin.GetAsync($"{rules}/{id}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var replaced = await (await shop.Admin.PutAsJsonAsync($"{rules}/{id}", ReminderScenario.Rule(delays: [30], windowStart: "08:30", windowEnd: "24:00", holdout: 20)))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var list = await (await shop.Admin.GetAsync(rules)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var deleted = await shop.Admin.DeleteAsync($"{rules}/{id}");

        Assert.Equal(3, created.GetProperty("steps").GetArrayLength());
        Assert.Equal(60, created.GetProperty("steps")[2].GetProperty("beforeAutoCloseMinutes").GetInt32());
        Assert.Equal("09:00", created.GetProperty("windowStart").GetString());
        Assert.Equal(["at_risk"], created.GetProperty("skipBuyerTags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("08:30", replaced.GetProperty("windowStart").GetString());
        Assert.Equal("24:00", replaced.GetProperty("windowEnd").GetString());
        Assert.Equal(20, replaced.GetProperty("holdoutPercent").GetInt32());
        Assert.Equal(id, list.EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await shop.Admin.GetAsync($"{rules}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidRules => new()
    {
        { "Kind", """{"name":"r","kind":"spam","steps":[{"delayMinutes":15,"templateZh":"x"}]}""" },
        { "Steps", """{"name":"r","kind":"unpaid_order","steps":[]}""" },
        { "Steps[0]", """{"name":"r","kind":"unpaid_order","steps":[{"delayMinutes":15,"beforeAutoCloseMinutes":5,"templateZh":"x"}]}""" },
        { "Steps[0]", """{"name":"r","kind":"unpaid_order","steps":[{"delayMinutes":15,"templateZh":"{nick}"}]}""" },
        { "Steps[0]", """{"name":"r","kind":"unpaid_order","language":"en","steps":[{"delayMinutes":15,"templateZh":"x"}]}""" },
        { "Steps[0]", """{"name":"r","kind":"abandoned_cart","steps":[{"beforeAutoCloseMinutes":15,"templateZh":"x"}]}""" },
        { "WindowStart", """{"name":"r","kind":"unpaid_order","windowStart":"22:00","windowEnd":"08:00","steps":[{"delayMinutes":15,"templateZh":"x"}]}""" },
        { "HoldoutPercent", """{"name":"r","kind":"unpaid_order","holdoutPercent":60,"steps":[{"delayMinutes":15,"templateZh":"x"}]}""" },
        { "MinAmount", """{"name":"r","kind":"unpaid_order","minAmount":500,"maxAmount":100,"steps":[{"delayMinutes":15,"templateZh":"x"}]}""" },
        { "MinAmount", """{"name":"r","kind":"unpaid_order","minAmount":-5,"steps":[{"delayMinutes":15,"templateZh":"x"}]}""" },
    };

    [DbTheory]
    [MemberData(nameof(InvalidRules))]
    public async Task AnInvalidRuleIsA400NamingTheField(string field, string body)
    {
        var shop = await factory.ReminderShopAsync(null);

        var response = await shop.Admin.PostAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/rules", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [DbFact]
    public async Task PreviewRendersASampleOrAStoredOrderInEitherLanguage()
    {
        var shop = await factory.ReminderShopAsync(null);
        var id = await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15], beforeAutoClose: 60));
        var preview = $"/api/v1/shops/{shop.Shop.Id}/reminders/rules/{id}/preview";
        var created = factory.AdvanceToLocal(10);
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created("PV-1", created, amount: 12_345)).AcceptedAsync();

        var sample = await (await shop.Admin.PostJsonAsync(preview, new { step = 1 })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var english = await (await shop.Admin.PostJsonAsync(preview, new { step = 1, language = "en" })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var stored = await (await shop.Admin.PostJsonAsync(preview, new { step = 2, orderId = "PV-1" })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("小王，您的法式复古茶歇连衣裙、真丝丝巾 ×2还没付款哦，共¥259，点这里支付：https://shop.example/pay/SAMPLE-1001", sample.GetProperty("text").GetString());
        Assert.True(sample.GetProperty("sampleOrder").GetBoolean());
        Assert.Equal("Hi Ann, French vintage tea dress, Silk scarf ×2 (¥259) is waiting: https://shop.example/pay/SAMPLE-1001", english.GetProperty("text").GetString());
        Assert.Equal("小王，订单快关闭啦 满199减20", stored.GetProperty("text").GetString());
        await (await shop.Admin.PostJsonAsync(preview, new { step = 3 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await shop.Admin.PostJsonAsync(preview, new { step = 2, language = "en" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await shop.Admin.PostJsonAsync(preview, new { step = 1, orderId = "no-such-order" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await shop.Admin.PostJsonAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/rules/{id + 100_000}/preview", new { step = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [DbFact]
    public async Task ARuleThatScheduledRemindersCannotBeDeletedButCanBeDisabled()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        var id = await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15]));
        var created = factory.AdvanceToLocal(10);
        await factory.SendOrderEventAsync(shop, ReminderScenario.Created(NewOrderId(), created)).AcceptedAsync();

        await (await shop.Admin.DeleteAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/rules/{id}")).AssertProblemAsync(HttpStatusCode.Conflict);
        var rule = JsonSerializer.SerializeToNode(ReminderScenario.Rule(delays: [15]), JsonSerializerOptions.Web)!;
        rule["enabled"] = false;
        await (await shop.Admin.PutAsJsonAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/rules/{id}", rule)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        factory.Clock().Advance(TimeSpan.FromMinutes(20));
        await factory.SettleAsync(shop);

        Assert.Empty(push.Calls);
        Assert.Equal(SkipReason.RuleDisabled, Assert.Single(await factory.RemindersAsync(shop.Shop.Id)).SkipReason);
    }

    [DbFact]
    public async Task TheReportComparesRemindedOrdersWithTheHoldoutAndExportsCsv()
    {
        var (shop, push) = await ShopAsync();
        await using var _ = push;
        var ruleId = await shop.CreateRuleAsync(ReminderScenario.Rule(delays: [15], holdout: 50));
        var created = factory.AdvanceToLocal(10);
        var ids = Enumerable.Range(0, 40).Select(i => $"RP-{i}-{Guid.NewGuid():N}"[..16]).ToList();
        foreach (var id in ids)
        {
            await factory.SendOrderEventAsync(shop, ReminderScenario.Created(id, created, buyerId: "b-" + id, amount: 10_000)).AcceptedAsync();
        }

        factory.Clock().Advance(TimeSpan.FromMinutes(20));
        await factory.SettleAsync(shop);
        var held = ids.Where(id => ReminderPlan.IsHoldout(shop.Shop.Id, "generic", id, 50)).ToList();
        var reminded = ids.Except(held).ToList();
        var remindedPaid = reminded.Take(reminded.Count / 2).ToList();
        var heldPaid = held.Take(held.Count / 3).ToList();
        factory.Clock().Advance(TimeSpan.FromHours(1));
        foreach (var id in remindedPaid.Concat(heldPaid))
        {
            await factory.SendOrderEventAsync(shop, ReminderScenario.Event("paid", id, factory.Now())).AcceptedAsync();
        }

        factory.Clock().Advance(TimeSpan.FromDays(4));
        await factory.SendOrderEventAsync(shop, ReminderScenario.Event("paid", reminded[^1], factory.Now())).AcceptedAsync();
        var report = await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/report")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var csv = await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/report/csv")).Content.ReadAsStringAsync();
        var stepsCsv = await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/report/csv?table=steps")).Content.ReadAsStringAsync();

        var total = Assert.Single(report.GetProperty("totals").EnumerateArray());
        Assert.Equal(ruleId, total.GetProperty("ruleId").GetInt64());
        Assert.Equal(reminded.Count, total.GetProperty("remindedOrders").GetInt32());
        Assert.Equal(remindedPaid.Count, total.GetProperty("remindedPaid").GetInt32());
        Assert.Equal(remindedPaid.Count * 10_000L, total.GetProperty("remindedPaidAmount").GetInt64());
        Assert.Equal(held.Count, total.GetProperty("holdoutOrders").GetInt32());
        Assert.Equal(heldPaid.Count, total.GetProperty("holdoutPaid").GetInt32());
        var uplift = ((double)remindedPaid.Count / reminded.Count - (double)heldPaid.Count / held.Count) * 100;
        Assert.Equal(Math.Round(uplift, 2), total.GetProperty("upliftPoints").GetDouble());
        var step = Assert.Single(report.GetProperty("steps").EnumerateArray());
        Assert.Equal(reminded.Count, step.GetProperty("sent").GetInt32());
        Assert.Equal(reminded.Count, step.GetProperty("delivered").GetInt32());
        Assert.Equal(held.Count, step.GetProperty("withheld").GetInt32());
        Assert.Equal(remindedPaid.Count, step.GetProperty("paidAfter").GetInt32());
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("day,rule_id,rule_name,kind,reminded_orders", lines[0]);
        Assert.StartsWith($"total,{ruleId},催付,unpaid_order,{reminded.Count},{remindedPaid.Count},", lines[1]);
        Assert.Equal(3, lines.Length);
        Assert.Contains($",{reminded.Count},{reminded.Count},0,0,0,{held.Count},0,0,,{remindedPaid.Count},", stepsCsv);
        await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/report?from=2026-05-02&to=2026-05-01")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/report/csv?table=nope")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
