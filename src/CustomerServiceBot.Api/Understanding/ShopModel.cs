using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Understanding;

// A trained per-shop intent model (the ML.NET zip with its metadata inside). Kept in the database,
// not on a replica's disk, so every replica serves the same model and a new one reaches them all.
internal sealed class ShopModel
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Version { get; init; }
    public required string CorpusSha256 { get; init; }
    public required byte[] Content { get; init; }
    public int TrainExamples { get; init; }
    public int ShopExamples { get; init; }
    public double TrainSeconds { get; init; }
    public DateTime CreatedAt { get; init; }
}

internal sealed class ShopModelConfiguration : IEntityTypeConfiguration<ShopModel>
{
    public void Configure(EntityTypeBuilder<ShopModel> builder)
    {
        builder.ToTable("shop_models");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(m => m.Version).HasMaxLength(100);
        builder.Property(m => m.CorpusSha256).HasMaxLength(64);
        builder.HasIndex(m => new { m.ShopId, m.Id });
        builder.HasOne<Shop>().WithMany().HasForeignKey(m => m.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
