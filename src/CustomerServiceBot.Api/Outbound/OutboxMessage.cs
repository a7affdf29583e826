using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Outbound;

internal static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    // Gave up: attempts exhausted or the platform refused it for good. A merchant can requeue it.
    public const string Dead = "dead";
    // Not sent because it went stale first (a reminder whose order was paid meanwhile).
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Pending, Sent, Dead, Cancelled];
}

internal static class OutboxKind
{
    // Text for the buyer, with quick replies when there are any.
    public const string Message = "message";
    public const string Cards = "cards";
    // Tell the platform a person should take the conversation over.
    public const string Handoff = "handoff";
    // A payment reminder for an unpaid order, balance or cart (Reminders/).
    public const string Reminder = "reminder";
}

// One call to a store platform, written in the same transaction as what caused it, then delivered
// by the dispatcher at least once; the idempotency key lets the platform drop a repeat.
internal sealed class OutboxMessage
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Platform { get; init; }
    public long? ConversationId { get; init; }
    // The platform's conversation the call is about (a Chatwoot conversation id).
    public required string Target { get; init; }
    public required string Kind { get; init; }
    public required string PayloadJson { get; init; }
    public required string IdempotencyKey { get; init; }
    public string Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    // When the next attempt is due; while one is in flight it is the end of the sender's lease.
    public DateTime NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public int? LastStatusCode { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SentAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(m => m.Platform).HasMaxLength(20);
        builder.Property(m => m.Target).HasMaxLength(128);
        builder.Property(m => m.Kind).HasMaxLength(20);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200);
        builder.Property(m => m.Status).HasMaxLength(10);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.ShopId, m.IdempotencyKey }).IsUnique();
        // The dispatcher's scan: due pending rows, oldest first.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.ShopId, m.Status, m.Id });
        builder.HasOne<Shop>().WithMany().HasForeignKey(m => m.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
