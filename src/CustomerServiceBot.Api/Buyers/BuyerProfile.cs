using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Buyers;

// A count per value (a size bought, a category bought from), most frequent first.
internal sealed record Tally(string Value, int Count);

// What the shop knows about one buyer, folded from their order events and conversations. It holds
// only what the tags and recommendations use: no nick, phone or address (those stay on the order
// and conversation rows the erase endpoint removes).
internal sealed class BuyerProfile
{
    public const int MaxProducts = 200;
    public const int MaxViewed = 20;
    public const int MaxTallies = 10;
    public const int MaxEmotions = 10;

    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string BuyerId { get; init; }
    public DateTime FirstSeenAt { get; init; }
    public DateTime LastVisitAt { get; set; }

    public int Orders { get; set; }
    public int PaidOrders { get; set; }
    public long SpendMinor { get; set; }
    public DateTime? LastOrderAt { get; set; }
    public DateTime? LastPaidAt { get; set; }
    public int ItemsBought { get; set; }
    public long ItemSpendMinor { get; set; }
    public long? MinItemPriceMinor { get; set; }
    public long? MaxItemPriceMinor { get; set; }
    public List<Tally> SizesBought { get; set; } = [];
    public List<Tally> CategoriesBought { get; set; } = [];
    // Product codes, most recent last.
    public List<string> BoughtProducts { get; set; } = [];
    public List<string> ViewedProducts { get; set; } = [];

    public int Messages { get; set; }
    public int AngryMessages { get; set; }
    public int AnxiousMessages { get; set; }
    public int Complaints { get; set; }
    public DateTime? LastAngryAt { get; set; }
    public DateTime? LastComplaintAt { get; set; }
    public List<string> RecentEmotions { get; set; } = [];
    public int PriceQuestions { get; set; }
    // Pre-sale questions (price, stock, size, variants) asked on IntentDay, the shop's local date.
    public DateOnly? IntentDay { get; set; }
    public int PurchaseQuestionsToday { get; set; }

    // Orders that got at least one reminder, and how many of those were paid.
    public int RemindedOrders { get; set; }
    public int RemindedOrdersPaid { get; set; }

    public List<string> ManualTags { get; set; } = [];
    // The computed and manual tags as of the last update, for listing by tag; time-bound tags are
    // re-checked when read.
    public List<string> Tags { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
}

internal sealed class BuyerProfileConfiguration : IEntityTypeConfiguration<BuyerProfile>
{
    public void Configure(EntityTypeBuilder<BuyerProfile> builder)
    {
        builder.ToTable("buyer_profiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(p => p.BuyerId).HasMaxLength(160);
        builder.Property(p => p.SizesBought).HasJsonListConversion();
        builder.Property(p => p.CategoriesBought).HasJsonListConversion();
        builder.Property(p => p.BoughtProducts).HasJsonConversion();
        builder.Property(p => p.ViewedProducts).HasJsonConversion();
        builder.Property(p => p.RecentEmotions).HasJsonConversion();
        builder.Property(p => p.ManualTags).HasJsonConversion();
        // A primitive collection, not JSON text: "buyers tagged vip" is a query (text[] on PostgreSQL,
        // a JSON array SQLite reads with json_each).
        // EF's own comparer for such a list makes a delegate for its element comparer on every snapshot and
        // comparison (DynamicMethod.CreateDelegate: 1.7 % of the service's CPU under webhook load).
        builder.PrimitiveCollection(p => p.Tags).Metadata.SetValueComparer(JsonColumn.StringListComparer);
        builder.HasIndex(p => new { p.ShopId, p.BuyerId }).IsUnique();
        // The high-intent list. Only buyers asking today, for the same reason as the agents' queue index.
        builder.HasIndex(p => new { p.ShopId, p.IntentDay, p.PurchaseQuestionsToday }).HasFilter("\"PurchaseQuestionsToday\" > 0");
        builder.HasOne<Shop>().WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
