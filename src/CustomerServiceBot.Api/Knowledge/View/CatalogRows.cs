using CustomerServiceBot.Api.Knowledge.Catalog;

namespace CustomerServiceBot.Api.Knowledge.View;

// Rows for a view straight from a catalog document, with ids numbered in document order. Lets fast
// tests and benchmarks build a view without a database; the import path goes through CatalogImporter.
internal static class CatalogRows
{
    public static KnowledgeRows FromCatalog(string shopId, CatalogDocument document, long version = 1)
    {
        long nextId = 0;
        var categories = (document.Categories ?? []).Select(c => new Category
        {
            Id = ++nextId, ShopId = shopId, Code = c.Code, Name = c.Name, NameEn = c.NameEn, Attributes = c.Attributes ?? [],
        }).ToList();
        var categoryIds = categories.ToDictionary(c => c.Code, c => c.Id);
        foreach (var (category, item) in categories.Zip(document.Categories ?? []))
        {
            category.ParentId = item.Parent is null ? null : categoryIds[item.Parent];
        }

        var products = new List<Product>();
        var skus = new List<Sku>();
        foreach (var item in document.Products ?? [])
        {
            var product = new Product
            {
                Id = ++nextId, ShopId = shopId, Code = item.Code, Title = item.Title, TitleEn = item.TitleEn,
                CategoryId = item.Category is null ? null : categoryIds[item.Category], Aliases = item.Aliases ?? [],
                Description = item.Description, ImageUrl = item.ImageUrl, ListPrice = item.ListPrice, Attributes = item.Attributes ?? [],
            };
            products.Add(product);
            skus.AddRange((item.Skus ?? []).Select(s => new Sku
            {
                Id = ++nextId, ShopId = shopId, ProductId = product.Id, Code = s.Code, Attributes = s.Attributes ?? [],
                Price = s.Price, Stock = s.Stock, Barcode = s.Barcode,
            }));
        }

        var productIds = products.ToDictionary(p => p.Code, p => p.Id);
        return new KnowledgeRows(
            shopId,
            version,
            document.Shop?.Currency ?? "CNY",
            categories,
            products,
            skus,
            (document.Relations ?? []).Select(r => new ProductRelation
            {
                Id = ++nextId, ShopId = shopId, FromProductId = productIds[r.From], ToProductId = productIds[r.To], Type = r.Type,
            }).ToList(),
            (document.SizeCharts ?? []).Select(c => new SizeChart
            {
                Id = ++nextId, ShopId = shopId, Code = c.Code, Name = c.Name, Note = c.Note, Categories = c.Categories ?? [], Rows = c.Rows ?? [],
            }).ToList(),
            (document.Policies ?? []).Select(p => new Policy
            {
                Id = ++nextId, ShopId = shopId, Kind = p.Kind, Title = p.Title, Content = p.Content, ContentEn = p.ContentEn,
                Data = p.Data is { ValueKind: System.Text.Json.JsonValueKind.Object } data ? data.GetRawText() : "{}",
            }).ToList(),
            (document.Faqs ?? []).Select((f, i) => new FaqEntry
            {
                Id = ++nextId, ShopId = shopId, Code = CatalogValidator.FaqCode(f, i), Questions = f.Questions ?? [], Answer = f.Answer, AnswerEn = f.AnswerEn,
            }).ToList(),
            (document.Promotions ?? []).Select(p =>
            {
                var promotion = new Promotion { Id = ++nextId, ShopId = shopId, Code = p.Code, Title = p.Title, Kind = p.Kind };
                CatalogImporter.Apply(promotion, p);
                return promotion;
            }).ToList(),
            []);
    }
}
