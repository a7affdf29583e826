using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Shops;

// The shop's identity on a store platform: a Shopify domain, a Chatwoot account id, a Douyin app key.
internal sealed class PlatformAccount
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Platform { get; init; }
    public required string ExternalId { get; set; }
    public string? DisplayName { get; set; }
    // Where replies are pushed for platforms that want them pushed (Chatwoot's base URL, for example).
    public string? ApiBaseUrl { get; set; }
    // The credential for calling the platform (Chatwoot: the Agent Bot's api_access_token). Stored
    // readable because every call needs it; the API never returns it.
    public string? AccessToken { get; set; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class PlatformAccountConfiguration : IEntityTypeConfiguration<PlatformAccount>
{
    public void Configure(EntityTypeBuilder<PlatformAccount> builder)
    {
        builder.ToTable("platform_accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(a => a.Platform).HasMaxLength(20);
        builder.Property(a => a.ExternalId).HasMaxLength(200);
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.ApiBaseUrl).HasMaxLength(500);
        builder.Property(a => a.AccessToken).HasMaxLength(500);
        builder.HasIndex(a => new { a.ShopId, a.Platform }).IsUnique();
        builder.HasIndex(a => new { a.Platform, a.ExternalId }).IsUnique();
    }
}
