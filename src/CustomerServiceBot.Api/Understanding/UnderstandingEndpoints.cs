using System.ComponentModel.DataAnnotations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Understanding;

public sealed record UnderstandRequest([property: Required, StringLength(MessageText.MaxLength, MinimumLength = 1)] string Text);

public sealed record IntentScoreResponse(string Intent, double Confidence);

public sealed record EmotionResponse(string Emotion, double Confidence, bool Escalate, string? Trigger);

public sealed record EntityResponse(string Kind, string Text, string Value, int Start, int Length);

public sealed record UnderstandResponse(
    string Intent,
    double Confidence,
    double Margin,
    bool Understood,
    IReadOnlyList<IntentScoreResponse> Alternatives,
    EmotionResponse Emotion,
    IReadOnlyList<EntityResponse> Entities,
    string ModelVersion);

public sealed record ModelResponse(string Version, DateTime CreatedUtc, int Intents, int TrainExamples, double ConfidenceThreshold, double MarginThreshold, IReadOnlyDictionary<string, double> Metrics);

public sealed record ShopModelsResponse(ModelResponse BaseModel, ModelResponse? ShopModel, TrainingStatus? Training);

internal static class UnderstandingEndpoints
{
    private const string NotReadyDetail = "The language models are still loading; retry in a few seconds.";
    private const int NotReadyRetrySeconds = 10;

    public static RouteGroupBuilder MapUnderstandingEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/nlu").WithTags("Understanding");
        group.MapPost("/understand", Understand).WithName("Understand")
            .WithSummary("Read a buyer message: intent with alternatives, emotion, entities")
            .WithRequestExample(new UnderstandRequest("亲，我身高170体重130斤，红色的穿什么码？明天能发货吗"));
        group.MapPost("/train", Train).WithName("TrainShopModel")
            .WithSummary("Train the shop's model on the shipped corpus plus the shop's examples")
            .WithDescription("Returns 202 at once; GET /nlu/model shows the training state and the model in use. Every replica picks the new model up.");
        group.MapGet("/model", GetModel).WithName("GetShopModel").WithSummary("The models this shop is served with");
        group.MapDelete("/model", DeleteModel).WithName("DeleteShopModel").WithSummary("Drop the shop's own model and fall back to the base model");
        return group;
    }

    private static Results<Ok<UnderstandResponse>, ProblemHttpResult> Understand(
        string shopId, UnderstandRequest request, NluModels models, BuyerMessageReader reader, ShopTimeZones zones, HttpContext context)
    {
        if (!models.IsReady)
        {
            return Problems.ServiceUnavailable(context, NotReadyDetail, NotReadyRetrySeconds);
        }

        var understanding = reader.Read(shopId, MessageText.Clean(request.Text), zones.Get(shopId));
        var intent = understanding.Intent;
        return TypedResults.Ok(new UnderstandResponse(
            intent.Intent,
            Math.Round(intent.Confidence, 4),
            Math.Round(intent.Margin, 4),
            intent.IsUnderstood,
            intent.Alternatives.Select(a => new IntentScoreResponse(a.Intent, Math.Round(a.Confidence, 4))).ToList(),
            new EmotionResponse(understanding.Emotion.Emotion, Math.Round(understanding.Emotion.Confidence, 4), understanding.Emotion.Escalate, understanding.Emotion.Trigger),
            understanding.Entities.Select(e => new EntityResponse(e.Kind.ToString(), e.Text, e.Value, e.Start, e.Length)).ToList(),
            understanding.ModelVersion));
    }

    private static async Task<Results<Accepted<TrainingStatus>, ValidationProblem, ProblemHttpResult>> Train(
        string shopId, BotDbContext db, NluModels models, ShopModelTraining training, IOptions<NluOptions> options, HttpContext context, CancellationToken cancellationToken)
    {
        if (!models.IsReady)
        {
            return Problems.ServiceUnavailable(context, NotReadyDetail, NotReadyRetrySeconds);
        }

        var counts = await db.TrainingExamples.AsNoTracking().Where(e => e.ShopId == shopId)
            .GroupBy(e => e.Intent).Select(g => new { Intent = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        if (counts.Count == 0)
        {
            return Problems.BadRequest("The shop has no training examples yet: add some with POST /nlu/examples.");
        }

        var known = models.BaseIntents.ToHashSet(StringComparer.Ordinal);
        var tooFew = counts.Where(c => !known.Contains(c.Intent) && c.Count < options.Value.MinExamplesPerNewIntent).ToList();
        if (tooFew.Count > 0)
        {
            return TypedResults.ValidationProblem(tooFew.ToDictionary(
                c => c.Intent,
                c => new[] { $"The new intent '{c.Intent}' has {c.Count} example(s); it needs at least {options.Value.MinExamplesPerNewIntent}." }));
        }

        training.Enqueue(shopId);
        return TypedResults.Accepted($"/api/v1/shops/{shopId}/nlu/model", training.StatusOf(shopId));
    }

    private static Results<Ok<ShopModelsResponse>, ProblemHttpResult> GetModel(string shopId, NluModels models, ShopModelTraining training, HttpContext context)
    {
        if (!models.IsReady)
        {
            return Problems.ServiceUnavailable(context, NotReadyDetail, NotReadyRetrySeconds);
        }

        var store = models.Store;
        var own = store.IntentsFor(shopId);
        return TypedResults.Ok(new ShopModelsResponse(
            Describe(store.BaseIntents),
            ReferenceEquals(own, store.BaseIntents) ? null : Describe(own),
            training.StatusOf(shopId)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteModel(
        string shopId, BotDbContext db, ShopModelTraining training, CancellationToken cancellationToken)
    {
        var deleted = await db.ShopModels.Where(m => m.ShopId == shopId).ExecuteDeleteAsync(cancellationToken);
        training.Forget(shopId);
        return deleted == 0 ? Problems.NotFound("The shop has no model of its own.") : TypedResults.NoContent();
    }

    private static ModelResponse Describe(Nlu.TextClassifier model) => new(
        model.Version,
        model.Info.CreatedUtc,
        model.Labels.Count,
        model.Info.TrainExamples,
        Math.Round(model.Thresholds.Confidence, 4),
        Math.Round(model.Thresholds.Margin, 4),
        model.Info.Metrics);
}
