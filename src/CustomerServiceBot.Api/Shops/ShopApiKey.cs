using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Shops;

// Only the SHA-256 of the key is stored: keys carry 256 bits of randomness, so a fast
// hash is enough and lets the key be found by an index lookup on every request.
internal sealed class ShopApiKey
{
    public Guid Id { get; init; }
    public required string ShopId { get; init; }
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required byte[] Hash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; set; }
}

internal sealed class ShopApiKeyConfiguration : IEntityTypeConfiguration<ShopApiKey>
{
    public void Configure(EntityTypeBuilder<ShopApiKey> builder)
    {
        builder.ToTable("shop_api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Hash).HasMaxLength(32);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.ShopId);
        builder.HasOne<Shop>().WithMany().HasForeignKey(k => k.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
