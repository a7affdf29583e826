using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Knowledge.Answers;
using CustomerServiceBot.Api.Knowledge.Catalog;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Knowledge;

// CRUD for the graph's nodes, addressed by the merchant's own codes. A PUT body has the shape of the
// node in the catalog JSON and goes through the same validation and upsert as a catalog import.
internal static class KnowledgeEndpoints
{
    public static RouteGroupBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/knowledge").WithTags("Knowledge");

        group.MapGet("/categories", ListCategories).WithName("ListCategories")
            .WithSummary("List the category tree (parents by code)");
        group.MapPut("/categories/{code}", PutCategory).WithName("PutCategory")
            .WithSummary("Create or replace a category (attributes are inherited by its products)")
            .WithRequestExample(new CatalogCategory("W-DRS", "连衣裙", "Dresses", "W", new() { ["洗涤方式"] = "建议30℃以下冷水手洗" }));
        group.MapDelete("/categories/{code}", DeleteCategory).WithName("DeleteCategory")
            .WithSummary("Delete a category without sub-categories (its products become uncategorised)");

        group.MapGet("/products", ListProducts).WithName("ListProducts")
            .WithSummary("List products with SKU count, price range and total stock (paged; ?category=)");
        group.MapGet("/products/{code}", GetProduct).WithName("GetProduct")
            .WithSummary("Get a product with its SKUs in the import format");
        group.MapPut("/products/{code}", PutProduct).WithName("PutProduct")
            .WithSummary("Create or update a product and the SKUs it lists (SKUs it does not list are kept)")
            .WithRequestExample(new CatalogProduct("WD-1001", "法式复古红色茶歇连衣裙", "French Vintage Red Tea Dress", "W-DRS", ["红色茶歇裙"], null, null, 25900,
                new() { ["面料"] = "72%醋酸纤维 28%聚酯纤维" }, [new CatalogSku("WD-1001-RED-S", new() { ["颜色"] = "红色", ["尺码"] = "S" }, 25900, 129, "6924681000019")]));
        group.MapDelete("/products/{code}", DeleteProduct).WithName("DeleteProduct")
            .WithSummary("Delete a product with its SKUs and relations");

        group.MapGet("/skus/{code}", GetSku).WithName("GetSku")
            .WithSummary("Get a SKU");
        group.MapPut("/skus/{code}", PutSku).WithName("PutSku")
            .WithSummary("Create or update a SKU of a product")
            .WithRequestExample(new SkuRequest("WD-1001", new() { ["颜色"] = "红色", ["尺码"] = "M" }, 25900, 3, "6924681000026"));
        group.MapDelete("/skus/{code}", DeleteSku).WithName("DeleteSku")
            .WithSummary("Delete a SKU");

        group.MapGet("/relations", ListRelations).WithName("ListRelations")
            .WithSummary("List typed product relations");
        group.MapPost("/relations", CreateRelation).WithName("CreateRelation")
            .WithSummary("Relate two products (accessory_of, compatible_with, similar_to, bundle_with, upgrade_of)")
            .WithRequestExample(new CatalogRelation("AS-7001", "WC-3002", RelationTypes.AccessoryOf));
        group.MapDelete("/relations/{id:long}", DeleteRelation).WithName("DeleteRelation")
            .WithSummary("Delete a relation");

        group.MapGet("/size-charts", ListSizeCharts).WithName("ListSizeCharts")
            .WithSummary("List size charts");
        group.MapPut("/size-charts/{code}", PutSizeChart).WithName("PutSizeChart")
            .WithSummary("Create or replace a size chart (height/weight ranges to sizes)");
        group.MapDelete("/size-charts/{code}", DeleteSizeChart).WithName("DeleteSizeChart")
            .WithSummary("Delete a size chart");

        group.MapGet("/policies", ListPolicies).WithName("ListPolicies")
            .WithSummary("List policies (shipping, returns, exchange, invoice, warranty) with their structured data");
        group.MapPut("/policies/{kind}", PutPolicy).WithName("PutPolicy")
            .WithSummary("Create or replace the policy of one kind");
        group.MapDelete("/policies/{kind}", DeletePolicy).WithName("DeletePolicy")
            .WithSummary("Delete a policy");

        group.MapGet("/faqs", ListFaqs).WithName("ListFaqs")
            .WithSummary("List FAQ entries");
        group.MapPut("/faqs/{code}", PutFaq).WithName("PutFaq")
            .WithSummary("Create or replace an FAQ entry (question variants and answers)")
            .WithRequestExample(new CatalogFaq(null, ["能开发票吗", "Can I get an invoice?"], "可以开电子普通发票。", "Yes, electronic invoices."));
        group.MapDelete("/faqs/{code}", DeleteFaq).WithName("DeleteFaq")
            .WithSummary("Delete an FAQ entry");

        group.MapGet("/promotions", ListPromotions).WithName("ListPromotions")
            .WithSummary("List promotions and coupons");
        group.MapPut("/promotions/{code}", PutPromotion).WithName("PutPromotion")
            .WithSummary("Create or replace a promotion or coupon");
        group.MapDelete("/promotions/{code}", DeletePromotion).WithName("DeletePromotion")
            .WithSummary("Delete a promotion");

        return group;
    }

    private static async Task<Ok<List<CatalogCategory>>> ListCategories(string shopId, BotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CatalogExporter.CategoriesAsync(db, shopId, cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> PutCategory(
        string shopId, string code, CatalogCategory body, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var document = Empty with { Categories = [body with { Code = code }] };
        var problems = await writer.UpsertAsync(shopId, document, dryRun: false, cancellationToken);
        return problems.Count > 0 ? KnowledgeWriter.Invalid(problems, "/categories/0") : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteCategory(
        string shopId, string code, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().Where(c => c.ShopId == shopId && c.Code == code).Select(c => (long?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (category is null)
        {
            return Problems.NotFound($"Category '{code}' was not found.");
        }

        if (await db.Categories.AnyAsync(c => c.ShopId == shopId && c.ParentId == category, cancellationToken))
        {
            return Problems.Conflict($"Category '{code}' has sub-categories; move or delete them first.");
        }

        await writer.ChangeAsync(shopId, async token =>
        {
            await db.Products.Where(p => p.ShopId == shopId && p.CategoryId == category)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.CategoryId, (long?)null), token);
            return await db.Categories.Where(c => c.ShopId == shopId && c.Id == category).ExecuteDeleteAsync(token);
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<ProductSummary>>> ListProducts(
        string shopId, BotDbContext db, CancellationToken cancellationToken, int offset = 0, int limit = 50, string? category = null)
    {
        limit = Math.Clamp(limit, 1, 500);
        var query = db.Products.AsNoTracking().Where(p => p.ShopId == shopId);
        if (category is not null)
        {
            query = query.Where(p => db.Categories.Any(c => c.ShopId == shopId && c.Id == p.CategoryId && c.Code == category));
        }

        var products = await query.OrderBy(p => p.Code).Skip(Math.Max(offset, 0)).Take(limit)
            .Select(p => new ProductSummary(
                p.Id,
                p.Code,
                p.Title,
                db.Categories.Where(c => c.ShopId == shopId && c.Id == p.CategoryId).Select(c => c.Code).FirstOrDefault(),
                p.Skus.Count,
                p.Skus.Select(s => (long?)s.Price).Min() ?? p.ListPrice,
                p.Skus.Select(s => (long?)s.Price).Max() ?? p.ListPrice,
                p.Skus.Sum(s => s.Stock)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(products);
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetProduct(
        string shopId, string code, BotDbContext db, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Skus).SingleOrDefaultAsync(p => p.ShopId == shopId && p.Code == code, cancellationToken);
        if (product is null)
        {
            return Problems.NotFound($"Product '{code}' was not found.");
        }

        var category = product.CategoryId is null ? null
            : await db.Categories.AsNoTracking().Where(c => c.ShopId == shopId && c.Id == product.CategoryId).Select(c => c.Code).SingleAsync(cancellationToken);
        return TypedResults.Ok(new ProductResponse(product.Id, CatalogExporter.ToCatalog(product, category)));
    }

    private static async Task<Results<NoContent, ValidationProblem>> PutProduct(
        string shopId, string code, CatalogProduct body, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var problems = await writer.UpsertAsync(shopId, Empty with { Products = [body with { Code = code }] }, dryRun: false, cancellationToken);
        return problems.Count > 0 ? KnowledgeWriter.Invalid(problems, "/products/0") : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteProduct(
        string shopId, string code, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var deleted = await writer.ChangeAsync(shopId, async token =>
        {
            var ids = db.Products.Where(p => p.ShopId == shopId && p.Code == code).Select(p => p.Id);
            await db.ProductRelations.Where(r => r.ShopId == shopId && (ids.Contains(r.FromProductId) || ids.Contains(r.ToProductId))).ExecuteDeleteAsync(token);
            await db.Skus.Where(s => s.ShopId == shopId && ids.Contains(s.ProductId)).ExecuteDeleteAsync(token);
            return await db.Products.Where(p => p.ShopId == shopId && p.Code == code).ExecuteDeleteAsync(token);
        }, cancellationToken);
        return deleted == 0 ? Problems.NotFound($"Product '{code}' was not found.") : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SkuResponse>, ProblemHttpResult>> GetSku(string shopId, string code, BotDbContext db, CancellationToken cancellationToken)
    {
        var sku = await db.Skus.AsNoTracking().Where(s => s.ShopId == shopId && s.Code == code)
            .Join(db.Products.Where(p => p.ShopId == shopId), s => s.ProductId, p => p.Id, (s, p) => new { Sku = s, ProductCode = p.Code })
            .SingleOrDefaultAsync(cancellationToken);
        return sku is null
            ? Problems.NotFound($"SKU '{code}' was not found.")
            : TypedResults.Ok(new SkuResponse(sku.Sku.Id, sku.ProductCode, new CatalogSku(sku.Sku.Code, sku.Sku.Attributes, sku.Sku.Price, sku.Sku.Stock, sku.Sku.Barcode)));
    }

    private static async Task<Results<NoContent, ValidationProblem>> PutSku(
        string shopId, string code, SkuRequest body, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().Include(p => p.Skus).SingleOrDefaultAsync(p => p.ShopId == shopId && p.Code == body.ProductCode, cancellationToken);
        if (product is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["productCode"] = [$"Product '{body.ProductCode}' does not exist."] });
        }

        var category = product.CategoryId is null ? null
            : await db.Categories.AsNoTracking().Where(c => c.ShopId == shopId && c.Id == product.CategoryId).Select(c => c.Code).SingleAsync(cancellationToken);
        var item = CatalogExporter.ToCatalog(product, category) with { Skus = [new CatalogSku(code, body.Attributes, body.Price, body.Stock, body.Barcode)] };
        var problems = await writer.UpsertAsync(shopId, Empty with { Products = [item] }, dryRun: false, cancellationToken);
        return problems.Count > 0 ? KnowledgeWriter.Invalid(problems, "/products/0/skus/0") : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSku(
        string shopId, string code, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var deleted = await writer.ChangeAsync(shopId, token => db.Skus.Where(s => s.ShopId == shopId && s.Code == code).ExecuteDeleteAsync(token), cancellationToken);
        return deleted == 0 ? Problems.NotFound($"SKU '{code}' was not found.") : TypedResults.NoContent();
    }

    private static async Task<Ok<List<RelationResponse>>> ListRelations(string shopId, BotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.ProductRelations.AsNoTracking().Where(r => r.ShopId == shopId).OrderBy(r => r.Id)
            .Select(r => new RelationResponse(
                r.Id,
                db.Products.Where(p => p.ShopId == shopId && p.Id == r.FromProductId).Select(p => p.Code).First(),
                db.Products.Where(p => p.ShopId == shopId && p.Id == r.ToProductId).Select(p => p.Code).First(),
                r.Type))
            .ToListAsync(cancellationToken));

    private static async Task<Results<Created<RelationResponse>, ValidationProblem>> CreateRelation(
        string shopId, CatalogRelation body, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var problems = await writer.UpsertAsync(shopId, Empty with { Relations = [body] }, dryRun: false, cancellationToken);
        if (problems.Count > 0)
        {
            return KnowledgeWriter.Invalid(problems, "/relations/0");
        }

        var id = await db.ProductRelations.AsNoTracking()
            .Where(r => r.ShopId == shopId && r.Type == body.Type
                && db.Products.Any(p => p.ShopId == shopId && p.Id == r.FromProductId && p.Code == body.From)
                && db.Products.Any(p => p.ShopId == shopId && p.Id == r.ToProductId && p.Code == body.To))
            .Select(r => r.Id).SingleAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/shops/{shopId}/knowledge/relations/{id}", new RelationResponse(id, body.From, body.To, body.Type));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteRelation(
        string shopId, long id, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var deleted = await writer.ChangeAsync(shopId, token => db.ProductRelations.Where(r => r.ShopId == shopId && r.Id == id).ExecuteDeleteAsync(token), cancellationToken);
        return deleted == 0 ? Problems.NotFound($"Relation {id} was not found.") : TypedResults.NoContent();
    }

    private static async Task<Ok<List<CatalogSizeChart>>> ListSizeCharts(string shopId, BotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CatalogExporter.SizeChartsAsync(db, shopId, cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> PutSizeChart(
        string shopId, string code, CatalogSizeChart body, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var problems = await writer.UpsertAsync(shopId, Empty with { SizeCharts = [body with { Code = code }] }, dryRun: false, cancellationToken);
        return problems.Count > 0 ? KnowledgeWriter.Invalid(problems, "/sizeCharts/0") : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSizeChart(
        string shopId, string code, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var deleted = await writer.ChangeAsync(shopId, token => db.SizeCharts.Where(c => c.ShopId == shopId && c.Code == code).ExecuteDeleteAsync(token), cancellationToken);
        return deleted == 0 ? Problems.NotFound($"Size chart '{code}' was not found.") : TypedResults.NoContent();
    }

    private static async Task<Ok<List<CatalogPolicy>>> ListPolicies(string shopId, BotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CatalogExporter.PoliciesAsync(db, shopId, cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> PutPolicy(
        string shopId, string kind, CatalogPolicy body, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var problems = await writer.UpsertAsync(shopId, Empty with { Policies = [body with { Kind = kind }] }, dryRun: false, cancellationToken);
        return problems.Count > 0 ? KnowledgeWriter.Invalid(problems, "/policies/0") : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePolicy(
        string shopId, string kind, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var deleted = await writer.ChangeAsync(shopId, token => db.Policies.Where(p => p.ShopId == shopId && p.Kind == kind).ExecuteDeleteAsync(token), cancellationToken);
        return deleted == 0 ? Problems.NotFound($"Policy '{kind}' was not found.") : TypedResults.NoContent();
    }

    private static async Task<Ok<List<CatalogFaq>>> ListFaqs(string shopId, BotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CatalogExporter.FaqsAsync(db, shopId, cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> PutFaq(
        string shopId, string code, CatalogFaq body, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var problems = await writer.UpsertAsync(shopId, Empty with { Faqs = [body with { Code = code }] }, dryRun: false, cancellationToken);
        return problems.Count > 0 ? KnowledgeWriter.Invalid(problems, "/faqs/0") : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteFaq(
        string shopId, string code, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var deleted = await writer.ChangeAsync(shopId, token => db.FaqEntries.Where(f => f.ShopId == shopId && f.Code == code).ExecuteDeleteAsync(token), cancellationToken);
        return deleted == 0 ? Problems.NotFound($"FAQ '{code}' was not found.") : TypedResults.NoContent();
    }

    private static async Task<Ok<List<CatalogPromotion>>> ListPromotions(string shopId, BotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CatalogExporter.PromotionsAsync(db, shopId, cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> PutPromotion(
        string shopId, string code, CatalogPromotion body, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var problems = await writer.UpsertAsync(shopId, Empty with { Promotions = [body with { Code = code }] }, dryRun: false, cancellationToken);
        return problems.Count > 0 ? KnowledgeWriter.Invalid(problems, "/promotions/0") : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePromotion(
        string shopId, string code, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var deleted = await writer.ChangeAsync(shopId, token => db.Promotions.Where(p => p.ShopId == shopId && p.Code == code).ExecuteDeleteAsync(token), cancellationToken);
        return deleted == 0 ? Problems.NotFound($"Promotion '{code}' was not found.") : TypedResults.NoContent();
    }

    private static readonly CatalogDocument Empty = new(null, null, null, null, null, null, null, null);
}
