using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Outbound;
using CustomerServiceBot.Api.Reminders;
using CustomerServiceBot.Api.Webhooks;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerServiceBot.IntegrationTests.Reminders;

// The application on a fake clock that starts on a Monday at 09:00 in Shanghai: a test moves time
// forward with AdvanceTo / Advance and settles the scheduler and the outbox, so days of schedule run in
// milliseconds.
public interface IReminderFactory
{
    FakeTimeProvider Clock { get; }
}

internal static class ReminderClock
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static FakeTimeProvider Create() => new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public static IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Outbound:PollMilliseconds", "50"),
        new("Outbound:BaseDelayMilliseconds", "1000"),
        new("Outbound:MaxDelayMilliseconds", "60000"),
        new("Outbound:MaxAttempts", "3"),
        new("Outbound:LeaseSeconds", "3600"),
        new("Reminders:PollMilliseconds", "50"),
    ];

    public static void Replace(IWebHostBuilder builder, FakeTimeProvider clock) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
}

public class ReminderSqliteFactory : SqliteApiFactory, IReminderFactory
{
    public FakeTimeProvider Clock { get; } = ReminderClock.Create();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => ReminderClock.Settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ReminderClock.Replace(builder, Clock);
    }
}

public class ReminderPostgreSqlFactory : PostgreSqlApiFactory, IReminderFactory
{
    public FakeTimeProvider Clock { get; } = ReminderClock.Create();

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => ReminderClock.Settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ReminderClock.Replace(builder, Clock);
    }
}

public sealed record ReminderShop(TestShop Shop, HttpClient Admin, string GenericSecret, string ShopifySecret);

internal static class ReminderScenario
{
    public const string PushSecret = "push-secret-shared-by-the-shop-endpoint";

    public static FakeTimeProvider Clock(this ApiFactory factory) => ((IReminderFactory)factory).Clock;

    public static DateTime Now(this ApiFactory factory) => factory.Clock().GetUtcNow().UtcDateTime;

    // Moves the clock forward to the next time the shop's wall clock shows `local` (Shanghai).
    public static DateTime AdvanceToLocal(this ApiFactory factory, int hour, int minute = 0)
    {
        var clock = factory.Clock();
        var local = TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, ReminderClock.Shanghai);
        var target = local.Date.AddHours(hour).AddMinutes(minute);
        if (target <= local)
        {
            target = target.AddDays(1);
        }

        clock.Advance(target - local);
        return clock.GetUtcNow().UtcDateTime;
    }

    public static async Task<ReminderShop> ReminderShopAsync(this ApiFactory factory, FakePushEndpoint? push)
    {
        var shop = await factory.CreateShopAsync();
        var admin = factory.CreateClient(shop.ApiKey);
        var generic = await (await admin.PostJsonAsync($"/api/v1/shops/{shop.Id}/webhook-secrets", new { platform = "generic" }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        const string shopifySecret = "shopify-app-secret-for-order-tests";
        await (await admin.PostJsonAsync($"/api/v1/shops/{shop.Id}/webhook-secrets", new { platform = "shopify", secret = shopifySecret }))
            .AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        if (push is not null)
        {
            await (await admin.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/platform-accounts/generic",
                new { externalId = shop.Id, apiBaseUrl = push.Url, accessToken = PushSecret })).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        }

        return new ReminderShop(shop, admin, generic.GetProperty("secret").GetString()!, shopifySecret);
    }

    public static object Rule(
        string kind = "unpaid_order", int[]? delays = null, int? beforeAutoClose = null, int holdout = 0, int maxPerOrder = 3,
        bool onePerBuyerPerDay = false, int? skipIfPaidWithinHours = null, string windowStart = "09:00", string windowEnd = "21:00",
        long? minAmount = null, long? maxAmount = null, string[]? blacklist = null, string[]? excludeProducts = null) => new
    {
        name = "催付",
        kind,
        steps = (delays ?? [15, 180]).Select(d => (object)new
        {
            delayMinutes = d,
            templateZh = "{buyerNick}，您的{items}还没付款哦，共{amount}，点这里支付：{payLink}",
            templateEn = "Hi {buyerNick}, {items} ({amount}) is waiting: {payLink}",
        }).Concat(beforeAutoClose is { } lead ? [new { beforeAutoCloseMinutes = lead, templateZh = "{buyerNick}，订单快关闭啦 {coupon}" }] : []).ToList(),
        windowStart,
        windowEnd,
        maxPerOrder,
        onePerBuyerPerDay,
        skipIfPaidWithinHours,
        minAmount,
        maxAmount,
        blacklist,
        excludeProducts,
        holdoutPercent = holdout,
        coupon = "满199减20",
    };

    public static async Task<long> CreateRuleAsync(this ReminderShop shop, object rule)
    {
        var created = await (await shop.Admin.PostJsonAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/rules", rule)).AssertJsonAsync<JsonElement>(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    public static object Created(string orderId, DateTime createdAt, string buyerId = "buyer-1", long amount = 19_900, DateTime? autoCloseAt = null, string[]? tags = null, string product = "WD-1001") => new
    {
        type = "created", orderId, buyerId, buyerNick = "小王", buyerTags = tags,
        items = new[] { new { productId = product, title = "法式茶歇连衣裙", quantity = 1 } },
        amount, payUrl = $"https://pay.example/{orderId}", createdAt, autoCloseAt, occurredAt = createdAt,
    };

    public static object Event(string type, string orderId, DateTime at) => new { type, orderId, occurredAt = at };

    public static async Task<HttpResponseMessage> SendOrderEventAsync(this ApiFactory factory, ReminderShop shop, object body, string? eventId = null, string? secret = null)
    {
        using var http = factory.CreateClient();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);
        return await SendRawOrderEventAsync(http, shop.Shop.Id, secret ?? shop.GenericSecret, bytes, factory.Clock().GetUtcNow(), eventId);
    }

    // An order event signed now (the real clock), for shops whose tests do not move time.
    public static async Task<JsonElement> SendOrderEventNowAsync(this ApiFactory factory, string shopId, string secret, object body)
    {
        using var http = factory.CreateClient();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);
        return await (await SendRawOrderEventAsync(http, shopId, secret, bytes, DateTimeOffset.UtcNow)).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
    }

    public static async Task<HttpResponseMessage> SendRawOrderEventAsync(HttpClient http, string shopId, string secret, byte[] body, DateTimeOffset signedAt, string? eventId = null)
    {
        var id = eventId ?? "evt_" + Guid.NewGuid().ToString("N");
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/generic/{shopId}/orders") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(secret, id, timestamp, body));
        return await http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> SendShopifyAsync(this ApiFactory factory, ReminderShop shop, string topic, object body, string? webhookId = null, string? hmac = null)
    {
        using var http = factory.CreateClient();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/shopify/{shop.Shop.Id}/orders") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Shop-Domain", "cozy.myshopify.com");
        request.Headers.Add("X-Shopify-Hmac-Sha256", hmac ?? WebhookSignatures.SignShopify(shop.ShopifySecret, bytes));
        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> AcceptedAsync(this Task<HttpResponseMessage> response) =>
        await (await response).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

    public static async Task<JsonElement> TimelineAsync(this ReminderShop shop, string orderId, string platform = "generic") =>
        await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/orders/{platform}/{orderId}")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

    // Runs the scheduler and the dispatcher until nothing of the shop is due now and no push is in
    // flight; the background services may take part, which is what replicas do too. A claimed outbox
    // row's next attempt is the end of its lease (an hour here), far beyond any retry's backoff.
    public static async Task SettleAsync(this ApiFactory factory, string shopId)
    {
        var scheduler = factory.Services.GetRequiredService<ReminderScheduler>();
        var dispatcher = factory.Services.GetRequiredService<OutboundDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            while (await scheduler.ProcessDueAsync(CancellationToken.None) > 0)
            {
            }

            while (await dispatcher.DispatchBatchAsync(CancellationToken.None) > 0)
            {
            }

            var now = factory.Now();
            var leased = now.AddMinutes(30);
            var busy = await factory.WithDbAsync(async db =>
                await db.Reminders.AnyAsync(r => r.ShopId == shopId && r.Status == ReminderStatus.Scheduled && r.DueAt <= now)
                || await db.OutboxMessages.AnyAsync(m => m.ShopId == shopId && m.Status == OutboxStatus.Pending && (m.NextAttemptAt <= now || m.NextAttemptAt > leased)));
            if (!busy)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The scheduler and the outbox did not settle.");
    }

    public static Task SettleAsync(this ApiFactory factory, ReminderShop shop) => factory.SettleAsync(shop.Shop.Id);

    internal static Task<List<Reminder>> RemindersAsync(this ApiFactory factory, string shopId) =>
        factory.WithDbAsync(db => db.Reminders.AsNoTracking().Where(r => r.ShopId == shopId).OrderBy(r => r.Id).ToListAsync());
}
