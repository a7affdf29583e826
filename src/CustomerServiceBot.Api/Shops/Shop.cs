using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Shops;

internal sealed class Shop
{
    public const int IdMaxLength = 40;

    public required string Id { get; init; }
    public required string Name { get; set; }
    public string DefaultLanguage { get; set; } = "zh-CN";
    public string TimeZone { get; set; } = "Asia/Shanghai";
    public string Currency { get; set; } = "CNY";
    // How the bot calls itself and addresses buyers ("亲"), used by reply composition.
    public string BotName { get; set; } = "小助手";
    public string BuyerSalutation { get; set; } = "亲";
    // Intents the merchant wants a person to answer, always.
    public List<string> HumanOnlyIntents { get; set; } = [];
    public Recommendations.RecommendationSettings Recommendations { get; set; } = new();
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    // Bumped by every knowledge write; each replica compares it with its cached view before answering.
    public long KnowledgeVersion { get; set; }

    public List<PlatformAccount> PlatformAccounts { get; init; } = [];
}

internal sealed class ShopConfiguration : IEntityTypeConfiguration<Shop>
{
    public void Configure(EntityTypeBuilder<Shop> builder)
    {
        builder.ToTable("shops");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(Shop.IdMaxLength);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.DefaultLanguage).HasMaxLength(16);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.Property(s => s.BotName).HasMaxLength(40);
        builder.Property(s => s.BuyerSalutation).HasMaxLength(20);
        builder.Property(s => s.HumanOnlyIntents).HasJsonConversion();
        builder.Property(s => s.Recommendations).HasJsonRecordConversion(() => new Recommendations.RecommendationSettings());
        builder.HasMany(s => s.PlatformAccounts).WithOne().HasForeignKey(a => a.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}
