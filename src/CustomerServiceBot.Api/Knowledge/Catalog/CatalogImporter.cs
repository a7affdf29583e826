using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Knowledge.Catalog;

// Upserts a catalog by the merchant's own codes: importing the same document twice changes nothing.
// The caller owns the transaction, so a failed import leaves no half-written catalog.
internal sealed class CatalogImporter(BotDbContext db, TimeProvider clock)
{
    public async Task<CatalogImportSummary> ImportAsync(string shopId, CatalogDocument document, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var categories = await ImportCategoriesAsync(shopId, document.Categories ?? [], cancellationToken);

        var existing = await db.Products.Include(p => p.Skus)
            .Where(p => p.ShopId == shopId)
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
                    sku = new Sku { ShopId = shopId, Code = skuItem.Code };
                    product.Skus.Add(sku);
                }

                sku.Attributes = skuItem.Attributes ?? [];
                sku.Price = skuItem.Price;
                sku.Stock = skuItem.Stock;
                sku.Barcode = skuItem.Barcode;
                skuCount++;
            }
        }

        var policies = await db.Policies.Where(p => p.ShopId == shopId).ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var item in document.Policies ?? [])
        {
            if (!policies.TryGetValue(item.Kind, out var policy))
            {
                policy = new Policy { ShopId = shopId, Kind = item.Kind, Title = item.Title, Content = item.Content };
                db.Policies.Add(policy);
                policies[item.Kind] = policy;
            }

            policy.Title = item.Title;
            policy.Content = item.Content;
            policy.ContentEn = item.ContentEn;
            policy.Data = item.Data?.GetRawText() ?? "{}";
            policy.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CatalogImportSummary(categories.Count, document.Products?.Count ?? 0, skuCount, document.Policies?.Count ?? 0);
    }

    private async Task<Dictionary<string, Category>> ImportCategoriesAsync(
        string shopId, List<CatalogCategory> items, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.Where(c => c.ShopId == shopId)
            .ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
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

        return categories;
    }
}

public sealed record CatalogImportSummary(int Categories, int Products, int Skus, int Policies);
