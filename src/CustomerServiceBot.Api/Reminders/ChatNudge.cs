using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Reminders;

// A buyer with an unpaid order who asks about paying, shipping or the order in chat is already
// thinking about it: the reply gets the rule's first reminder text as a gentle nudge, when the rule
// that chases the order would allow a reminder now. The nudge is recorded as a sent reminder (step 0)
// in the message's transaction, so it counts against the rule's limits and in the recovery report,
// and an order gets at most one.
internal sealed class ChatNudge(Buyers.BuyerProfiles profiles, Microsoft.Extensions.Options.IOptions<StorageOptions> storage)
{
    public const int ChatStep = 0;

    // Questions asked on the way to paying.
    private static readonly HashSet<string> PaymentIntents = new(StringComparer.Ordinal)
    {
        "payment_method", "payment_problem", "shipping_time", "shipping_fee", "order_modify", "presale_rules", "promotion_coupon",
    };

    public static bool Wants(IReadOnlyList<UnderstoodQuestion> questions) =>
        questions.Any(q => q.Understood && PaymentIntents.Contains(q.Intent));

    // The newest open unpaid order of each buyer, in one query for a batch of messages on SQLite (on
    // PostgreSQL the batch reads the orders in the command that takes its locks). The filters match every
    // combination of the shops and buyers given; the orders are then picked by their exact pair.
    public static async Task<Dictionary<(string ShopId, string BuyerId), Order>> UnpaidOrdersAsync(
        BotDbContext db, IReadOnlyCollection<(string ShopId, string BuyerId)> buyers, DateTime now, CancellationToken cancellationToken)
    {
        if (buyers.Count == 0)
        {
            return [];
        }

        var shopIds = buyers.Select(b => b.ShopId).Distinct().ToList();
        var buyerIds = buyers.Select(b => b.BuyerId).Distinct().ToList();
        var orders = await db.Orders.AsNoTracking()
            .Where(o => shopIds.Contains(o.ShopId) && o.BuyerId != null && buyerIds.Contains(o.BuyerId) && o.Kind == OrderKind.Order
                && (o.Status == OrderStatus.Pending || o.Status == OrderStatus.DepositPaid) && (o.AutoCloseAt == null || o.AutoCloseAt > now))
            .ToListAsync(cancellationToken);
        return NewestOpenUnpaid(orders, buyers, now);
    }

    // The PostgreSQL reads hand over orders open and unpaid a little before `now` (the message batch reads
    // them in the command that takes its locks, before it reads the clock): the choice is made here, as of `now`.
    public static Dictionary<(string ShopId, string BuyerId), Order> NewestOpenUnpaid(
        IEnumerable<Order> orders, IReadOnlyCollection<(string ShopId, string BuyerId)> buyers, DateTime now) =>
        orders.Where(o => o.BuyerId is not null && buyers.Contains((o.ShopId, o.BuyerId)) && o.Kind == OrderKind.Order
                && (o.Status == OrderStatus.Pending || o.Status == OrderStatus.DepositPaid) && (o.AutoCloseAt is null || o.AutoCloseAt > now))
            .GroupBy(o => (o.ShopId, BuyerId: o.BuyerId!))
            .ToDictionary(g => g.Key, g => g.MaxBy(o => o.Id)!);

    // `order` is the buyer's newest open unpaid order (UnpaidOrdersAsync), asked for because the
    // message wants a nudge (Wants).
    public async Task<string?> TryAddAsync(
        BotDbContext db, RowChanges rows, Conversation conversation, Order order, string currency, string salutation, DateTime now, CancellationToken cancellationToken)
    {
        var kind = ReminderKind.For(order.Kind, order.Status);
        if (kind is null)
        {
            return null;
        }

        // Only an order a rule chases, outside the holdout, and not nudged before.
        var chain = await db.Reminders.AsNoTracking().Where(r => r.OrderRowId == order.Id && r.Kind == kind).ToListAsync(cancellationToken);
        if (chain.Count == 0 || chain.Any(r => r.Holdout || r.Step == ChatStep))
        {
            return null;
        }

        if (storage.Value.Provider == StorageProvider.PostgreSql)
        {
            // The scheduler decides a buyer's reminders under the same lock: "one per buyer per day" holds
            // between a nudge here and a scheduled reminder on another replica.
            var key = OrderEventProcessor.LockKey($"{conversation.ShopId}\n{conversation.BuyerId}");
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(2, {0})", [key], cancellationToken);
        }

        var rule = await db.ReminderRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == chain[0].RuleId, cancellationToken);
        if (rule is not { Enabled: true } || rule.Steps.Count == 0
            || await ReminderScheduler.RuleRefusalAsync(db, profiles, conversation.ShopId, conversation.BuyerId, order, kind, rule, now, cancellationToken) is not null)
        {
            return null;
        }

        var step = rule.Steps[0];
        var language = ReminderPlan.Template(step, rule.Language) is not null ? rule.Language : rule.Language == "en" ? "zh" : "en";
        var template = ReminderPlan.Template(step, language);
        if (template is null)
        {
            return null;
        }

        rows.Add(new Reminder
        {
            ShopId = conversation.ShopId,
            OrderRowId = order.Id,
            RuleId = rule.Id,
            Kind = kind,
            Step = ChatStep,
            BuyerId = conversation.BuyerId,
            AmountMinor = chain[0].AmountMinor,
            DueAt = now,
            Status = ReminderStatus.Sent,
            ProcessedAt = now,
            CreatedAt = now,
        });
        return ReminderPlan.Render(template, language, new ReminderPlan.Values(
            order.BuyerNick, order.Items, chain[0].AmountMinor, currency, order.PayUrl, rule.Coupon, order.OrderId, salutation));
    }
}
