using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Reminders;
using CustomerServiceBot.Api.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Buyers;

// What one buyer message tells the profile.
internal sealed record MessageFacts(
    IReadOnlyList<UnderstoodQuestion> Questions,
    string? Emotion,
    string? HandoffReason,
    string? FocusProductCode);

// Folds order events and conversation turns into buyer profiles, inside the caller's transaction,
// and recomputes the stored tags. The caller saves.
internal sealed class BuyerProfiles(IOptions<BuyerOptions> options, ShopTimeZones zones)
{
    // Pre-sale questions that show a buyer is close to buying.
    private static readonly HashSet<string> PurchaseIntents = new(StringComparer.Ordinal)
    {
        "product_price", "product_stock", "product_variant", Intents.SizeRecommendation,
    };

    private static readonly HashSet<string> PriceIntents = new(StringComparer.Ordinal) { "bargain", "promotion_coupon" };

    private static readonly HashSet<string> ComplaintIntents = new(StringComparer.Ordinal)
    {
        "quality_complaint", "damaged_or_missing", Intents.ComplaintAbuse,
    };

    private static readonly HashSet<string> ComplaintHandoffs = new(StringComparer.Ordinal) { "escalation", "repeated_anger", "abuse" };

    public BuyerOptions Options => options.Value;

    // PostgreSQL advisory lock (3, key) serialises a buyer's profile updates across the message and
    // order paths and across replicas; SQLite's single writer does it there.
    public static int LockKey(string shopId, string buyerId) => OrderEventProcessor.LockKey($"{shopId}\n{buyerId}");

    // Taken inside the caller's transaction, before it writes a row (erasure takes it first too).
    public static Task LockAsync(BotDbContext db, StorageProvider provider, string shopId, string buyerId, CancellationToken cancellationToken) =>
        provider == StorageProvider.PostgreSql
            ? db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(3, {0})", [LockKey(shopId, buyerId)], cancellationToken)
            : Task.CompletedTask;

    public static Task<BuyerProfile?> FindAsync(BotDbContext db, string shopId, string buyerId, CancellationToken cancellationToken) =>
        db.BuyerProfiles.SingleOrDefaultAsync(p => p.ShopId == shopId && p.BuyerId == buyerId, cancellationToken);

    // A buyer seen for the first time; the caller adds it to its unit of work.
    public static BuyerProfile New(string shopId, string buyerId, DateTime now) =>
        new() { ShopId = shopId, BuyerId = buyerId, FirstSeenAt = now, LastVisitAt = now, UpdatedAt = now };

    public TimeZoneInfo Zone(string shopId) => zones.Get(shopId);

    public List<BuyerTag> TagsOf(BuyerProfile profile, DateTime now) =>
        BuyerTags.Compute(profile, options.Value, now, zones.Get(profile.ShopId));

    public void RecordMessage(BuyerProfile profile, MessageFacts facts, DateTime now)
    {
        var understood = facts.Questions.Where(q => q.Understood).Select(q => q.Intent).ToList();
        profile.Messages++;
        profile.LastVisitAt = now;
        if (facts.Emotion is { } emotion)
        {
            profile.RecentEmotions.Add(emotion);
            if (profile.RecentEmotions.Count > BuyerProfile.MaxEmotions)
            {
                profile.RecentEmotions.RemoveAt(0);
            }

            if (emotion == "angry")
            {
                profile.AngryMessages++;
                profile.LastAngryAt = now;
            }
            else if (emotion == "anxious")
            {
                profile.AnxiousMessages++;
            }
        }

        if (understood.Any(ComplaintIntents.Contains) || facts.HandoffReason is { } reason && ComplaintHandoffs.Contains(reason))
        {
            profile.Complaints++;
            profile.LastComplaintAt = now;
        }

        if (understood.Any(PriceIntents.Contains))
        {
            profile.PriceQuestions++;
        }

        var purchaseQuestions = understood.Count(PurchaseIntents.Contains);
        if (purchaseQuestions > 0)
        {
            var today = BuyerTags.LocalDate(now, zones.Get(profile.ShopId));
            if (profile.IntentDay != today)
            {
                profile.IntentDay = today;
                profile.PurchaseQuestionsToday = 0;
            }

            profile.PurchaseQuestionsToday += purchaseQuestions;
        }

        if (facts.FocusProductCode is { } viewed)
        {
            Remember(profile.ViewedProducts, viewed, BuyerProfile.MaxViewed);
        }

        Retag(profile, now);
    }

    // An order event moved an order from `before` (null: first seen) to its current status.
    // remindedBeforeFinal is the number of reminders sent for it, counted when it reaches a final status.
    public void RecordOrder(BuyerProfile profile, Order order, string? before, int remindedBeforeFinal, ShopKnowledge? knowledge, DateTime now)
    {
        var placedAt = order.OrderCreatedAt ?? now;
        if (before is null && order.Kind == OrderKind.Order)
        {
            profile.Orders++;
            profile.LastOrderAt = profile.LastOrderAt is { } last && last > placedAt ? last : placedAt;
        }

        profile.LastVisitAt = profile.LastVisitAt > now ? profile.LastVisitAt : now;
        if (order.Kind == OrderKind.Order && before != OrderStatus.Paid && order.Status == OrderStatus.Paid)
        {
            profile.PaidOrders++;
            profile.SpendMinor += order.AmountMinor;
            var paidAt = order.PaidAt ?? now;
            profile.LastPaidAt = profile.LastPaidAt is { } lastPaid && lastPaid > paidAt ? lastPaid : paidAt;
            foreach (var item in order.Items)
            {
                RecordItem(profile, item, knowledge);
            }
        }

        if (before is null || !OrderStatus.IsFinal(before))
        {
            if (OrderStatus.IsFinal(order.Status) && remindedBeforeFinal > 0)
            {
                profile.RemindedOrders++;
                profile.RemindedOrdersPaid += order.Status == OrderStatus.Paid ? 1 : 0;
            }
        }

        Retag(profile, now);
    }

    // A paid order folded in before its amount or items were known (the payment event came first).
    public void CorrectPaidOrder(BuyerProfile profile, Order order, long amountBefore, List<OrderItem> itemsBefore, ShopKnowledge? knowledge, DateTime now)
    {
        if (order.Kind != OrderKind.Order)
        {
            return;
        }

        profile.SpendMinor += order.AmountMinor - amountBefore;
        if (itemsBefore.Count == 0)
        {
            foreach (var item in order.Items)
            {
                RecordItem(profile, item, knowledge);
            }
        }

        Retag(profile, now);
    }

    public void Retag(BuyerProfile profile, DateTime now)
    {
        profile.Tags = TagsOf(profile, now).Select(t => t.Tag).ToList();
        profile.UpdatedAt = now;
    }

    private static void RecordItem(BuyerProfile profile, OrderItem item, ShopKnowledge? knowledge)
    {
        profile.ItemsBought += item.Quantity;
        if (item.PriceMinor is { } price)
        {
            profile.ItemSpendMinor += price * item.Quantity;
            profile.MinItemPriceMinor = Math.Min(profile.MinItemPriceMinor ?? price, price);
            profile.MaxItemPriceMinor = Math.Max(profile.MaxItemPriceMinor ?? price, price);
        }

        var sku = item.SkuCode is { } skuCode ? knowledge?.SkusByCode.GetValueOrDefault(skuCode) : null;
        var product = item.ProductId is { } code ? knowledge?.ProductsByCode.GetValueOrDefault(code) : null;
        product ??= sku is not null ? knowledge?.Products.GetValueOrDefault(sku.ProductId) : null;
        var productCode = product?.Code ?? item.ProductId;
        if (productCode is not null)
        {
            Remember(profile.BoughtProducts, productCode, BuyerProfile.MaxProducts);
        }

        if (sku?.Size is { } size)
        {
            profile.SizesBought = Count(profile.SizesBought, size);
        }

        if (product?.Category is { } category)
        {
            profile.CategoriesBought = Count(profile.CategoriesBought, category.Code);
        }
    }

    private static List<Tally> Count(List<Tally> tallies, string value)
    {
        var counted = tallies.Select(t => t.Value == value ? t with { Count = t.Count + 1 } : t).ToList();
        if (!counted.Any(t => t.Value == value))
        {
            counted.Add(new Tally(value, 1));
        }

        return counted.OrderByDescending(t => t.Count).ThenBy(t => t.Value, StringComparer.Ordinal).Take(BuyerProfile.MaxTallies).ToList();
    }

    // Most recent last, each value once.
    private static void Remember(List<string> recent, string value, int max)
    {
        recent.Remove(value);
        recent.Add(value);
        if (recent.Count > max)
        {
            recent.RemoveAt(0);
        }
    }
}
