using System.Collections.Concurrent;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Reminders;
using CustomerServiceBot.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Recommendations;

public sealed record RecommendationModelStatus(
    bool Learned, string? FallbackReason, int Baskets, int TrainingPairs, double TrainSeconds, long CatalogVersion, DateTime BuiltAt, bool Rebuilding);

// One recommendation model per shop, in memory. A reply never waits for training: the first use
// builds the graph rules over the current catalog (milliseconds), and a background build then
// learns from the shop's paid orders and buyers' viewed products and swaps the model in. A model
// older than RefreshMinutes, or built before the catalog changed, is rebuilt the same way; stock
// is read from the live knowledge view at serving time, so it never goes stale with the model.
// Every replica builds its own from the same rows with the same seed.
internal sealed class ShopRecommenders(
    IServiceScopeFactory scopes,
    IOptions<RecommendationOptions> options,
    TimeProvider clock,
    ILogger<ShopRecommenders> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _builds = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _buildSlots = new(1, 1);

    public RecommendationModel Get(ShopKnowledge knowledge)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = _entries.GetValueOrDefault(knowledge.ShopId);
        if (entry?.Model is null)
        {
            var graph = RecommendationModel.GraphOnly(Catalog(knowledge));
            entry = _entries.AddOrUpdate(
                knowledge.ShopId,
                _ => new Entry(graph, knowledge.Version, DateTime.MinValue, DateTime.MinValue),
                (_, current) => current.Model is null ? current with { Model = graph, CatalogVersion = knowledge.Version } : current);
        }

        // A failed build is retried after MinRebuildMinutes, not at the next message.
        var stale = now - entry.BuiltAt > TimeSpan.FromMinutes(options.Value.RefreshMinutes) || entry.CatalogVersion < knowledge.Version;
        if (stale && now - entry.AttemptedAt > TimeSpan.FromMinutes(options.Value.MinRebuildMinutes))
        {
            _ = RebuildAsync(knowledge.ShopId);
        }

        return entry.Model!;
    }

    public RecommendationModelStatus? Status(string shopId) =>
        _entries.TryGetValue(shopId, out var entry) && entry.Model is { } model
            ? new RecommendationModelStatus(model.Info.Learned, model.Info.FallbackReason, model.Info.Baskets,
                model.Info.TrainingPairs, Math.Round(model.Info.TrainSeconds, 3), entry.CatalogVersion, entry.BuiltAt, _builds.ContainsKey(shopId))
            : null;

    // One build per shop at a time; a caller that asks while one runs gets that one.
    public Task RebuildAsync(string shopId)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var build = _builds.GetOrAdd(shopId, started.Task);
        if (build != started.Task)
        {
            return build;
        }

        var attempted = clock.GetUtcNow().UtcDateTime;
        _entries.AddOrUpdate(shopId, _ => new Entry(null, 0, DateTime.MinValue, attempted), (_, entry) => entry with { AttemptedAt = attempted });
        _ = Task.Run(async () =>
        {
            // One shop's build at a time per replica: training takes both cores while it runs.
            await _buildSlots.WaitAsync();
            try
            {
                await BuildAsync(shopId);
            }
            catch (Exception exception)
            {
                // The build's task completes either way: callers wait for it, they do not handle its failure.
                logger.LogError(exception, "Building the recommendation model of shop {ShopId} failed; the previous model stays", shopId);
            }
            finally
            {
                _buildSlots.Release();
                _builds.TryRemove(shopId, out _);
                started.SetResult();
            }
        });
        return started.Task;
    }

    // For a merchant's explicit rebuild: a build already running may have read the orders before the
    // latest ones, so a new one follows it.
    public async Task RebuildAfterCurrentAsync(string shopId)
    {
        if (_builds.TryGetValue(shopId, out var running))
        {
            await running;
        }

        await RebuildAsync(shopId);
    }

    public void Forget(string shopId) => _entries.TryRemove(shopId, out _);

    private async Task BuildAsync(string shopId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var knowledge = await scope.ServiceProvider.GetRequiredService<ShopKnowledgeCache>().GetAsync(db, shopId, CancellationToken.None);
        if (knowledge is null)
        {
            _entries.TryRemove(shopId, out _);
            return;
        }

        var settings = options.Value;
        var builtAt = clock.GetUtcNow().UtcDateTime;
        var since = builtAt.AddDays(-settings.LookbackDays);
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.ShopId == shopId && o.Kind == OrderKind.Order && o.Status == OrderStatus.Paid && o.PaidAt >= since)
            .OrderByDescending(o => o.PaidAt).Take(settings.MaxBaskets)
            .Select(o => new { o.OrderId, o.BuyerId, o.PaidAt, o.Items })
            .ToListAsync();
        var baskets = orders
            .Select(o => new Basket(o.OrderId, o.BuyerId ?? "", o.PaidAt ?? builtAt, ProductCodes(knowledge, o.Items)))
            .Where(b => b.ProductCodes.Count > 0)
            .OrderBy(b => b.OrderedAtUtc)
            .ToList();
        var sessions = await db.BuyerProfiles.AsNoTracking()
            .Where(p => p.ShopId == shopId)
            .OrderByDescending(p => p.LastVisitAt).Take(settings.MaxViewSessions)
            .Select(p => p.ViewedProducts)
            .ToListAsync();
        var viewed = sessions.Where(s => s.Count > 1).Select(s => (IReadOnlyList<string>)s).ToList();

        var model = await Task.Run(() => RecommendationModel.Build(
            Catalog(knowledge), baskets, viewed, new RecommendationTraining(MinBaskets: settings.MinBaskets)));
        _entries.AddOrUpdate(shopId, _ => new Entry(model, knowledge.Version, builtAt, builtAt), (_, entry) => new Entry(model, knowledge.Version, builtAt, entry.AttemptedAt));
        logger.LogInformation(
            "Built the recommendation model of shop {ShopId}: learned {Learned} ({Fallback}) from {Baskets} baskets and {Sessions} viewing sessions in {Seconds:F1} s",
            shopId, model.Info.Learned, model.Info.FallbackReason, baskets.Count, viewed.Count, model.Info.TrainSeconds);
    }

    // An order line names its product by code, or only by SKU code (Shopify sends SKUs).
    private static IReadOnlyList<string> ProductCodes(ShopKnowledge knowledge, List<OrderItem> items) =>
        items.Select(i => i.ProductId is { } code && knowledge.ProductsByCode.ContainsKey(code) ? code
                : i.SkuCode is { } sku && knowledge.SkusByCode.TryGetValue(sku, out var node) ? knowledge.Products[node.ProductId].Code
                : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    internal static CatalogGraph Catalog(ShopKnowledge knowledge)
    {
        var products = knowledge.Products.Values.Select(p => new CatalogProduct(
            p.Code,
            p.Category?.Code,
            p.Category?.ParentId is { } parent && knowledge.Categories.TryGetValue(parent, out var category) ? category.Code : null,
            p.FromPrice,
            p.Skus.Select(s => new CatalogSku(s.Code, s.Colour, s.Size, s.Price, s.Stock)).ToList()));
        var relations = knowledge.Products.Values.SelectMany(p => p.Relations
            .Where(r => r.Outgoing && knowledge.Products.ContainsKey(r.OtherProductId))
            .Select(r => new CatalogRelation(p.Code, knowledge.Products[r.OtherProductId].Code, r.Type)));
        return new CatalogGraph(products, relations);
    }

    // Model is null only while a shop's first build runs before any reply asked for one.
    private sealed record Entry(RecommendationModel? Model, long CatalogVersion, DateTime BuiltAt, DateTime AttemptedAt);
}
