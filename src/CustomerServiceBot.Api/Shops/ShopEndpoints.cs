using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Shops;

internal static class ShopEndpoints
{
    public static RouteGroupBuilder MapShopEndpoints(this IEndpointRouteBuilder routes)
    {
        var operatorGroup = routes.MapGroup("/api/v1/shops")
            .WithTags("Shops")
            .RequireAuthorization(ShopClaims.OperatorPolicy)
            .RequireRateLimiting(RateLimiting.AdminPolicy);
        operatorGroup.MapPost("", CreateShop).WithName("CreateShop")
            .WithSummary("Create a shop (operator key)")
            .WithDescription("Creates a shop. Issue its admin keys with POST /api/v1/shops/{shopId}/api-keys.")
            .WithRequestExample(new CreateShopRequest("cozy-wardrobe", "暖衣小铺", "zh-CN", "Asia/Shanghai", "CNY"));
        operatorGroup.MapGet("", ListShops).WithName("ListShops").WithSummary("List all shops (operator key)");
        operatorGroup.MapDelete("/{shopId}", DeleteShop).WithName("DeleteShop")
            .RequireAuthorization(ShopClaims.ShopAccessPolicy)
            .WithSummary("Delete a shop and all its data (operator key)");

        var shop = routes.MapShopGroup("/").WithTags("Shops");
        shop.MapGet("", GetShop).WithName("GetShop").WithSummary("Get the shop's settings");
        shop.MapPut("", UpdateShop).WithName("UpdateShop").WithSummary("Replace the shop's settings")
            .WithRequestExample(new UpdateShopRequest("暖衣小铺", "zh-CN", "Asia/Shanghai", "CNY", "小暖", "亲", ["order_cancel"]));
        return shop;
    }

    // Every admin route of a feature hangs under /api/v1/shops/{shopId}, behind the same access rules.
    public static RouteGroupBuilder MapShopGroup(this IEndpointRouteBuilder routes, string prefix) =>
        routes.MapGroup("/api/v1/shops/{shopId}" + (prefix == "/" ? "" : prefix))
            .RequireAuthorization(ShopClaims.ShopAccessPolicy)
            .RequireRateLimiting(RateLimiting.AdminPolicy);

    private static async Task<Results<Created<ShopResponse>, ProblemHttpResult>> CreateShop(
        CreateShopRequest request, BotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var id = request.Id ?? "shop-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        if (await db.Shops.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return Problems.Conflict($"A shop with id '{id}' already exists.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var shop = new Shop
        {
            Id = id,
            Name = request.Name.Trim(),
            DefaultLanguage = request.DefaultLanguage ?? "zh-CN",
            TimeZone = request.TimeZone ?? "Asia/Shanghai",
            Currency = request.Currency ?? "CNY",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Shops.Add(shop);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/shops/{shop.Id}", ToResponse(shop));
    }

    private static async Task<Ok<List<ShopResponse>>> ListShops(BotDbContext db, CancellationToken cancellationToken)
    {
        var shops = await db.Shops.AsNoTracking().OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(shops.Select(ToResponse).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteShop(
        string shopId, BotDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // SKUs reference the shop without a cascade (two cascade paths are refused by some databases).
        await db.Skus.Where(s => s.ShopId == shopId).ExecuteDeleteAsync(cancellationToken);
        await db.ProductRelations.Where(r => r.ShopId == shopId).ExecuteDeleteAsync(cancellationToken);
        await db.Products.Where(p => p.ShopId == shopId).ExecuteDeleteAsync(cancellationToken);
        await db.Categories.Where(c => c.ShopId == shopId && c.ParentId != null).ExecuteUpdateAsync(c => c.SetProperty(x => x.ParentId, (long?)null), cancellationToken);
        var deleted = await db.Shops.Where(s => s.Id == shopId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Problems.ShopNotFound(shopId);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ShopResponse>> GetShop(string shopId, BotDbContext db, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId, cancellationToken);
        return TypedResults.Ok(ToResponse(shop));
    }

    private static async Task<Ok<ShopResponse>> UpdateShop(
        string shopId, UpdateShopRequest request, BotDbContext db, Understanding.ShopTimeZones zones, TimeProvider clock, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.SingleAsync(s => s.Id == shopId, cancellationToken);
        shop.Name = request.Name.Trim();
        shop.DefaultLanguage = request.DefaultLanguage;
        shop.TimeZone = request.TimeZone;
        shop.Currency = request.Currency;
        shop.BotName = request.BotName;
        shop.BuyerSalutation = request.BuyerSalutation;
        shop.HumanOnlyIntents = request.HumanOnlyIntents?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        shop.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        zones.Forget(shopId);
        return TypedResults.Ok(ToResponse(shop));
    }

    private static ShopResponse ToResponse(Shop s) =>
        new(s.Id, s.Name, s.DefaultLanguage, s.TimeZone, s.Currency, s.BotName, s.BuyerSalutation, s.HumanOnlyIntents, s.CreatedAt, s.UpdatedAt);
}
