using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Understanding;

// A shop's own phrasing of an intent; the shop's model trains on the shipped corpus plus these.
internal sealed class ShopTrainingExample
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Text { get; set; }
    public required string Intent { get; set; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class ShopTrainingExampleConfiguration : IEntityTypeConfiguration<ShopTrainingExample>
{
    public void Configure(EntityTypeBuilder<ShopTrainingExample> builder)
    {
        builder.ToTable("training_examples");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(e => e.Text).HasMaxLength(500);
        builder.Property(e => e.Intent).HasMaxLength(64);
        builder.HasIndex(e => new { e.ShopId, e.Text }).IsUnique();
        builder.HasOne<Shop>().WithMany().HasForeignKey(e => e.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
