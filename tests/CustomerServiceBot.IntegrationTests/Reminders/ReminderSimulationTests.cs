using System.Diagnostics;
using CustomerServiceBot.Api.Outbound;
using CustomerServiceBot.Api.Reminders;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CustomerServiceBot.IntegrationTests.Reminders;

// Generated orders with realistic payment timing over three simulated days, two schedulers and two
// dispatchers working the same database (as two replicas do), a fake shop endpoint on loopback. An
// independent model of the rules says which reminders are due; the endpoint's log must match it:
// each due reminder exactly once, none after the payment, none in quiet hours, the holdout untouched.
public abstract class ReminderSimulationTests(ApiFactory factory, ITestOutputHelper output)
{
    // 2,000 in the suite; CSBOT_REMINDER_SIMULATION_ORDERS runs the same test at another size (docs/benchmarks.md).
    private static int Orders => int.TryParse(Environment.GetEnvironmentVariable("CSBOT_REMINDER_SIMULATION_ORDERS"), out var count) ? count : 2_000;

    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(10);
    private const int WindowStart = 9 * 60;
    private const int WindowEnd = 21 * 60;
    private static readonly int[] Delays = [15, 180];
    private const int BeforeAutoClose = 60;
    private const int HoldoutPercent = 10;

    private sealed record SimOrder(string Id, DateTime CreatedAt, DateTime AutoCloseAt, long Amount, DateTime? PaidAt, DateTime? CancelledAt);

    [DbFact]
    public async Task EveryDueReminderIsSentOnceNoneAfterPaymentNoneInQuietHoursAndTheHoldoutIsUntouched()
    {
        await using var push = await FakePushEndpoint.StartAsync(ReminderScenario.PushSecret);
        push.Clock = factory.Now;
        var shop = await factory.ReminderShopAsync(push);
        await shop.CreateRuleAsync(new
        {
            name = "催付 simulation", kind = "unpaid_order", windowStart = "09:00", windowEnd = "21:00", maxPerOrder = 3, onePerBuyerPerDay = false,
            skipIfPaidWithinHours = (int?)null, holdoutPercent = HoldoutPercent,
            steps = Delays.Select(d => (object)new { delayMinutes = d, templateZh = "{buyerNick}，{items}还未付款，{amount}：{payLink}" })
                .Append(new { beforeAutoCloseMinutes = BeforeAutoClose, templateZh = "{buyerNick}，订单即将关闭 {payLink}" }).ToList(),
        });
        var start = factory.AdvanceToLocal(0);
        var orders = Generate(start, Orders, new Random(20260302));
        var events = orders.SelectMany(o => new (DateTime At, int Order, string OrderId, object Body)[]
            {
                (o.CreatedAt, 0, o.Id, ReminderScenario.Created(o.Id, o.CreatedAt, buyerId: "buyer-" + o.Id, amount: o.Amount, autoCloseAt: o.AutoCloseAt)),
            }
            .Concat(o.PaidAt is { } paid ? [(paid, 1, o.Id, ReminderScenario.Event("paid", o.Id, paid))] : [])
            .Concat(o.CancelledAt is { } cancelled ? [(cancelled, 1, o.Id, ReminderScenario.Event("cancelled", o.Id, cancelled))] : []))
            .OrderBy(e => e.At).ThenBy(e => e.Order).ToList();

        // Two replicas over the same database. On PostgreSQL they are two service instances (two application
        // hosts, each with its own container, caches and in-process locks, on the same clock) that share the
        // events and both run a scheduler and a dispatcher; SQLite serves one instance, so there the second
        // scheduler and dispatcher live in the same host. The apps' own scheduler loops are off
        // (Reminders:RunScheduler) so that within a tick every event is in before any decision, which the
        // model below assumes.
        await using var second = factory is PostgreSqlApiFactory postgres ? new SecondInstance(postgres.ConnectionString, factory.Clock()) : null;
        if (second is not null)
        {
            await second.InitializeAsync();
        }

        var services = second?.Services ?? factory.Services;
        var instances = second is null ? new ApiFactory[] { factory } : [factory, second];
        var schedulers = new[] { factory.Services.GetRequiredService<ReminderScheduler>(), second is null ? ActivatorUtilities.CreateInstance<ReminderScheduler>(services) : services.GetRequiredService<ReminderScheduler>() };
        var dispatchers = new[] { factory.Services.GetRequiredService<OutboundDispatcher>(), second is null ? ActivatorUtilities.CreateInstance<OutboundDispatcher>(services) : services.GetRequiredService<OutboundDispatcher>() };
        var end = start.AddDays(3);
        var next = 0;
        var ingest = new Stopwatch();
        var work = new Stopwatch();
        // When each order's created (0) and paid/cancelled (1) event reached the service.
        var delivered = new Dictionary<(string, int), DateTime>();
        for (var now = start; now <= end; now = now.Add(Tick))
        {
            factory.Clock().SetUtcNow(new DateTimeOffset(now));
            ingest.Start();
            for (; next < events.Count && events[next].At <= now; next++)
            {
                await instances[next % instances.Length].SendOrderEventAsync(shop, events[next].Body).AcceptedAsync();
                delivered[(events[next].OrderId, events[next].Order)] = now;
            }

            ingest.Stop();
            work.Start();
            await Task.WhenAll(schedulers.Select(s => DrainAsync(s.ProcessDueAsync)));
            await Task.WhenAll(dispatchers.Select(d => DrainAsync(d.DispatchBatchAsync)));
            await factory.SettleAsync(shop);
            work.Stop();
        }

        var expected = Model(orders, delivered, start, shop.Shop.Id);
        var calls = push.Calls;
        var reminders = await factory.RemindersAsync(shop.Shop.Id);
        var orderIds = await factory.WithDbAsync(db => db.Orders.AsNoTracking().Where(o => o.ShopId == shop.Shop.Id).ToDictionaryAsync(o => o.Id, o => o.OrderId));
        var byReminder = reminders.ToDictionary(r => $"reminder:{r.Id}");
        string Key(PushedCall call) => $"{orderIds[byReminder[call.WebhookId].OrderRowId]}#{byReminder[call.WebhookId].Step}";
        var rows = await factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ShopId == shop.Shop.Id).ToListAsync());

        Assert.All(calls, c => Assert.True(c.SignatureValid));
        Assert.Equal(calls.Count, calls.Select(c => c.WebhookId).Distinct().Count());
        Assert.Equal(expected.Sent.Order(), calls.Select(Key).Order());
        Assert.All(calls, c =>
        {
            var orderId = c.Body.GetProperty("orderId").GetString()!;
            Assert.True(!delivered.TryGetValue((orderId, 1), out var stoppedAt) || c.ReceivedAt < stoppedAt, $"{orderId} was reminded at {c.ReceivedAt:o}, after it was paid or cancelled");
            var local = TimeZoneInfo.ConvertTimeFromUtc(c.ReceivedAt, ReminderClock.Shanghai);
            Assert.InRange(local.Hour * 60 + local.Minute, WindowStart, WindowEnd - 1);
        });
        Assert.DoesNotContain(calls, c => expected.Holdout.Contains(c.Body.GetProperty("orderId").GetString()!));
        Assert.Equal(expected.Withheld, reminders.Count(r => r.Status == ReminderStatus.Withheld));
        Assert.All(reminders.Where(r => r.Holdout), r => Assert.NotEqual(ReminderStatus.Sent, r.Status));
        Assert.Equal(expected.Sent.Count, rows.Count(r => r.Status == OutboxStatus.Sent));
        Assert.NotEmpty(expected.Sent);

        // The recovery report the merchant sees for the run: reminded orders against the holdout group.
        var report = await (await shop.Admin.GetAsync($"/api/v1/shops/{shop.Shop.Id}/reminders/report")).AssertJsonAsync<System.Text.Json.JsonElement>(System.Net.HttpStatusCode.OK);
        var total = Assert.Single(report.GetProperty("totals").EnumerateArray());
        Assert.Equal(reminders.Where(r => r.Status == ReminderStatus.Sent).Select(r => r.OrderRowId).Distinct().Count(), total.GetProperty("remindedOrders").GetInt32());
        Assert.Equal(reminders.Where(r => r.Status == ReminderStatus.Withheld).Select(r => r.OrderRowId).Distinct().Count(), total.GetProperty("holdoutOrders").GetInt32());
        Assert.InRange(total.GetProperty("remindedPaid").GetInt32(), 1, total.GetProperty("remindedOrders").GetInt32());
        output.WriteLine($"Recovery report: {total}");
        output.WriteLine($"{Orders} orders, {events.Count} events, {reminders.Count} reminders: {calls.Count} sent, {expected.Withheld} withheld (holdout {expected.Holdout.Count} orders), " +
            $"{reminders.Count(r => r.Status == ReminderStatus.Cancelled)} cancelled by payment or cancellation, {reminders.Count(r => r.Status == ReminderStatus.Skipped)} skipped. " +
            $"Events over HTTP: {ingest.Elapsed.TotalSeconds:F1} s ({events.Count / ingest.Elapsed.TotalSeconds:F0}/s); " +
            $"claim + decide + send: {work.Elapsed.TotalSeconds:F1} s over {(end - start) / Tick + 1} ticks ({reminders.Count / work.Elapsed.TotalSeconds:F0} reminders/s).");
    }

    private static async Task DrainAsync(Func<CancellationToken, Task<int>> round)
    {
        while (await round(CancellationToken.None) > 0)
        {
        }
    }

    // Orders over two days, day and night alike; 55% paid after a delay that is mostly short, 5% cancelled,
    // the rest left to close by themselves 24 h after creation.
    private static List<SimOrder> Generate(DateTime start, int count, Random random) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var created = start.AddSeconds(random.Next(0, 2 * 86_400));
            var closes = created.AddHours(24);
            var roll = random.NextDouble();
            DateTime? paid = roll < 0.55 ? created.AddMinutes(Math.Min(24 * 60 - 1, -Math.Log(1 - random.NextDouble()) * 240)) : null;
            DateTime? cancelled = roll is >= 0.55 and < 0.60 ? created.AddMinutes(random.Next(1, 600)) : null;
            return new SimOrder($"SIM-{i:D5}", created, closes, random.Next(1_000, 50_000), paid, cancelled);
        }).ToList();

    private sealed record Expectation(HashSet<string> Sent, int Withheld, HashSet<string> Holdout);

    // What the rules say, tick by tick: a step due at `due` (moved into the window when the order
    // arrives) is decided at the first tick at or after it; a tick outside the window moves it to the
    // next window; an order paid or cancelled by then stops it; a step decided at or after the order's
    // auto-close is skipped.
    private static Expectation Model(List<SimOrder> orders, Dictionary<(string, int), DateTime> delivered, DateTime start, string shopId)
    {
        var sent = new HashSet<string>();
        var holdout = new HashSet<string>();
        var withheld = 0;
        var zone = ReminderClock.Shanghai;
        foreach (var order in orders)
        {
            var arrived = delivered[(order.Id, 0)];
            var stopped = delivered.TryGetValue((order.Id, 1), out var stop) ? stop : DateTime.MaxValue;
            var held = ReminderPlan.IsHoldout(shopId, "generic", order.Id, HoldoutPercent);
            if (held)
            {
                holdout.Add(order.Id);
            }

            var dues = Delays.Select((d, i) => (Step: i + 1, Due: order.CreatedAt.AddMinutes(d))).Append((Step: 3, Due: order.AutoCloseAt.AddMinutes(-BeforeAutoClose)));
            foreach (var (step, planned) in dues)
            {
                var due = ReminderPlan.NextInWindow(planned < arrived ? arrived : planned, WindowStart, WindowEnd, zone);
                while (true)
                {
                    var tick = Ceiling(due, start);
                    if (tick >= stopped || tick >= order.AutoCloseAt)
                    {
                        break;
                    }

                    if (!ReminderPlan.InWindow(tick, WindowStart, WindowEnd, zone))
                    {
                        due = ReminderPlan.NextInWindow(tick, WindowStart, WindowEnd, zone);
                        continue;
                    }

                    if (held)
                    {
                        withheld++;
                    }
                    else
                    {
                        sent.Add($"{order.Id}#{step}");
                    }

                    break;
                }
            }
        }

        return new Expectation(sent, withheld, holdout);
    }

    private static DateTime Ceiling(DateTime at, DateTime start)
    {
        var ticks = (long)Math.Ceiling((at - start).Ticks / (double)Tick.Ticks);
        return start.AddTicks(ticks * Tick.Ticks);
    }
}

// The second service instance of the PostgreSQL simulation: the same database and clock, its own host.
internal sealed class SecondInstance(string connectionString, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock) : ApiFactory, IReminderFactory
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => clock;

    public override DatabaseKind Database => DatabaseKind.PostgreSql;

    protected override string StorageProvider => "PostgreSql";

    protected override IEnumerable<KeyValuePair<string, string>> StorageSettings => [new("Storage:PostgreSqlConnectionString", connectionString)];

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [.. ReminderClock.Settings, new("Reminders:RunScheduler", "false")];

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    // The database belongs to the first instance's fixture.
    protected override Task DeleteDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ReminderClock.Replace(builder, clock);
    }
}

public sealed class SimulationSqliteFactory : ReminderSqliteFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [.. base.ExtraSettings, new("Reminders:RunScheduler", "false")];
}

public sealed class SimulationPostgreSqlFactory : ReminderPostgreSqlFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => [.. base.ExtraSettings, new("Reminders:RunScheduler", "false")];
}

public sealed class ReminderSimulationSqliteTests(SimulationSqliteFactory factory, ITestOutputHelper output)
    : ReminderSimulationTests(factory, output), IClassFixture<SimulationSqliteFactory>;

public sealed class ReminderSimulationPostgreSqlTests(SimulationPostgreSqlFactory factory, ITestOutputHelper output)
    : ReminderSimulationTests(factory, output), IClassFixture<SimulationPostgreSqlFactory>, IPostgreSqlTests;
