using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Knowledge;

internal sealed class FaqEntry
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    // The merchant's key for upserts; imports without one number the entries faq-1, faq-2, ...
    public required string Code { get; set; }
    // Ways buyers ask it, in any language; retrieval matches a message against every variant.
    public List<string> Questions { get; set; } = [];
    public required string Answer { get; set; }
    public string? AnswerEn { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class FaqEntryConfiguration : IEntityTypeConfiguration<FaqEntry>
{
    public void Configure(EntityTypeBuilder<FaqEntry> builder)
    {
        builder.ToTable("faq_entries");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(f => f.Code).HasMaxLength(64);
        builder.Property(f => f.Questions).HasJsonConversion();
        builder.Property(f => f.Answer).HasMaxLength(4000);
        builder.Property(f => f.AnswerEn).HasMaxLength(4000);
        builder.HasIndex(f => new { f.ShopId, f.Code }).IsUnique();
        builder.HasOne<Shop>().WithMany().HasForeignKey(f => f.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
