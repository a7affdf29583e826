using CustomerServiceBot.Api.Knowledge;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustomerServiceBot.Api.Data;

internal sealed class BotDbContext(DbContextOptions<BotDbContext> options) : DbContext(options)
{
    public DbSet<Shop> Shops => Set<Shop>();
    public DbSet<ShopApiKey> ApiKeys => Set<ShopApiKey>();
    public DbSet<WebhookSecret> WebhookSecrets => Set<WebhookSecret>();
    public DbSet<PlatformAccount> PlatformAccounts => Set<PlatformAccount>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Sku> Skus => Set<Sku>();
    public DbSet<Policy> Policies => Set<Policy>();
    public DbSet<SizeChart> SizeCharts => Set<SizeChart>();
    public DbSet<FaqEntry> FaqEntries => Set<FaqEntry>();
    public DbSet<Promotion> Promotions => Set<Promotion>();
    public DbSet<ProductRelation> ProductRelations => Set<ProductRelation>();
    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();
    public DbSet<Understanding.ShopTrainingExample> TrainingExamples => Set<Understanding.ShopTrainingExample>();
    public DbSet<Understanding.ShopModel> ShopModels => Set<Understanding.ShopModel>();
    public DbSet<Conversations.Conversation> Conversations => Set<Conversations.Conversation>();
    public DbSet<Conversations.ConversationMessage> ConversationMessages => Set<Conversations.ConversationMessage>();

    public DbSet<Outbound.OutboxMessage> OutboxMessages => Set<Outbound.OutboxMessage>();
    public DbSet<Reminders.Order> Orders => Set<Reminders.Order>();
    public DbSet<Reminders.OrderEvent> OrderEvents => Set<Reminders.OrderEvent>();
    public DbSet<Reminders.ReminderRule> ReminderRules => Set<Reminders.ReminderRule>();
    public DbSet<Reminders.Reminder> Reminders => Set<Reminders.Reminder>();
    public DbSet<Buyers.BuyerProfile> BuyerProfiles => Set<Buyers.BuyerProfile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BotDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC. SQLite hands DateTime back as Unspecified, Npgsql refuses
        // non-UTC values for timestamptz: pin the kind on the way in and out for both.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
