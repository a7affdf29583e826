using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Knowledge;

internal sealed class Sku
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public long ProductId { get; init; }
    public required string Code { get; set; }
    // The values that make this SKU (颜色, 尺码, ...); they override the product's.
    public Dictionary<string, string> Attributes { get; set; } = [];
    public long Price { get; set; }
    public int Stock { get; set; }
    public string? Barcode { get; set; }
}

internal sealed class SkuConfiguration : IEntityTypeConfiguration<Sku>
{
    public void Configure(EntityTypeBuilder<Sku> builder)
    {
        builder.ToTable("skus");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(s => s.Code).HasMaxLength(64);
        builder.Property(s => s.Barcode).HasMaxLength(32);
        builder.Property(s => s.Attributes).HasJsonConversion();
        builder.HasIndex(s => new { s.ShopId, s.Code }).IsUnique();
        builder.HasIndex(s => s.ProductId);
        builder.HasOne<Shop>().WithMany().HasForeignKey(s => s.ShopId).OnDelete(DeleteBehavior.NoAction);
    }
}
