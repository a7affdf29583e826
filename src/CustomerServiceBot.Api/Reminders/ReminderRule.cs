using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Reminders;

internal static class ReminderKind
{
    // 催付: an order created and not paid.
    public const string UnpaidOrder = "unpaid_order";
    // 催尾款: a pre-sale order whose deposit is paid and whose balance is not.
    public const string PresaleBalance = "presale_balance";
    // 催单: a checkout left before paying.
    public const string AbandonedCart = "abandoned_cart";

    public static readonly IReadOnlyList<string> All = [UnpaidOrder, PresaleBalance, AbandonedCart];

    // The chain an order in this state and of this kind is chased by, if any.
    public static string? For(string orderKind, string status) => (orderKind, status) switch
    {
        (OrderKind.Cart, OrderStatus.Pending) => AbandonedCart,
        (OrderKind.Order, OrderStatus.Pending) => UnpaidOrder,
        (OrderKind.Order, OrderStatus.DepositPaid) => PresaleBalance,
        _ => null,
    };
}

// One reminder of a chain: a delay after the order (or the balance window's opening), or a lead
// time before the order closes by itself. Templates per language; the rule's language picks one.
internal sealed record ReminderStep(int? DelayMinutes, int? BeforeAutoCloseMinutes, string? TemplateZh, string? TemplateEn);

internal sealed class ReminderRule
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public bool Enabled { get; set; } = true;
    public List<ReminderStep> Steps { get; set; } = [];
    // The daily send window in the shop's time zone, minutes after local midnight: [start, end).
    public int WindowStartMinute { get; set; }
    public int WindowEndMinute { get; set; }
    public int MaxPerOrder { get; set; }
    public bool OnePerBuyerPerDay { get; set; }
    public int? SkipIfPaidWithinHours { get; set; }
    public long? MinAmount { get; set; }
    public long? MaxAmount { get; set; }
    public List<string> IncludeProducts { get; set; } = [];
    public List<string> ExcludeProducts { get; set; } = [];
    public List<string> Blacklist { get; set; } = [];
    public List<string> SkipBuyerTags { get; set; } = [];
    public int HoldoutPercent { get; set; }
    public string Language { get; set; } = "zh";
    public string? Coupon { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class ReminderRuleConfiguration : IEntityTypeConfiguration<ReminderRule>
{
    public void Configure(EntityTypeBuilder<ReminderRule> builder)
    {
        builder.ToTable("reminder_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.Steps).HasJsonListConversion();
        builder.Property(r => r.IncludeProducts).HasJsonConversion();
        builder.Property(r => r.ExcludeProducts).HasJsonConversion();
        builder.Property(r => r.Blacklist).HasJsonConversion();
        builder.Property(r => r.SkipBuyerTags).HasJsonConversion();
        builder.Property(r => r.Language).HasMaxLength(5);
        builder.Property(r => r.Coupon).HasMaxLength(200);
        builder.HasIndex(r => new { r.ShopId, r.Kind });
        builder.HasOne<Shop>().WithMany().HasForeignKey(r => r.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
