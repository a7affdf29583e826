using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Shops;

// Unlike API keys, webhook secrets must be readable: the service recomputes the platform's HMAC.
// Several can be active per shop and platform so a merchant can rotate without dropping deliveries.
internal sealed class WebhookSecret
{
    public Guid Id { get; init; }
    public required string ShopId { get; init; }
    public required string Platform { get; init; }
    public required string Name { get; init; }
    public required string Secret { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; set; }
}

internal sealed class WebhookSecretConfiguration : IEntityTypeConfiguration<WebhookSecret>
{
    public void Configure(EntityTypeBuilder<WebhookSecret> builder)
    {
        builder.ToTable("webhook_secrets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(s => s.Platform).HasMaxLength(20);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Secret).HasMaxLength(200);
        builder.HasIndex(s => new { s.ShopId, s.Platform });
        builder.HasOne<Shop>().WithMany().HasForeignKey(s => s.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
