using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Shops;

internal sealed class DemoShopOptions : IValidatableObject
{
    public const string Section = "DemoShop";

    public bool Enabled { get; set; }

    [RegularExpression(ShopValidation.IdPattern)]
    public string ShopId { get; set; } = "demo";

    // Fixed keys so that README's curl examples work against a fresh Development instance.
    public string? AdminApiKey { get; set; }
    public string? WebhookSecret { get; set; }

    // Relative to the application's base directory, where the build copies data/.
    [Required]
    public string CatalogPath { get; set; } = "data/demo/catalog.json";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (AdminApiKey is null || !AdminApiKey.StartsWith(ApiKeys.ShopKeyPrefix, StringComparison.Ordinal) || AdminApiKey.Length < 24)
        {
            yield return new ValidationResult($"DemoShop:AdminApiKey must start with '{ApiKeys.ShopKeyPrefix}' and be at least 24 characters.", [nameof(AdminApiKey)]);
        }

        if (WebhookSecret is null || WebhookSecret.Length < 16)
        {
            yield return new ValidationResult("DemoShop:WebhookSecret must be at least 16 characters.", [nameof(WebhookSecret)]);
        }
    }
}

// Idempotent: the shop and its catalog are created once; the configured key and secret are
// added when missing. A merchant's later edits to the demo shop are kept across restarts.
internal sealed class DemoShopSeeder(
    BotDbContext db,
    CatalogImporter importer,
    IOptions<DemoShopOptions> options,
    TimeProvider clock,
    ILogger<DemoShopSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Shops.AnyAsync(s => s.Id == demo.ShopId, cancellationToken))
        {
            var catalog = await ReadCatalogAsync(demo.CatalogPath, cancellationToken);
            db.Shops.Add(new Shop
            {
                Id = demo.ShopId,
                Name = catalog.Shop?.Name ?? "Demo shop",
                Currency = catalog.Shop?.Currency ?? "CNY",
                DefaultLanguage = catalog.Shop?.Language ?? "zh-CN",
                TimeZone = catalog.Shop?.TimeZone ?? "Asia/Shanghai",
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            var summary = await importer.ImportAsync(demo.ShopId, catalog, cancellationToken);
            logger.LogInformation("Seeded demo shop {ShopId}: {Products} products, {Skus} SKUs", demo.ShopId, summary.Products, summary.Skus);
        }

        var keyHash = ApiKeys.Hash(demo.AdminApiKey!);
        if (!await db.ApiKeys.AnyAsync(k => k.Hash == keyHash, cancellationToken))
        {
            db.ApiKeys.Add(new ShopApiKey
            {
                Id = Guid.NewGuid(),
                ShopId = demo.ShopId,
                Name = "demo key from configuration",
                Prefix = ApiKeys.DisplayPrefix(demo.AdminApiKey!),
                Hash = keyHash,
                CreatedAt = now,
            });
        }

        if (!await db.WebhookSecrets.AnyAsync(s => s.ShopId == demo.ShopId && s.Secret == demo.WebhookSecret, cancellationToken))
        {
            db.WebhookSecrets.Add(new WebhookSecret
            {
                Id = Guid.NewGuid(),
                ShopId = demo.ShopId,
                Platform = Platforms.Generic,
                Name = "demo secret from configuration",
                Secret = demo.WebhookSecret!,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<CatalogDocument> ReadCatalogAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path, AppContext.BaseDirectory);
        await using var stream = File.OpenRead(fullPath);
        return await JsonSerializer.DeserializeAsync<CatalogDocument>(stream, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidDataException($"The demo catalog '{fullPath}' is empty.");
    }
}
