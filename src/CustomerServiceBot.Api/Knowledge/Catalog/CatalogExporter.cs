using System.Text.Json;
using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Knowledge.Catalog;

// The shop's catalog in the import format: importing an export changes nothing.
internal static class CatalogExporter
{
    public static async Task<CatalogDocument> ExportAsync(BotDbContext db, string shopId, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.AsNoTracking().Where(s => s.Id == shopId)
            .Select(s => new CatalogShop(s.Name, null, s.Currency, s.DefaultLanguage, s.TimeZone)).SingleAsync(cancellationToken);
        var categoryCodes = await db.Categories.AsNoTracking().Where(c => c.ShopId == shopId)
            .ToDictionaryAsync(c => c.Id, c => c.Code, cancellationToken);
        var products = await db.Products.AsNoTracking().Include(p => p.Skus).Where(p => p.ShopId == shopId)
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var productCodes = products.ToDictionary(p => p.Id, p => p.Code);
        var relations = await db.ProductRelations.AsNoTracking().Where(r => r.ShopId == shopId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return new CatalogDocument(
            shop,
            await CategoriesAsync(db, shopId, cancellationToken),
            products.Select(p => ToCatalog(p, p.CategoryId is { } id ? categoryCodes[id] : null)).ToList(),
            relations.Select(r => new CatalogRelation(productCodes[r.FromProductId], productCodes[r.ToProductId], r.Type)).ToList(),
            await SizeChartsAsync(db, shopId, cancellationToken),
            await PoliciesAsync(db, shopId, cancellationToken),
            await FaqsAsync(db, shopId, cancellationToken),
            await PromotionsAsync(db, shopId, cancellationToken));
    }

    public static CatalogProduct ToCatalog(Product p, string? category) => new(
        p.Code, p.Title, p.TitleEn, category, p.Aliases, p.Description, p.ImageUrl, p.ListPrice, p.Attributes,
        p.Skus.OrderBy(s => s.Id).Select(s => new CatalogSku(s.Code, s.Attributes, s.Price, s.Stock, s.Barcode)).ToList());

    public static async Task<List<CatalogCategory>> CategoriesAsync(BotDbContext db, string shopId, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().Where(c => c.ShopId == shopId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var codes = categories.ToDictionary(c => c.Id, c => c.Code);
        return categories.Select(c => new CatalogCategory(c.Code, c.Name, c.NameEn, c.ParentId is { } parent ? codes[parent] : null, c.Attributes)).ToList();
    }

    public static async Task<List<CatalogSizeChart>> SizeChartsAsync(BotDbContext db, string shopId, CancellationToken cancellationToken) =>
        (await db.SizeCharts.AsNoTracking().Where(c => c.ShopId == shopId).OrderBy(c => c.Id).ToListAsync(cancellationToken))
            .Select(c => new CatalogSizeChart(c.Code, c.Name, c.Categories, c.Note, c.Rows)).ToList();

    public static async Task<List<CatalogPolicy>> PoliciesAsync(BotDbContext db, string shopId, CancellationToken cancellationToken) =>
        (await db.Policies.AsNoTracking().Where(p => p.ShopId == shopId).OrderBy(p => p.Id).ToListAsync(cancellationToken))
            .Select(p => new CatalogPolicy(p.Kind, p.Title, p.Content, p.ContentEn, JsonDocument.Parse(p.Data).RootElement.Clone())).ToList();

    public static async Task<List<CatalogFaq>> FaqsAsync(BotDbContext db, string shopId, CancellationToken cancellationToken) =>
        (await db.FaqEntries.AsNoTracking().Where(f => f.ShopId == shopId).OrderBy(f => f.Id).ToListAsync(cancellationToken))
            .Select(f => new CatalogFaq(f.Code, f.Questions, f.Answer, f.AnswerEn)).ToList();

    public static async Task<List<CatalogPromotion>> PromotionsAsync(BotDbContext db, string shopId, CancellationToken cancellationToken) =>
        (await db.Promotions.AsNoTracking().Where(p => p.ShopId == shopId).OrderBy(p => p.Id).ToListAsync(cancellationToken))
            .Select(p => new CatalogPromotion(p.Code, p.Title, p.TitleEn, p.Kind, p.ThresholdAmount, p.DiscountAmount, p.PercentOff, p.MinQuantity,
                p.StartsAt, p.EndsAt, p.ProductCodes, p.Description, p.DescriptionEn)).ToList();
}
