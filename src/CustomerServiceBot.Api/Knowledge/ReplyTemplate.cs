using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Knowledge;

// A merchant's wording for one answer kind and language, replacing the built-in template.
internal sealed class ReplyTemplate
{
    public long Id { get; init; }
    public required string ShopId { get; init; }
    public required string Kind { get; set; }
    public required string Language { get; set; }
    public required string Text { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> builder)
    {
        builder.ToTable("reply_templates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.ShopId).HasMaxLength(Shop.IdMaxLength);
        builder.Property(t => t.Kind).HasMaxLength(64);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Text).HasMaxLength(2000);
        builder.HasIndex(t => new { t.ShopId, t.Kind, t.Language }).IsUnique();
        builder.HasOne<Shop>().WithMany().HasForeignKey(t => t.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
