using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Knowledge.Catalog;

// Upserts a validated catalog by the merchant's own codes: importing the same document twice changes
// nothing, and nothing is deleted (removal goes through the node routes). The caller owns the
// transaction and validates first (CatalogValidator), so a failed import leaves no half-written catalog.
internal sealed class CatalogImporter(BotDbContext db, TimeProvider clock)
{
    public async Task<CatalogImportSummary> ImportAsync(string shopId, CatalogDocument document, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var categories = await ImportCategoriesAsync(shopId, document.Categories ?? [], cancellationToken);

        var codes = (document.Products ?? []).Select(p => p.Code).ToList();
        var existing = await db.Products.Include(p => p.Skus)
            .Where(p => p.ShopId == shopId && codes.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
        var skuCount = 0;
        foreach (var item in document.Products ?? [])
        {
            if (!existing.TryGetValue(item.Code, out var product))
            {
                product = new Product { ShopId = shopId, Code = item.Code, Title = item.Title, CreatedAt = now };
                db.Products.Add(product);
                existing[item.Code] = product;
            }

            Apply(product, item, categories, now);
            skuCount += item.Skus?.Count ?? 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        var relationCount = await ImportRelationsAsync(shopId, document.Relations ?? [], cancellationToken);
        ImportSizeCharts(shopId, document.SizeCharts ?? [], await db.SizeCharts.Where(c => c.ShopId == shopId).ToListAsync(cancellationToken));
        ImportPolicies(shopId, document.Policies ?? [], await db.Policies.Where(p => p.ShopId == shopId).ToListAsync(cancellationToken), now);
        ImportFaqs(shopId, document.Faqs ?? [], await db.FaqEntries.Where(f => f.ShopId == shopId).ToListAsync(cancellationToken), now);
        ImportPromotions(shopId, document.Promotions ?? [], await db.Promotions.Where(p => p.ShopId == shopId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);

        return new CatalogImportSummary(
            categories.Count(c => document.Categories?.Any(i => i.Code == c.Key) == true),
            document.Products?.Count ?? 0,
            skuCount,
            relationCount,
            document.SizeCharts?.Count ?? 0,
            document.Policies?.Count ?? 0,
            document.Faqs?.Count ?? 0,
            document.Promotions?.Count ?? 0);
    }

    // Writes one product's fields and upserts its listed SKUs (SKUs it does not list are kept).
    public static void Apply(Product product, CatalogProduct item, IReadOnlyDictionary<string, Category> categories, DateTime now)
    {
        product.Title = item.Title;
        product.TitleEn = item.TitleEn;
        product.CategoryId = item.Category is null ? null : categories[item.Category].Id;
        product.Aliases = item.Aliases ?? [];
        product.Description = item.Description;
        product.ImageUrl = item.ImageUrl;
        product.ListPrice = item.ListPrice;
        product.Attributes = item.Attributes ?? [];
        product.UpdatedAt = now;

        var skus = product.Skus.ToDictionary(s => s.Code, StringComparer.Ordinal);
        foreach (var skuItem in item.Skus ?? [])
        {
            if (!skus.TryGetValue(skuItem.Code, out var sku))
            {
                sku = new Sku { ShopId = product.ShopId, Code = skuItem.Code };
                product.Skus.Add(sku);
                skus[skuItem.Code] = sku;
            }

            sku.Attributes = skuItem.Attributes ?? [];
            sku.Price = skuItem.Price;
            sku.Stock = skuItem.Stock;
            sku.Barcode = skuItem.Barcode;
        }
    }

    public async Task<Dictionary<string, Category>> ImportCategoriesAsync(
        string shopId, List<CatalogCategory> items, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.Where(c => c.ShopId == shopId)
            .ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        if (items.Count == 0)
        {
            return categories;
        }

        foreach (var item in items)
        {
            if (!categories.TryGetValue(item.Code, out var category))
            {
                category = new Category { ShopId = shopId, Code = item.Code, Name = item.Name };
                db.Categories.Add(category);
                categories[item.Code] = category;
            }

            category.Name = item.Name;
            category.NameEn = item.NameEn;
            category.Attributes = item.Attributes ?? [];
        }

        // Parents are linked once every category has an id.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var item in items)
        {
            categories[item.Code].ParentId = item.Parent is null ? null : categories[item.Parent].Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return categories;
    }

    private async Task<int> ImportRelationsAsync(string shopId, List<CatalogRelation> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        var codes = items.SelectMany(r => new[] { r.From, r.To }).Distinct().ToList();
        var ids = await db.Products.AsNoTracking().Where(p => p.ShopId == shopId && codes.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, p => p.Id, StringComparer.Ordinal, cancellationToken);
        var stored = (await db.ProductRelations.AsNoTracking().Where(r => r.ShopId == shopId)
                .Select(r => new { r.FromProductId, r.ToProductId, r.Type }).ToListAsync(cancellationToken))
            .Select(r => (r.FromProductId, r.ToProductId, r.Type)).ToHashSet();
        foreach (var item in items)
        {
            var key = (ids[item.From], ids[item.To], item.Type);
            if (stored.Add(key))
            {
                db.ProductRelations.Add(new ProductRelation { ShopId = shopId, FromProductId = key.Item1, ToProductId = key.Item2, Type = item.Type });
            }
        }

        return items.Count;
    }

    private void ImportSizeCharts(string shopId, List<CatalogSizeChart> items, List<SizeChart> stored)
    {
        var byCode = stored.ToDictionary(c => c.Code, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!byCode.TryGetValue(item.Code, out var chart))
            {
                chart = new SizeChart { ShopId = shopId, Code = item.Code, Name = item.Name };
                db.SizeCharts.Add(chart);
                byCode[item.Code] = chart;
            }

            chart.Name = item.Name;
            chart.Note = item.Note;
            chart.Categories = item.Categories ?? [];
            chart.Rows = item.Rows ?? [];
        }
    }

    private void ImportPolicies(string shopId, List<CatalogPolicy> items, List<Policy> stored, DateTime now)
    {
        var byKind = stored.ToDictionary(p => p.Kind, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!byKind.TryGetValue(item.Kind, out var policy))
            {
                policy = new Policy { ShopId = shopId, Kind = item.Kind, Title = item.Title, Content = item.Content };
                db.Policies.Add(policy);
                byKind[item.Kind] = policy;
            }

            var data = item.Data is { ValueKind: System.Text.Json.JsonValueKind.Object } json ? json.GetRawText() : "{}";
            if (policy.Title != item.Title || policy.Content != item.Content || policy.ContentEn != item.ContentEn || policy.Data != data)
            {
                policy.Title = item.Title;
                policy.Content = item.Content;
                policy.ContentEn = item.ContentEn;
                policy.Data = data;
                policy.UpdatedAt = now;
            }
        }
    }

    private void ImportFaqs(string shopId, List<CatalogFaq> items, List<FaqEntry> stored, DateTime now)
    {
        var byCode = stored.ToDictionary(f => f.Code, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var code = CatalogValidator.FaqCode(item, i);
            if (!byCode.TryGetValue(code, out var faq))
            {
                faq = new FaqEntry { ShopId = shopId, Code = code, Answer = item.Answer };
                db.FaqEntries.Add(faq);
                byCode[code] = faq;
            }

            var questions = item.Questions ?? [];
            if (!faq.Questions.SequenceEqual(questions) || faq.Answer != item.Answer || faq.AnswerEn != item.AnswerEn)
            {
                faq.Questions = questions;
                faq.Answer = item.Answer;
                faq.AnswerEn = item.AnswerEn;
                faq.UpdatedAt = now;
            }
        }
    }

    private void ImportPromotions(string shopId, List<CatalogPromotion> items, List<Promotion> stored)
    {
        var byCode = stored.ToDictionary(p => p.Code, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!byCode.TryGetValue(item.Code, out var promotion))
            {
                promotion = new Promotion { ShopId = shopId, Code = item.Code, Title = item.Title, Kind = item.Kind };
                db.Promotions.Add(promotion);
                byCode[item.Code] = promotion;
            }

            Apply(promotion, item);
        }
    }

    public static void Apply(Promotion promotion, CatalogPromotion item)
    {
        promotion.Title = item.Title;
        promotion.TitleEn = item.TitleEn;
        promotion.Kind = item.Kind;
        promotion.ThresholdAmount = item.ThresholdAmount;
        promotion.DiscountAmount = item.DiscountAmount;
        promotion.PercentOff = item.PercentOff;
        promotion.MinQuantity = item.MinQuantity;
        promotion.StartsAt = item.StartsAt.ToUniversalTime();
        promotion.EndsAt = item.EndsAt.ToUniversalTime();
        promotion.ProductCodes = item.ProductCodes ?? [];
        promotion.Description = item.Description;
        promotion.DescriptionEn = item.DescriptionEn;
    }
}
