using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Knowledge;

internal static class PromotionKinds
{
    public const string ThresholdDiscount = "threshold_discount";
    public const string PercentOffMulti = "percent_off_multi";
    public const string Coupon = "coupon";
    public const string Event = "event";

    public static readonly IReadOnlyList<string> All = [ThresholdDiscount, PercentOffMulti, Coupon, Event];
}

internal sealed class Promotion
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public required string Kind { get; set; }
    // Minor units: 满300减30 is ThresholdAmount 30000, DiscountAmount 3000.
    public long ThresholdAmount { get; set; }
    public long DiscountAmount { get; set; }
    public int? PercentOff { get; set; }
    public int? MinQuantity { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    // Empty means the whole shop.
    public List<string> ProductCodes { get; set; } = [];
    public string? Description { get; set; }
    public string? DescriptionEn { get; set; }
}

internal sealed class PromotionConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> builder)
    {
        builder.ToTable("promotions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(p => p.Code).HasMaxLength(64);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.TitleEn).HasMaxLength(200);
        builder.Property(p => p.Kind).HasMaxLength(32);
        builder.Property(p => p.ProductCodes).HasJsonConversion();
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.DescriptionEn).HasMaxLength(2000);
        builder.HasIndex(p => new { p.ShopId, p.Code }).IsUnique();
        builder.HasOne<Shop>().WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
