using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Knowledge;

internal sealed class Product
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    // The merchant's own product code: the key for idempotent imports.
    public required string Code { get; set; }
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public long? CategoryId { get; set; }
    public List<string> Aliases { get; set; } = [];
    public string? Description { get; set; }
    public string? ImageUrl { get; set; }
    // Minor units (fen/cents) of the shop's currency.
    public long ListPrice { get; set; }
    public Dictionary<string, string> Attributes { get; set; } = [];
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    public List<Sku> Skus { get; init; } = [];
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(p => p.Code).HasMaxLength(64);
        builder.Property(p => p.Title).HasMaxLength(300);
        builder.Property(p => p.TitleEn).HasMaxLength(300);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.ImageUrl).HasMaxLength(1000);
        builder.Property(p => p.Aliases).HasJsonConversion();
        builder.Property(p => p.Attributes).HasJsonConversion();
        builder.HasIndex(p => new { p.ShopId, p.Code }).IsUnique();
        builder.HasIndex(p => new { p.ShopId, p.CategoryId });
        builder.HasOne<Shop>().WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(p => p.Skus).WithOne().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
