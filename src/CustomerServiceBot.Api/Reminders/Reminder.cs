using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Reminders;

internal static class ReminderStatus
{
    // Waiting for its due time.
    public const string Scheduled = "scheduled";
    // Handed to the outbox (the outbox row says whether the platform took it).
    public const string Sent = "sent";
    // In the holdout group: passed every check and was deliberately not sent, to measure against.
    public const string Withheld = "withheld";
    // A rule check said no at send time; SkipReason says which.
    public const string Skipped = "skipped";
    // The order was paid, cancelled or closed (or moved to its balance chain) before the reminder was due.
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Scheduled, Sent, Withheld, Skipped, Cancelled];
}

internal static class SkipReason
{
    public const string RuleDisabled = "rule_disabled";
    public const string MaxPerOrder = "max_per_order";
    public const string BuyerDailyLimit = "buyer_daily_limit";
    public const string PaidOtherOrder = "paid_other_order";
    public const string Blacklisted = "blacklisted";
    public const string BuyerTagged = "buyer_tagged";
    public const string PastAutoClose = "past_auto_close";
    // The buyer asked to be forgotten: nothing more is sent to them.
    public const string BuyerErased = "buyer_erased";
}

// One step of an order's chain, due at DueAt; the scheduler decides its fate exactly once.
internal sealed class Reminder
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public long OrderRowId { get; init; }
    public long RuleId { get; init; }
    public required string Kind { get; init; }
    // 1-based, in the rule's step order.
    public int Step { get; init; }
    public required string BuyerId { get; init; }
    // What this chain chases (the balance for a pre-sale order), for the recovery report.
    public long AmountMinor { get; init; }
    // Decided once from the order id: the order's whole chain is withheld.
    public bool Holdout { get; init; }
    public DateTime DueAt { get; set; }
    // How often the send window pushed DueAt to the next morning.
    public int Deferrals { get; set; }
    public string Status { get; set; } = ReminderStatus.Scheduled;
    public string? SkipReason { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public long? OutboxMessageId { get; set; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("reminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.BuyerId).HasMaxLength(128);
        builder.Property(r => r.Status).HasMaxLength(10);
        builder.Property(r => r.SkipReason).HasMaxLength(30);
        // A step of a chain exists once, however often its events are delivered.
        builder.HasIndex(r => new { r.OrderRowId, r.Kind, r.Step }).IsUnique();
        // The scheduler's scan: due scheduled rows, earliest first.
        builder.HasIndex(r => new { r.Status, r.DueAt });
        // "One per buyer per day."
        builder.HasIndex(r => new { r.ShopId, r.BuyerId, r.ProcessedAt });
        builder.HasIndex(r => new { r.ShopId, r.RuleId, r.ProcessedAt });
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderRowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReminderRule>().WithMany().HasForeignKey(r => r.RuleId).OnDelete(DeleteBehavior.NoAction);
    }
}
