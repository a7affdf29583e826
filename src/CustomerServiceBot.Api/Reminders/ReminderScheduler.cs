using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Outbound;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Text.Json;

namespace CustomerServiceBot.Api.Reminders;

// Decides the fate of due reminders, each exactly once. One transaction claims a batch of due rows
// (PostgreSQL: FOR UPDATE SKIP LOCKED, so replicas take different rows and a crashed replica's rows
// return when its transaction rolls back), re-checks each against its order and rule, and for a
// reminder that goes out writes the outbox row in the same transaction as the reminder's new status.
// SQLite serves one instance: the in-process writer gate makes the claim exclusive.
internal sealed class ReminderScheduler(
    IServiceScopeFactory scopes,
    ConversationLocks locks,
    ShopTimeZones zones,
    Outbox outbox,
    ReminderSignal signal,
    Buyers.BuyerProfiles profiles,
    IOptions<ReminderOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    private static readonly string[] Spent = [ReminderStatus.Sent, ReminderStatus.Withheld];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunScheduler)
        {
            logger.LogInformation("Reminders:RunScheduler is off: this instance decides no reminders");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            int processed;
            try
            {
                processed = await ProcessDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be away; the rows stay scheduled and the next round tries again.
                logger.LogWarning(exception, "Reminder round failed");
                processed = 0;
            }

            if (processed < options.Value.BatchSize)
            {
                await signal.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    // One batch; returns how many due rows it claimed (a full batch means more may be due).
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var postgres = storage.Value.Provider == StorageProvider.PostgreSql;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var queued = 0;
        int claimed;
        using (await locks.AcquireSqliteWriterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var due = await db.Reminders.FromSqlRaw(postgres ? PostgresClaimSql : SqliteClaimSql, now, options.Value.BatchSize).ToListAsync(cancellationToken);
            claimed = due.Count;
            if (claimed == 0)
            {
                return 0;
            }

            if (postgres)
            {
                // "One per buyer per day" holds across replicas: a buyer's reminders are decided one
                // transaction at a time. Keys are taken in ascending order, so two batches cannot deadlock.
                foreach (var key in due.Select(r => OrderEventProcessor.LockKey($"{r.ShopId}\n{r.BuyerId}")).Distinct().Order())
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(2, {0})", [key], cancellationToken);
                }
            }

            var orderIds = due.Select(r => r.OrderRowId).Distinct().ToList();
            var ruleIds = due.Select(r => r.RuleId).Distinct().ToList();
            var shopIds = due.Select(r => r.ShopId).Distinct().ToList();
            var orders = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
            var rules = await db.ReminderRules.AsNoTracking().Where(r => ruleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            var shops = await db.Shops.AsNoTracking().Where(s => shopIds.Contains(s.Id))
                .Select(s => new { s.Id, s.Currency, s.BuyerSalutation }).ToDictionaryAsync(s => s.Id, cancellationToken);

            foreach (var reminder in due)
            {
                var order = orders[reminder.OrderRowId];
                var rule = rules[reminder.RuleId];
                var shop = shops[reminder.ShopId];
                var decision = await DecideAsync(db, reminder, order, rule, now, cancellationToken);
                switch (decision)
                {
                    case Decision.Defer defer:
                        reminder.DueAt = defer.Until;
                        reminder.Deferrals++;
                        break;
                    case Decision.Stop stop:
                        reminder.Status = stop.Status;
                        reminder.SkipReason = stop.Reason;
                        reminder.ProcessedAt = now;
                        break;
                    case Decision.Send:
                        var message = Queue(db, reminder, order, rule, shop.Currency, shop.BuyerSalutation, now);
                        reminder.Status = ReminderStatus.Sent;
                        reminder.ProcessedAt = now;
                        await db.SaveChangesAsync(cancellationToken);
                        reminder.OutboxMessageId = message.Id;
                        queued++;
                        break;
                }

                // Saved one by one: the next row's per-buyer and per-order counts see this one.
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (queued > 0)
        {
            outbox.Committed();
        }

        return claimed;
    }

    private abstract record Decision
    {
        public sealed record Send : Decision;

        public sealed record Defer(DateTime Until) : Decision;

        public sealed record Stop(string Status, string? Reason) : Decision;
    }

    private async Task<Decision> DecideAsync(BotDbContext db, Reminder reminder, Order order, ReminderRule rule, DateTime now, CancellationToken cancellationToken)
    {
        // Normally the payment event already cancelled the row; this covers an event that raced the claim.
        if (ReminderKind.For(order.Kind, order.Status) != reminder.Kind)
        {
            return new Decision.Stop(ReminderStatus.Cancelled, $"order_{order.Status}");
        }

        if (!rule.Enabled)
        {
            return new Decision.Stop(ReminderStatus.Skipped, SkipReason.RuleDisabled);
        }

        if (order.AutoCloseAt <= now)
        {
            return new Decision.Stop(ReminderStatus.Skipped, SkipReason.PastAutoClose);
        }

        var zone = zones.Get(reminder.ShopId);
        var next = ReminderPlan.NextInWindow(now, rule.WindowStartMinute, rule.WindowEndMinute, zone);
        if (next != now)
        {
            return new Decision.Defer(next);
        }

        if (await RuleRefusalAsync(db, profiles, reminder.ShopId, reminder.BuyerId, order, reminder.Kind, rule, now, cancellationToken) is { } refusal)
        {
            return new Decision.Stop(ReminderStatus.Skipped, refusal);
        }

        return reminder.Holdout ? new Decision.Stop(ReminderStatus.Withheld, null) : new Decision.Send();
    }

    // The rule's limits on reminding this buyer about this order now, shared by scheduled reminders and
    // the nudge in chat: the skip reason, or null when the rule allows it.
    internal static async Task<string?> RuleRefusalAsync(
        BotDbContext db, Buyers.BuyerProfiles profiles, string shopId, string buyerId, Order order, string kind, ReminderRule rule, DateTime now,
        CancellationToken cancellationToken)
    {
        var zone = profiles.Zone(shopId);
        var spentOnOrder = await db.Reminders.CountAsync(
            r => r.OrderRowId == order.Id && r.Kind == kind && Spent.Contains(r.Status), cancellationToken);
        if (spentOnOrder >= rule.MaxPerOrder)
        {
            return SkipReason.MaxPerOrder;
        }

        if (rule.Blacklist.Contains(buyerId, StringComparer.Ordinal))
        {
            return SkipReason.Blacklisted;
        }

        if (order.BuyerTags.Any(t => rule.SkipBuyerTags.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            return SkipReason.BuyerTagged;
        }

        // The tags the shop's own profile gives the buyer ("at_risk" after a complaint), as of now.
        if (rule.SkipBuyerTags.Count > 0
            && await db.BuyerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.ShopId == shopId && p.BuyerId == buyerId, cancellationToken) is { } profile
            && profiles.TagsOf(profile, now).Any(t => rule.SkipBuyerTags.Contains(t.Tag, StringComparer.OrdinalIgnoreCase)))
        {
            return SkipReason.BuyerTagged;
        }

        if (rule.SkipIfPaidWithinHours is { } hours)
        {
            var since = now.AddHours(-hours);
            var paidOther = await db.Orders.AnyAsync(
                o => o.ShopId == shopId && o.BuyerId == buyerId && o.Id != order.Id && o.PaidAt >= since && o.Status == OrderStatus.Paid,
                cancellationToken);
            if (paidOther)
            {
                return SkipReason.PaidOtherOrder;
            }
        }

        if (rule.OnePerBuyerPerDay)
        {
            var dayStart = ReminderPlan.StartOfLocalDay(now, zone);
            var today = await db.Reminders.AnyAsync(
                r => r.ShopId == shopId && r.BuyerId == buyerId && r.ProcessedAt >= dayStart && Spent.Contains(r.Status),
                cancellationToken);
            if (today)
            {
                return SkipReason.BuyerDailyLimit;
            }
        }

        return null;
    }

    private OutboxMessage Queue(BotDbContext db, Reminder reminder, Order order, ReminderRule rule, string currency, string salutation, DateTime now)
    {
        var step = rule.Steps[Math.Min(reminder.Step, rule.Steps.Count) - 1];
        var language = ReminderPlan.Template(step, rule.Language) is not null ? rule.Language : rule.Language == "en" ? "zh" : "en";
        var text = ReminderPlan.Render(ReminderPlan.Template(step, language) ?? "", language, new ReminderPlan.Values(
            order.BuyerNick, order.Items, reminder.AmountMinor, currency, order.PayUrl, rule.Coupon, order.OrderId, salutation));
        // A reminder goes to the conversation the order names, else through the order's own platform
        // when it takes pushes, else to the shop's generic push endpoint.
        var platform = order.ReplyPlatform ?? (outbox.Pushes(order.Platform) ? order.Platform : Platforms.Generic);
        var message = new OutboxMessage
        {
            ShopId = reminder.ShopId,
            Platform = platform,
            Target = order.ReplyTarget ?? reminder.BuyerId,
            Kind = OutboxKind.Reminder,
            PayloadJson = JsonSerializer.Serialize(new OutboundPayload(text, OrderId: order.OrderId, BuyerId: reminder.BuyerId), JsonText.Options),
            IdempotencyKey = $"reminder:{reminder.Id}",
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    private const string ClaimSql = """
        SELECT * FROM reminders
        WHERE "Status" = 'scheduled' AND "DueAt" <= {0}
        ORDER BY "DueAt", "Id"
        LIMIT {1}
        """;

    private static readonly string PostgresClaimSql = ClaimSql + " FOR UPDATE SKIP LOCKED";
    private static readonly string SqliteClaimSql = ClaimSql;
}

// Wakes the scheduler when a new chain is stored.
internal sealed class ReminderSignal : Hosting.WakeSignal;
