using System.Security.Claims;
using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Shops;

internal sealed class ApiKeyValidator(
    IServiceScopeFactory scopes,
    IMemoryCache cache,
    IOptionsMonitor<AccessOptions> options)
{
    private static readonly TimeSpan UnknownKeyCacheTime = TimeSpan.FromSeconds(5);

    public async Task<ClaimsPrincipal?> ValidateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        if (ApiKeys.FixedTimeEquals(presentedKey, options.CurrentValue.OperatorApiKey))
        {
            return Principal(new Claim(ClaimTypes.Role, ShopClaims.OperatorRole), new Claim(ClaimTypes.Name, "operator"));
        }

        if (!presentedKey.StartsWith(ApiKeys.ShopKeyPrefix, StringComparison.Ordinal) || presentedKey.Length > 100)
        {
            return null;
        }

        var hash = ApiKeys.Hash(presentedKey);
        var cacheKey = CacheKey(hash);
        if (!cache.TryGetValue(cacheKey, out string? shopId))
        {
            shopId = await FindShopAsync(hash, cancellationToken);
            var lifetime = shopId is null ? UnknownKeyCacheTime : TimeSpan.FromSeconds(options.CurrentValue.KeyCacheSeconds);
            if (lifetime > TimeSpan.Zero)
            {
                cache.Set(cacheKey, shopId, lifetime);
            }
        }

        return shopId is null
            ? null
            : Principal(
                new Claim(ClaimTypes.Role, ShopClaims.ShopAdminRole),
                new Claim(ShopClaims.ShopId, shopId),
                new Claim(ClaimTypes.Name, $"shop:{shopId}"));
    }

    public void Forget(byte[] hash) => cache.Remove(CacheKey(hash));

    private async Task<string?> FindShopAsync(byte[] hash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => k.ShopId)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private static string CacheKey(byte[] hash) => "api-key:" + Convert.ToHexString(hash);

    private static ClaimsPrincipal Principal(params Claim[] claims) =>
        new(new ClaimsIdentity(claims, ShopClaims.Scheme, ClaimTypes.Name, ClaimTypes.Role));
}
