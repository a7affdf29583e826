using System.Collections.Concurrent;
using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Shops;

// The shop's settings as of its last write, and the version of its knowledge.
internal sealed record ShopVersion(DateTime UpdatedAt, long KnowledgeVersion);

// Shop rows for the message path. A caller that has already read the shop's versions (in a command it
// sends anyway) gets the cached row when the settings have not changed since; otherwise, or without
// versions, the row is read from the database. The row's own KnowledgeVersion may be older than the
// one the caller read: use the caller's.
internal sealed class ShopSettingsCache
{
    private readonly ConcurrentDictionary<string, Shop> _shops = new(StringComparer.Ordinal);

    public async Task<Shop> GetAsync(BotDbContext db, string shopId, ShopVersion? current, CancellationToken cancellationToken)
    {
        if (current is not null && _shops.TryGetValue(shopId, out var cached) && cached.UpdatedAt == current.UpdatedAt)
        {
            return cached;
        }

        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId, cancellationToken);
        _shops[shopId] = shop;
        return shop;
    }
}
