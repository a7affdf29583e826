using System.Security.Cryptography;
using System.Text;
using CustomerServiceBot.Api.Buyers;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Outbound;
using CustomerServiceBot.Api.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Reminders;

public sealed record OrderEventResult(string OrderId, string Status, bool Duplicate, int RemindersScheduled, int RemindersCancelled);

// Applies one order event in one transaction: records the event id (a retried delivery changes
// nothing), moves the order's status forward only (so a payment that arrives before the order's
// creation keeps it paid), stops a chain when the order is paid, cancelled or closed, and schedules
// the chain the new status calls for.
internal sealed class OrderEventProcessor(
    BotDbContext db,
    ConversationLocks locks,
    ShopTimeZones zones,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ReminderSignal signal,
    BuyerProfiles profiles,
    ShopKnowledgeCache knowledgeCache,
    ILogger<OrderEventProcessor> logger)
{
    public async Task<OrderEventResult> HandleAsync(string shopId, string platform, OrderEventData data, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var postgres = storage.Value.Provider == StorageProvider.PostgreSql;
        using var writer = await locks.AcquireSqliteWriterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (postgres)
        {
            // Events of one order are applied one at a time across replicas.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(1, {0})", [LockKey($"{shopId}\n{platform}\n{data.OrderId}")], cancellationToken);
        }

        var seen = await db.OrderEvents.AsNoTracking()
            .Where(e => e.ShopId == shopId && e.Platform == platform && e.EventId == data.EventId)
            .Select(e => new { e.OrderId, e.ResultStatus })
            .FirstOrDefaultAsync(cancellationToken);
        if (seen is not null)
        {
            return new OrderEventResult(seen.OrderId, seen.ResultStatus, true, 0, 0);
        }

        var order = await db.Orders.SingleOrDefaultAsync(o => o.ShopId == shopId && o.Platform == platform && o.OrderId == data.OrderId, cancellationToken);
        var isNew = order is null;
        order ??= new Order { ShopId = shopId, Platform = platform, OrderId = data.OrderId, Kind = data.Kind, CreatedAt = now };
        if (isNew)
        {
            db.Orders.Add(order);
            if (data.Type != OrderEventType.Created)
            {
                // Out of order: remembered so the created event that follows starts nothing.
                logger.LogInformation("Order event {Type} for order {OrderId} of shop {ShopId} arrived before the order was created",
                    data.Type, data.OrderId, shopId);
            }
        }

        var before = isNew ? null : order.Status;
        var buyerBefore = order.BuyerId;
        var amountBefore = order.AmountMinor;
        var itemsBefore = order.Items;
        // The buyer the order will name after this event: Apply keeps a known buyer and takes the
        // event's otherwise, so this one lock also covers the profile update below.
        if ((order.BuyerId ?? data.BuyerId) is { } buyer)
        {
            await BuyerProfiles.LockAsync(db, storage.Value.Provider, shopId, buyer, cancellationToken);
        }

        Apply(order, data, now);
        db.OrderEvents.Add(new OrderEvent
        {
            ShopId = shopId, Platform = platform, EventId = data.EventId, Type = data.Type, OrderId = data.OrderId,
            ResultStatus = order.Status, ReceivedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);

        if (order.BuyerId is not null && (before != order.Status || buyerBefore is null))
        {
            // A buyer named only now (the payment came before the creation) gets the whole order folded in.
            await RecordOnProfileAsync(order, buyerBefore is null ? null : before, null, now, cancellationToken);
        }
        else if (order.BuyerId is not null && order.Status == OrderStatus.Paid && (order.AmountMinor != amountBefore || itemsBefore.Count == 0 && order.Items.Count > 0))
        {
            // The payment was folded in before the event that carries its amount or items arrived.
            await RecordOnProfileAsync(order, before, (amountBefore, itemsBefore), now, cancellationToken);
        }

        var cancelled = 0;
        var scheduled = 0;
        if (before is not null && before != order.Status)
        {
            cancelled = await StopChainsAsync(order, now, cancellationToken);
        }

        if (before != order.Status && ReminderKind.For(order.Kind, order.Status) is { } kind && order.BuyerId is not null)
        {
            scheduled = await ScheduleChainAsync(order, kind, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (scheduled > 0)
        {
            signal.Notify();
        }

        return new OrderEventResult(order.OrderId, order.Status, false, scheduled, cancelled);
    }

    private async Task RecordOnProfileAsync(
        Order order, string? before, (long Amount, List<OrderItem> Items)? paidBefore, DateTime now, CancellationToken cancellationToken)
    {
        var reminded = OrderStatus.IsFinal(order.Status)
            ? await db.Reminders.CountAsync(r => r.OrderRowId == order.Id && r.Status == ReminderStatus.Sent, cancellationToken)
            : 0;
        var profile = await BuyerProfiles.FindAsync(db, order.ShopId, order.BuyerId!, cancellationToken)
            ?? db.BuyerProfiles.Add(BuyerProfiles.New(order.ShopId, order.BuyerId!, now)).Entity;
        var knowledge = await knowledgeCache.GetAsync(db, order.ShopId, cancellationToken);
        if (paidBefore is { } paid)
        {
            profiles.CorrectPaidOrder(profile, order, paid.Amount, paid.Items, knowledge, now);
        }
        else
        {
            profiles.RecordOrder(profile, order, before, reminded, knowledge, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Apply(Order order, OrderEventData data, DateTime now)
    {
        var target = data.Type switch
        {
            OrderEventType.Paid => OrderStatus.Paid,
            OrderEventType.DepositPaid => OrderStatus.DepositPaid,
            OrderEventType.Cancelled => OrderStatus.Cancelled,
            OrderEventType.Closed => OrderStatus.Closed,
            _ => OrderStatus.Pending,
        };
        var isNew = order.UpdatedAt == default;
        if (isNew || (!OrderStatus.IsFinal(order.Status) && OrderStatus.Rank(target) > OrderStatus.Rank(order.Status)))
        {
            order.Status = target;
            switch (target)
            {
                case OrderStatus.Paid:
                    order.PaidAt = data.OccurredAt;
                    break;
                case OrderStatus.DepositPaid:
                    order.DepositPaidAt = data.OccurredAt;
                    break;
                case OrderStatus.Cancelled or OrderStatus.Closed:
                    order.ClosedAt = data.OccurredAt;
                    break;
            }
        }

        order.SeenCreated |= data.Type == OrderEventType.Created;
        order.BuyerId ??= data.BuyerId;
        order.BuyerNick = data.BuyerNick ?? order.BuyerNick;
        order.BuyerTags = data.BuyerTags?.ToList() ?? order.BuyerTags;
        order.Items = data.Items?.ToList() ?? order.Items;
        order.AmountMinor = data.AmountMinor ?? order.AmountMinor;
        order.BalanceMinor = data.BalanceMinor ?? order.BalanceMinor;
        order.PayUrl = data.PayUrl ?? order.PayUrl;
        order.ReplyPlatform = data.ReplyPlatform ?? order.ReplyPlatform;
        order.ReplyTarget = data.ReplyTarget ?? order.ReplyTarget;
        order.OrderCreatedAt = data.OrderCreatedAt ?? order.OrderCreatedAt;
        order.AutoCloseAt = data.AutoCloseAt ?? order.AutoCloseAt;
        order.BalanceStartsAt = data.BalanceStartsAt ?? order.BalanceStartsAt;
        order.UpdatedAt = now;
    }

    // The order left the state its scheduled reminders chase: none of them goes out, including one
    // already handed to the outbox and not yet delivered.
    private async Task<int> StopChainsAsync(Order order, DateTime now, CancellationToken cancellationToken)
    {
        var reason = $"order_{order.Status}";
        var chased = ReminderKind.For(order.Kind, order.Status) ?? "";
        var stopped = await db.Reminders
            .Where(r => r.OrderRowId == order.Id && r.Status == ReminderStatus.Scheduled && r.Kind != chased)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReminderStatus.Cancelled)
                .SetProperty(r => r.SkipReason, reason)
                .SetProperty(r => r.ProcessedAt, now), cancellationToken);
        if (OrderStatus.IsFinal(order.Status))
        {
            await db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Pending && m.Kind == OutboxKind.Reminder
                    && db.Reminders.Any(r => r.OrderRowId == order.Id && r.OutboxMessageId == m.Id))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Cancelled)
                    .SetProperty(m => m.LastError, $"The order is {order.Status}."), cancellationToken);
        }

        return stopped;
    }

    private async Task<int> ScheduleChainAsync(Order order, string kind, DateTime now, CancellationToken cancellationToken)
    {
        var rules = await db.ReminderRules.AsNoTracking().Where(r => r.ShopId == order.ShopId && r.Kind == kind && r.Enabled).ToListAsync(cancellationToken);
        var amount = kind == ReminderKind.PresaleBalance ? order.BalanceMinor ?? order.AmountMinor : order.AmountMinor;
        var rule = ReminderPlan.Match(rules, kind, amount, order.Items);
        if (rule is null)
        {
            return 0;
        }

        var anchor = kind == ReminderKind.PresaleBalance
            ? order.BalanceStartsAt ?? order.DepositPaidAt ?? now
            : order.OrderCreatedAt ?? now;
        var zone = zones.Get(order.ShopId);
        var holdout = ReminderPlan.IsHoldout(order.ShopId, order.Platform, order.OrderId, rule.HoldoutPercent);
        var steps = ReminderPlan.DueTimes(rule, anchor, order.AutoCloseAt);
        foreach (var (step, dueAt) in steps)
        {
            var earliest = dueAt < now ? now : dueAt;
            var due = ReminderPlan.NextInWindow(earliest, rule.WindowStartMinute, rule.WindowEndMinute, zone);
            db.Reminders.Add(new Reminder
            {
                ShopId = order.ShopId, OrderRowId = order.Id, RuleId = rule.Id, Kind = kind, Step = step, BuyerId = order.BuyerId!,
                AmountMinor = amount, Holdout = holdout, DueAt = due, Deferrals = due == earliest ? 0 : 1, CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return steps.Count;
    }

    internal static int LockKey(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
}
