using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Reminders;

internal static class OrderStatus
{
    // Created and waiting for payment (an abandoned cart waits for checkout).
    public const string Pending = "pending";
    // A pre-sale order whose deposit is paid and whose balance is not.
    public const string DepositPaid = "deposit_paid";
    public const string Paid = "paid";
    public const string Cancelled = "cancelled";
    public const string Closed = "closed";

    // Events can arrive in any order: the status only moves forward, and a final status is kept.
    public static int Rank(string status) => status switch
    {
        Pending => 0,
        DepositPaid => 1,
        _ => 2,
    };

    public static bool IsFinal(string status) => Rank(status) == 2;
}

internal static class OrderKind
{
    public const string Order = "order";
    // A checkout the buyer left before paying (催单).
    public const string Cart = "cart";
}

// ProductId is the shop's product code; SkuCode and the unit price (minor units) are optional.
internal sealed record OrderItem(string? ProductId, string Title, int Quantity, string? SkuCode = null, long? PriceMinor = null);

// An order (or a cart) as the shop's platform reported it through order events.
internal sealed class Order
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Platform { get; init; }
    // The platform's own order (or checkout) id.
    public required string OrderId { get; init; }
    public string Kind { get; set; } = OrderKind.Order;
    public string Status { get; set; } = OrderStatus.Pending;
    public string? BuyerId { get; set; }
    public string? BuyerNick { get; set; }
    public List<string> BuyerTags { get; set; } = [];
    public List<OrderItem> Items { get; set; } = [];
    // Minor units. For a pre-sale order, AmountMinor is the whole price and BalanceMinor what the balance chain chases.
    public long AmountMinor { get; set; }
    public long? BalanceMinor { get; set; }
    public string? PayUrl { get; set; }
    // Where a reminder is pushed when it is not the order's own platform (a Chatwoot conversation, say).
    public string? ReplyPlatform { get; set; }
    public string? ReplyTarget { get; set; }
    public DateTime? OrderCreatedAt { get; set; }
    public DateTime? AutoCloseAt { get; set; }
    public DateTime? BalanceStartsAt { get; set; }
    public DateTime? DepositPaidAt { get; set; }
    public DateTime? PaidAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    // False while only a payment or cancellation was seen: the created event has not arrived (yet).
    public bool SeenCreated { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(o => o.Platform).HasMaxLength(20);
        builder.Property(o => o.OrderId).HasMaxLength(128);
        builder.Property(o => o.Kind).HasMaxLength(10);
        builder.Property(o => o.Status).HasMaxLength(20);
        builder.Property(o => o.BuyerId).HasMaxLength(128);
        builder.Property(o => o.BuyerNick).HasMaxLength(100);
        builder.Property(o => o.BuyerTags).HasJsonConversion();
        builder.Property(o => o.Items).HasJsonListConversion();
        builder.Property(o => o.PayUrl).HasMaxLength(1000);
        builder.Property(o => o.ReplyPlatform).HasMaxLength(20);
        builder.Property(o => o.ReplyTarget).HasMaxLength(128);
        builder.HasIndex(o => new { o.ShopId, o.Platform, o.OrderId }).IsUnique();
        // "Did this buyer just pay another order?"
        builder.HasIndex(o => new { o.ShopId, o.BuyerId, o.PaidAt });
        builder.HasOne<Shop>().WithMany().HasForeignKey(o => o.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}

// One delivered order event, kept so a retried delivery (same event id) changes nothing.
internal sealed class OrderEvent
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Platform { get; init; }
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public required string OrderId { get; init; }
    // The order's status after the event, returned again to a retried delivery.
    public required string ResultStatus { get; init; }
    public DateTime ReceivedAt { get; init; }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> builder)
    {
        builder.ToTable("order_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(e => e.Platform).HasMaxLength(20);
        builder.Property(e => e.EventId).HasMaxLength(256);
        builder.Property(e => e.Type).HasMaxLength(20);
        builder.Property(e => e.OrderId).HasMaxLength(128);
        builder.Property(e => e.ResultStatus).HasMaxLength(20);
        builder.HasIndex(e => new { e.ShopId, e.Platform, e.EventId }).IsUnique();
        builder.HasOne<Shop>().WithMany().HasForeignKey(e => e.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
