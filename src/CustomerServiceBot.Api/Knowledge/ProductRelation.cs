using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Knowledge;

internal static class RelationTypes
{
    public const string AccessoryOf = "accessory_of";
    public const string CompatibleWith = "compatible_with";
    public const string SimilarTo = "similar_to";
    public const string BundleWith = "bundle_with";
    public const string UpgradeOf = "upgrade_of";

    public static readonly IReadOnlyList<string> All = [AccessoryOf, CompatibleWith, SimilarTo, BundleWith, UpgradeOf];
}

// A typed edge "From {type} To": a scarf accessory_of a coat, a cardigan bundle_with a dress.
internal sealed class ProductRelation
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public long FromProductId { get; set; }
    public long ToProductId { get; set; }
    public required string Type { get; set; }
}

internal sealed class ProductRelationConfiguration : IEntityTypeConfiguration<ProductRelation>
{
    public void Configure(EntityTypeBuilder<ProductRelation> builder)
    {
        builder.ToTable("product_relations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(r => r.Type).HasMaxLength(32);
        builder.HasIndex(r => new { r.ShopId, r.FromProductId, r.ToProductId, r.Type }).IsUnique();
        builder.HasIndex(r => r.ToProductId);
        builder.HasOne<Shop>().WithMany().HasForeignKey(r => r.ShopId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Product>().WithMany().HasForeignKey(r => r.FromProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(r => r.ToProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
