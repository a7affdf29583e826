using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CustomerServiceBot.Api.Webhooks;

// Active secrets per (shop, platform), read from the database at most every few seconds under load. A
// context is taken only to read them: renting one for every delivery cost more than checking its signature.
internal sealed class WebhookSecretCache(IMemoryCache cache, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<string>> GetAsync(string shopId, string platform, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync($"webhook-secrets:{shopId}:{platform}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            return (IReadOnlyList<string>)await db.WebhookSecrets.AsNoTracking()
                .Where(s => s.ShopId == shopId && s.Platform == platform && s.RevokedAt == null)
                .Select(s => s.Secret)
                .ToListAsync(cancellationToken);
        }) ?? [];

    public void Forget(string shopId, string platform) => cache.Remove($"webhook-secrets:{shopId}:{platform}");
}
