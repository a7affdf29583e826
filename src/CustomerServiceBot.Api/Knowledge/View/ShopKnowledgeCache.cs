using System.Collections.Concurrent;
using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Knowledge.View;

internal static class ShopKnowledgeLoader
{
    // One query per table, no tracking; the version is read first, so a write that lands during the
    // load makes the next version check rebuild rather than serve a view newer than its label.
    public static async Task<ShopKnowledge?> LoadAsync(BotDbContext db, string shopId, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.AsNoTracking().Where(s => s.Id == shopId)
            .Select(s => new { s.KnowledgeVersion, s.Currency }).SingleOrDefaultAsync(cancellationToken);
        if (shop is null)
        {
            return null;
        }

        var rows = new KnowledgeRows(
            shopId,
            shop.KnowledgeVersion,
            shop.Currency,
            await db.Categories.AsNoTracking().Where(c => c.ShopId == shopId).ToListAsync(cancellationToken),
            await db.Products.AsNoTracking().Where(p => p.ShopId == shopId).ToListAsync(cancellationToken),
            await db.Skus.AsNoTracking().Where(s => s.ShopId == shopId).ToListAsync(cancellationToken),
            await db.ProductRelations.AsNoTracking().Where(r => r.ShopId == shopId).ToListAsync(cancellationToken),
            await db.SizeCharts.AsNoTracking().Where(c => c.ShopId == shopId).ToListAsync(cancellationToken),
            await db.Policies.AsNoTracking().Where(p => p.ShopId == shopId).ToListAsync(cancellationToken),
            await db.FaqEntries.AsNoTracking().Where(f => f.ShopId == shopId).ToListAsync(cancellationToken),
            await db.Promotions.AsNoTracking().Where(p => p.ShopId == shopId).ToListAsync(cancellationToken),
            await db.ReplyTemplates.AsNoTracking().Where(t => t.ShopId == shopId).ToListAsync(cancellationToken));
        return ShopKnowledge.Build(rows);
    }
}

// Per-shop views, rebuilt lazily when the shop's knowledge version moves. Each read costs one indexed
// primary-key query for the version, so every replica sees a write at its next message.
internal sealed class ShopKnowledgeCache(IServiceScopeFactory scopes, ILogger<ShopKnowledgeCache> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<ShopKnowledge?> GetAsync(BotDbContext db, string shopId, CancellationToken cancellationToken)
    {
        var version = await db.Shops.AsNoTracking().Where(s => s.Id == shopId)
            .Select(s => (long?)s.KnowledgeVersion).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            _entries.TryRemove(shopId, out _);
            return null;
        }

        return await GetAsync(shopId, version.Value, cancellationToken);
    }

    // The view built last for the shop, if it is built: no database read, and it may be a version behind.
    public ShopKnowledge? Latest(string shopId) =>
        _entries.TryGetValue(shopId, out var entry) && entry.View.IsValueCreated && entry.View.Value.IsCompletedSuccessfully
            ? entry.View.Value.Result
            : null;

    // For a caller that has just read the shop row and so knows the current version.
    public async Task<ShopKnowledge?> GetAsync(string shopId, long version, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(shopId, _ => new Entry(version, BuildAsync(shopId)));
            if (entry.Version < version)
            {
                _entries.TryUpdate(shopId, new Entry(version, BuildAsync(shopId)), entry);
                continue;
            }

            try
            {
                // The build is shared by concurrent readers: one caller giving up does not cancel it.
                return await entry.View.Value.WaitAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(shopId, entry));
                throw;
            }
        }
    }

    public void Invalidate(string shopId) => _entries.TryRemove(shopId, out _);

    private Lazy<Task<ShopKnowledge?>> BuildAsync(string shopId) => new(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var view = await ShopKnowledgeLoader.LoadAsync(db, shopId, CancellationToken.None);
        logger.LogInformation("Loaded knowledge of shop {ShopId} at version {Version}: {Products} products, {Skus} SKUs in {Elapsed} ms",
            shopId, view?.Version, view?.Products.Count, view?.SkuCount, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return view;
    });

    private sealed record Entry(long Version, Lazy<Task<ShopKnowledge?>> View);
}

internal static class KnowledgeVersions
{
    // Called inside the write's transaction: readers on every replica compare against this number.
    public static Task BumpAsync(BotDbContext db, string shopId, CancellationToken cancellationToken) =>
        db.Shops.Where(s => s.Id == shopId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.KnowledgeVersion, x => x.KnowledgeVersion + 1), cancellationToken);
}
