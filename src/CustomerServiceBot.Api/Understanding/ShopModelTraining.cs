using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Nlu;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Understanding;

public sealed record TrainingStatus(string State, string? Detail, DateTime UpdatedAt);

// Loads the base models at start, then trains queued shop models one at a time (training uses both
// cores; two at once would only slow each other) and picks up models other replicas trained.
internal sealed class ShopModelTraining(
    NluModels models,
    IServiceScopeFactory scopes,
    IOptions<NluOptions> options,
    TimeProvider clock,
    ILogger<ShopModelTraining> logger) : BackgroundService
{
    private const int ModelsKeptPerShop = 3;

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, TrainingStatus> _status = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _loadedModelIds = new(StringComparer.Ordinal);

    public TrainingStatus? StatusOf(string shopId) => _status.GetValueOrDefault(shopId);

    public long? LoadedModelId(string shopId) => _loadedModelIds.TryGetValue(shopId, out var id) ? id : null;

    public void Enqueue(string shopId)
    {
        _status[shopId] = new TrainingStatus("queued", null, clock.GetUtcNow().UtcDateTime);
        _queue.Writer.TryWrite(shopId);
    }

    public void Forget(string shopId)
    {
        _loadedModelIds.TryRemove(shopId, out _);
        if (models.IsReady)
        {
            models.Store.RemoveShopIntents(shopId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await models.LoadBaseModelsAsync(stoppingToken);
        await LoadNewShopModelsAsync(stoppingToken);

        var poll = Task.Delay(TimeSpan.FromSeconds(options.Value.ModelPollSeconds), clock, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = _queue.Reader.WaitToReadAsync(stoppingToken).AsTask();
            if (await Task.WhenAny(next, poll) == poll)
            {
                await poll.ContinueWith(_ => { }, TaskScheduler.Default);
                await LoadNewShopModelsAsync(stoppingToken);
                poll = Task.Delay(TimeSpan.FromSeconds(options.Value.ModelPollSeconds), clock, stoppingToken);
                continue;
            }

            while (_queue.Reader.TryRead(out var shopId))
            {
                await TrainAsync(shopId, stoppingToken);
            }
        }
    }

    private async Task TrainAsync(string shopId, CancellationToken cancellationToken)
    {
        _status[shopId] = new TrainingStatus("training", null, clock.GetUtcNow().UtcDateTime);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var examples = await db.TrainingExamples.AsNoTracking()
                .Where(e => e.ShopId == shopId)
                .OrderBy(e => e.Id)
                .Select(e => new TrainingExample(e.Text, e.Intent))
                .ToListAsync(cancellationToken);

            var watch = Stopwatch.StartNew();
            var model = await Task.Run(() => models.TrainShopModel(examples), cancellationToken);
            using var buffer = new MemoryStream();
            model.Save(buffer);

            var row = new ShopModel
            {
                ShopId = shopId,
                Version = model.Version,
                CorpusSha256 = model.Info.CorpusSha256,
                Content = buffer.ToArray(),
                TrainExamples = model.Info.TrainExamples,
                ShopExamples = examples.Count,
                TrainSeconds = watch.Elapsed.TotalSeconds,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.ShopModels.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            var keep = await db.ShopModels.Where(m => m.ShopId == shopId).OrderByDescending(m => m.Id).Select(m => m.Id).Take(ModelsKeptPerShop).ToListAsync(cancellationToken);
            await db.ShopModels.Where(m => m.ShopId == shopId && !keep.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);

            models.Store.SwapShopIntents(shopId, model);
            _loadedModelIds[shopId] = row.Id;
            _status[shopId] = new TrainingStatus("ready", $"version {model.Version}", clock.GetUtcNow().UtcDateTime);
            logger.LogInformation("Trained the model of shop {ShopId}: {Examples} own examples, {Seconds:0.0} s", shopId, examples.Count, watch.Elapsed.TotalSeconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _status[shopId] = new TrainingStatus("failed", exception.Message, clock.GetUtcNow().UtcDateTime);
            logger.LogError(exception, "Training the model of shop {ShopId} failed", shopId);
        }
    }

    private async Task LoadNewShopModelsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            var latest = await db.ShopModels.AsNoTracking()
                .GroupBy(m => m.ShopId)
                .Select(g => new { ShopId = g.Key, Id = g.Max(m => m.Id) })
                .ToListAsync(cancellationToken);
            foreach (var shop in latest.Where(s => LoadedModelId(s.ShopId) != s.Id))
            {
                var content = await db.ShopModels.AsNoTracking().Where(m => m.Id == shop.Id).Select(m => m.Content).SingleAsync(cancellationToken);
                using var stream = new MemoryStream(content);
                models.Store.SwapShopIntents(shop.ShopId, TextClassifier.Load(stream, $"shop model {shop.Id}"));
                _loadedModelIds[shop.ShopId] = shop.Id;
            }

            foreach (var gone in _loadedModelIds.Keys.Except(latest.Select(s => s.ShopId)).ToList())
            {
                Forget(gone);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An outage must not stop the loop: the next poll tries again, the current models keep serving.
            logger.LogWarning(exception, "Could not look for new shop models");
        }
    }
}
