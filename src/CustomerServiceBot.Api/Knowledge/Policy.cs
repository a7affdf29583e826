using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Knowledge;

internal static class PolicyKinds
{
    public const string Shipping = "shipping";
    public const string Returns = "returns";
    public const string Exchange = "exchange";
    public const string Invoice = "invoice";
    public const string Warranty = "warranty";

    public static readonly IReadOnlyList<string> All = [Shipping, Returns, Exchange, Invoice, Warranty];
}

internal sealed class Policy
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string Content { get; set; }
    public string? ContentEn { get; set; }
    // Structured facts the answer service reads (dispatch hours, fees, remote areas...), as raw JSON.
    public string Data { get; set; } = "{}";
    public DateTime UpdatedAt { get; set; }
}

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<Policy>
{
    public void Configure(EntityTypeBuilder<Policy> builder)
    {
        builder.ToTable("policies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(p => p.Kind).HasMaxLength(20);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Content).HasMaxLength(8000);
        builder.Property(p => p.ContentEn).HasMaxLength(8000);
        builder.Property(p => p.Data).HasMaxLength(16000);
        builder.HasIndex(p => new { p.ShopId, p.Kind }).IsUnique();
        builder.HasOne<Shop>().WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
