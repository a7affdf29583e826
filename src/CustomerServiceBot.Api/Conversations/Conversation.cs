using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Conversations;

internal static class ConversationStatus
{
    public const string Bot = "bot";
    public const string WaitingForHuman = "waiting_for_human";
    public const string Human = "human";
    public const string Resolved = "resolved";
}

// The dialogue state of one buyer with one shop on one platform.
internal sealed class Conversation
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Platform { get; init; }
    public required string BuyerId { get; init; }
    public string? BuyerNick { get; set; }
    public string Status { get; set; } = ConversationStatus.Bot;

    public long? FocusProductId { get; set; }
    public long? FocusSkuId { get; set; }
    // The question the bot asked and is waiting to have answered ("order_id", "product", ...).
    public string? PendingSlot { get; set; }
    public string? PendingIntent { get; set; }
    // Products offered to choose from ("第二个" picks the second).
    public List<string> PendingChoices { get; set; } = [];
    public List<string> RecentIntents { get; set; } = [];
    public List<string> RecentEmotions { get; set; } = [];
    public int FailureCount { get; set; }
    public int AngerCount { get; set; }
    public string? LastOrderId { get; set; }
    // Product codes recommended in this session (not offered twice), and buyer messages since the
    // last recommendation (null: none yet this session).
    public List<string> RecommendedProducts { get; set; } = [];
    public int? MessagesSinceRecommendation { get; set; }

    public string? HandoffReason { get; set; }
    public string? HandoffSummary { get; set; }
    public DateTime? HandoffAt { get; set; }
    public string? AssignedAgent { get; set; }

    public string? ReplyTarget { get; set; }
    public bool IsTest { get; init; }
    public DateTime SessionStartedAt { get; set; }
    public DateTime LastMessageAt { get; set; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(c => c.Platform).HasMaxLength(20);
        builder.Property(c => c.BuyerId).HasMaxLength(160);
        builder.Property(c => c.BuyerNick).HasMaxLength(100);
        builder.Property(c => c.Status).HasMaxLength(24);
        builder.Property(c => c.PendingSlot).HasMaxLength(32);
        builder.Property(c => c.PendingIntent).HasMaxLength(64);
        builder.Property(c => c.PendingChoices).HasJsonConversion();
        builder.Property(c => c.RecentIntents).HasJsonConversion();
        builder.Property(c => c.RecentEmotions).HasJsonConversion();
        builder.Property(c => c.LastOrderId).HasMaxLength(64);
        builder.Property(c => c.RecommendedProducts).HasJsonConversion();
        builder.Property(c => c.HandoffReason).HasMaxLength(40);
        builder.Property(c => c.HandoffSummary).HasMaxLength(1000);
        builder.Property(c => c.AssignedAgent).HasMaxLength(100);
        builder.Property(c => c.ReplyTarget).HasMaxLength(128);
        builder.HasIndex(c => new { c.ShopId, c.Platform, c.BuyerId }).IsUnique();
        // The agents' queue. Only conversations a person has touched: an index over every conversation would
        // offer PostgreSQL a second way to find one by shop, which it takes when its statistics are young.
        builder.HasIndex(c => new { c.ShopId, c.Status, c.HandoffAt }).HasFilter($"\"Status\" <> '{ConversationStatus.Bot}'");
        builder.HasOne<Shop>().WithMany().HasForeignKey(c => c.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
