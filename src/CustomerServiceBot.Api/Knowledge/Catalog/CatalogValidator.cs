using System.Text.Json;
using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Knowledge.Catalog;

// What the database already holds that a document may refer to (parents, relation targets, SKU owners).
internal sealed record ExistingCatalog(
    IReadOnlyDictionary<string, string?> CategoryParents,
    IReadOnlySet<string> ProductCodes,
    IReadOnlyDictionary<string, string> SkuOwners)
{
    public static readonly ExistingCatalog Empty = new(new Dictionary<string, string?>(), new HashSet<string>(), new Dictionary<string, string>());

    // Loads only the rows the document can refer to, so a one-product PUT does not read the whole catalog.
    public static async Task<ExistingCatalog> LoadAsync(BotDbContext db, string shopId, CatalogDocument document, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().Where(c => c.ShopId == shopId)
            .Select(c => new { c.Id, c.Code, c.ParentId }).ToListAsync(cancellationToken);
        var codeById = categories.ToDictionary(c => c.Id, c => c.Code);
        var parents = categories.ToDictionary(c => c.Code, c => c.ParentId is { } parent ? codeById[parent] : null, StringComparer.Ordinal);

        var productCodes = (document.Products ?? []).Select(p => p.Code)
            .Concat((document.Relations ?? []).SelectMany(r => new[] { r.From, r.To }))
            .Concat((document.Promotions ?? []).SelectMany(p => p.ProductCodes ?? []))
            .Where(code => code is not null).Distinct().ToList();
        var products = await db.Products.AsNoTracking()
            .Where(p => p.ShopId == shopId && productCodes.Contains(p.Code)).Select(p => p.Code).ToListAsync(cancellationToken);

        var skuCodes = (document.Products ?? []).SelectMany(p => p.Skus ?? []).Select(s => s.Code).Where(code => code is not null).Distinct().ToList();
        var skus = await db.Skus.AsNoTracking()
            .Where(s => s.ShopId == shopId && skuCodes.Contains(s.Code))
            .Join(db.Products.Where(p => p.ShopId == shopId), s => s.ProductId, p => p.Id, (s, p) => new { s.Code, ProductCode = p.Code })
            .ToDictionaryAsync(s => s.Code, s => s.ProductCode, StringComparer.Ordinal, cancellationToken);

        return new ExistingCatalog(parents, products.ToHashSet(StringComparer.Ordinal), skus);
    }
}

// Every rule a catalog must satisfy, checked before anything is written. Import, dry-run and the
// single-node PUTs all go through here, so a rule lives in one place.
internal static class CatalogValidator
{
    public const int CodeMaxLength = 64;

    public static string FaqCode(CatalogFaq faq, int index) => string.IsNullOrWhiteSpace(faq.Code) ? $"faq-{index + 1}" : faq.Code;

    public static List<CatalogProblem> Validate(CatalogDocument document, ExistingCatalog existing)
    {
        var problems = new List<CatalogProblem>();
        void Add(string location, string message) => problems.Add(new CatalogProblem(location, message));

        var categoryParents = new Dictionary<string, string?>(existing.CategoryParents, StringComparer.Ordinal);
        var categoryCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (document.Categories?.Count ?? 0); i++)
        {
            var item = document.Categories![i];
            var at = $"/categories/{i}";
            if (item is null)
            {
                Add(at, "A category must be an object.");
                continue;
            }

            if (CheckCode(item.Code, at + "/code", "category", Add) && !categoryCodes.Add(item.Code))
            {
                Add(at + "/code", $"Duplicate category code '{item.Code}'.");
            }

            CheckText(item.Name, at + "/name", "name", 200, Add);
            CheckAttributes(item.Attributes, at + "/attributes", Add);
            if (item.Code is not null)
            {
                categoryParents[item.Code] = item.Parent;
            }
        }

        for (var i = 0; i < (document.Categories?.Count ?? 0); i++)
        {
            var item = document.Categories![i];
            if (item?.Code is null || item.Parent is null)
            {
                continue;
            }

            if (!categoryParents.ContainsKey(item.Parent))
            {
                Add($"/categories/{i}/parent", $"Parent category '{item.Parent}' does not exist.");
            }
            else if (FindCycle(item.Code, categoryParents) is { } cycle)
            {
                Add($"/categories/{i}/parent", $"Category tree has a cycle: {string.Join(" → ", cycle)}.");
            }
        }

        var productCodes = new HashSet<string>(existing.ProductCodes, StringComparer.Ordinal);
        var documentProducts = new HashSet<string>(StringComparer.Ordinal);
        var skuOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (document.Products?.Count ?? 0); i++)
        {
            var item = document.Products![i];
            var at = $"/products/{i}";
            if (item is null)
            {
                Add(at, "A product must be an object.");
                continue;
            }

            if (CheckCode(item.Code, at + "/code", "product", Add))
            {
                if (!documentProducts.Add(item.Code))
                {
                    Add(at + "/code", $"Duplicate product code '{item.Code}'.");
                }

                productCodes.Add(item.Code);
            }

            CheckText(item.Title, at + "/title", "title", 300, Add);
            CheckOptionalText(item.TitleEn, at + "/titleEn", "titleEn", 300, Add);
            CheckOptionalText(item.Description, at + "/description", "description", 4000, Add);
            CheckOptionalText(item.ImageUrl, at + "/imageUrl", "imageUrl", 1000, Add);
            if (item.ListPrice < 0)
            {
                Add(at + "/listPrice", $"List price must not be negative (got {item.ListPrice}).");
            }

            if (item.Category is not null && !categoryParents.ContainsKey(item.Category))
            {
                Add(at + "/category", $"Category '{item.Category}' does not exist.");
            }

            for (var a = 0; a < (item.Aliases?.Count ?? 0); a++)
            {
                if (string.IsNullOrWhiteSpace(item.Aliases![a]))
                {
                    Add($"{at}/aliases/{a}", "An alias must not be empty.");
                }
            }

            CheckAttributes(item.Attributes, at + "/attributes", Add);
            for (var s = 0; s < (item.Skus?.Count ?? 0); s++)
            {
                var sku = item.Skus![s];
                var skuAt = $"{at}/skus/{s}";
                if (sku is null)
                {
                    Add(skuAt, "A SKU must be an object.");
                    continue;
                }

                if (CheckCode(sku.Code, skuAt + "/code", "SKU", Add))
                {
                    if (skuOwners.TryGetValue(sku.Code, out var owner))
                    {
                        Add(skuAt + "/code", $"Duplicate SKU code '{sku.Code}' (also under product '{owner}').");
                    }
                    else if (item.Code is not null && existing.SkuOwners.TryGetValue(sku.Code, out var stored) && stored != item.Code)
                    {
                        Add(skuAt + "/code", $"SKU code '{sku.Code}' already belongs to product '{stored}'.");
                    }

                    skuOwners.TryAdd(sku.Code, item.Code ?? "");
                }

                if (sku.Price < 0)
                {
                    Add(skuAt + "/price", $"Price must not be negative (got {sku.Price}).");
                }

                if (sku.Stock < 0)
                {
                    Add(skuAt + "/stock", $"Stock must not be negative (got {sku.Stock}).");
                }

                CheckOptionalText(sku.Barcode, skuAt + "/barcode", "barcode", 32, Add);
                CheckAttributes(sku.Attributes, skuAt + "/attributes", Add);
            }
        }

        var relations = new HashSet<(string, string, string)>();
        for (var i = 0; i < (document.Relations?.Count ?? 0); i++)
        {
            var item = document.Relations![i];
            var at = $"/relations/{i}";
            if (item is null)
            {
                Add(at, "A relation must be an object.");
                continue;
            }

            if (!RelationTypes.All.Contains(item.Type))
            {
                Add(at + "/type", $"Relation type '{item.Type}' is not one of: {string.Join(", ", RelationTypes.All)}.");
            }

            if (item.From is null || !productCodes.Contains(item.From))
            {
                Add(at + "/from", $"Relation source product '{item.From}' does not exist.");
            }

            if (item.To is null || !productCodes.Contains(item.To))
            {
                Add(at + "/to", $"Relation target product '{item.To}' does not exist.");
            }

            if (item.From is not null && item.From == item.To)
            {
                Add(at + "/to", "A product cannot be related to itself.");
            }

            if (!relations.Add((item.From ?? "", item.To ?? "", item.Type ?? "")))
            {
                Add(at, $"Duplicate relation {item.From} {item.Type} {item.To}.");
            }
        }

        var chartCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (document.SizeCharts?.Count ?? 0); i++)
        {
            var item = document.SizeCharts![i];
            var at = $"/sizeCharts/{i}";
            if (item is null)
            {
                Add(at, "A size chart must be an object.");
                continue;
            }

            if (CheckCode(item.Code, at + "/code", "size chart", Add) && !chartCodes.Add(item.Code))
            {
                Add(at + "/code", $"Duplicate size chart code '{item.Code}'.");
            }

            CheckText(item.Name, at + "/name", "name", 200, Add);
            CheckOptionalText(item.Note, at + "/note", "note", 2000, Add);
            for (var c = 0; c < (item.Categories?.Count ?? 0); c++)
            {
                if (item.Categories![c] is not { } category || !categoryParents.ContainsKey(category))
                {
                    Add($"{at}/categories/{c}", $"Category '{item.Categories[c]}' does not exist.");
                }
            }

            if (item.Rows is not { Count: > 0 })
            {
                Add(at + "/rows", "A size chart needs at least one row.");
                continue;
            }

            for (var r = 0; r < item.Rows.Count; r++)
            {
                var row = item.Rows[r];
                var rowAt = $"{at}/rows/{r}";
                if (row is null || string.IsNullOrWhiteSpace(row.Size))
                {
                    Add(rowAt + "/size", "Size is required.");
                    continue;
                }

                CheckRange(row.HeightMinCm, row.HeightMaxCm, rowAt + "/heightMinCm", "height", Add);
                CheckRange(row.WeightMinKg, row.WeightMaxKg, rowAt + "/weightMinKg", "weight", Add);
            }
        }

        var policyKinds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (document.Policies?.Count ?? 0); i++)
        {
            var item = document.Policies![i];
            var at = $"/policies/{i}";
            if (item is null)
            {
                Add(at, "A policy must be an object.");
                continue;
            }

            if (!PolicyKinds.All.Contains(item.Kind))
            {
                Add(at + "/kind", $"Policy kind '{item.Kind}' is not one of: {string.Join(", ", PolicyKinds.All)}.");
            }
            else if (!policyKinds.Add(item.Kind))
            {
                Add(at + "/kind", $"Duplicate policy kind '{item.Kind}'.");
            }

            CheckText(item.Title, at + "/title", "title", 200, Add);
            CheckText(item.Content, at + "/content", "content", 8000, Add);
            CheckOptionalText(item.ContentEn, at + "/contentEn", "contentEn", 8000, Add);
            if (item.Data is { } data && data.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                Add(at + "/data", "Policy data must be a JSON object.");
            }
        }

        var faqCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (document.Faqs?.Count ?? 0); i++)
        {
            var item = document.Faqs![i];
            var at = $"/faqs/{i}";
            if (item is null)
            {
                Add(at, "An FAQ entry must be an object.");
                continue;
            }

            var code = FaqCode(item, i);
            if (CheckCode(code, at + "/code", "FAQ", Add) && !faqCodes.Add(code))
            {
                Add(at + "/code", $"Duplicate FAQ code '{code}'.");
            }

            if (item.Questions is not { Count: > 0 } || item.Questions.Any(string.IsNullOrWhiteSpace))
            {
                Add(at + "/questions", "An FAQ entry needs at least one question, and no empty ones.");
            }

            CheckText(item.Answer, at + "/answer", "answer", 4000, Add);
            CheckOptionalText(item.AnswerEn, at + "/answerEn", "answerEn", 4000, Add);
        }

        var promotionCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (document.Promotions?.Count ?? 0); i++)
        {
            var item = document.Promotions![i];
            var at = $"/promotions/{i}";
            if (item is null)
            {
                Add(at, "A promotion must be an object.");
                continue;
            }

            if (CheckCode(item.Code, at + "/code", "promotion", Add) && !promotionCodes.Add(item.Code))
            {
                Add(at + "/code", $"Duplicate promotion code '{item.Code}'.");
            }

            CheckText(item.Title, at + "/title", "title", 200, Add);
            if (!PromotionKinds.All.Contains(item.Kind))
            {
                Add(at + "/kind", $"Promotion kind '{item.Kind}' is not one of: {string.Join(", ", PromotionKinds.All)}.");
            }

            if (item.ThresholdAmount < 0)
            {
                Add(at + "/thresholdAmount", $"Threshold must not be negative (got {item.ThresholdAmount}).");
            }

            if (item.DiscountAmount < 0)
            {
                Add(at + "/discountAmount", $"Discount must not be negative (got {item.DiscountAmount}).");
            }

            if (item.Kind == PromotionKinds.PercentOffMulti && item.PercentOff is not (> 0 and < 100))
            {
                Add(at + "/percentOff", "A percent_off_multi promotion needs percentOff between 1 and 99.");
            }

            if (item.EndsAt <= item.StartsAt)
            {
                Add(at + "/endsAt", "endsAt must be after startsAt.");
            }

            for (var p = 0; p < (item.ProductCodes?.Count ?? 0); p++)
            {
                if (item.ProductCodes![p] is not { } code || !productCodes.Contains(code))
                {
                    Add($"{at}/productCodes/{p}", $"Product '{item.ProductCodes[p]}' does not exist.");
                }
            }
        }

        return problems;
    }

    // The path from a category up to the first repeated code, or null when its ancestry ends at a root.
    private static List<string>? FindCycle(string start, IReadOnlyDictionary<string, string?> parents)
    {
        var path = new List<string> { start };
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var current = start;
        while (parents.TryGetValue(current, out var parent) && parent is not null)
        {
            path.Add(parent);
            if (!seen.Add(parent))
            {
                return path;
            }

            current = parent;
        }

        return null;
    }

    private static bool CheckCode(string? code, string at, string what, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            add(at, $"A {what} code is required.");
            return false;
        }

        if (code.Length > CodeMaxLength || code.Trim() != code)
        {
            add(at, $"The {what} code '{code}' must be at most {CodeMaxLength} characters without surrounding spaces.");
            return false;
        }

        return true;
    }

    private static void CheckText(string? value, string at, string name, int maxLength, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            add(at, $"'{name}' is required.");
        }
        else if (value.Length > maxLength)
        {
            add(at, $"'{name}' must be at most {maxLength} characters (got {value.Length}).");
        }
    }

    private static void CheckOptionalText(string? value, string at, string name, int maxLength, Action<string, string> add)
    {
        if (value is not null && value.Length > maxLength)
        {
            add(at, $"'{name}' must be at most {maxLength} characters (got {value.Length}).");
        }
    }

    private static void CheckAttributes(Dictionary<string, string>? attributes, string at, Action<string, string> add)
    {
        foreach (var (key, value) in attributes ?? [])
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 64)
            {
                add(at, $"Attribute name '{key}' must be 1-64 characters.");
            }
            else if (value is null || value.Length > 1000)
            {
                add($"{at}/{key}", $"Attribute '{key}' needs a value of at most 1000 characters.");
            }
        }
    }

    private static void CheckRange(double? min, double? max, string at, string name, Action<string, string> add)
    {
        if (min < 0 || max < 0)
        {
            add(at, $"The {name} range must not be negative.");
        }
        else if (min > max)
        {
            add(at, $"The {name} range is inverted ({min} > {max}).");
        }
    }
}
