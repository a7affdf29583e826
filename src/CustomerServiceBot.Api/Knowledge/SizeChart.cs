using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Knowledge;

// Maps body ranges to sizes. Applies to the products of its categories (and their sub-categories),
// or to those whose inherited attribute "尺码表" names its code.
internal sealed class SizeChart
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? Note { get; set; }
    public List<string> Categories { get; set; } = [];
    public List<SizeChartRow> Rows { get; set; } = [];
}

// One size; ranges are inclusive, measurements are the body's (or the garment's, as the chart's note says) in cm.
public sealed record SizeChartRow(
    string Size,
    double? HeightMinCm,
    double? HeightMaxCm,
    double? WeightMinKg,
    double? WeightMaxKg,
    double? BustCm = null,
    double? WaistCm = null,
    double? HipCm = null,
    double? LengthCm = null);

internal sealed class SizeChartConfiguration : IEntityTypeConfiguration<SizeChart>
{
    public void Configure(EntityTypeBuilder<SizeChart> builder)
    {
        builder.ToTable("size_charts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(c => c.Code).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Note).HasMaxLength(2000);
        builder.Property(c => c.Categories).HasJsonConversion();
        builder.Property(c => c.Rows).HasJsonListConversion();
        builder.HasIndex(c => new { c.ShopId, c.Code }).IsUnique();
        builder.HasOne<Shop>().WithMany().HasForeignKey(c => c.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
