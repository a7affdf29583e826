using System.ComponentModel.DataAnnotations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Shops;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Understanding;

public sealed record TrainingExampleRequest(
    [property: Required, StringLength(500, MinimumLength = 1)] string Text,
    [property: Required, RegularExpression("^[a-z][a-z0-9_]{1,63}$", ErrorMessage = "An intent is 2-64 characters of a-z, 0-9 and _, starting with a letter.")] string Intent);

public sealed record TrainingExampleResponse(long Id, string Text, string Intent, DateTime CreatedAt);

public sealed record TrainingExamplePage(IReadOnlyList<TrainingExampleResponse> Items, int Total, int Offset, int Limit);

internal static class TrainingExampleEndpoints
{
    public static RouteGroupBuilder MapTrainingExampleEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/nlu/examples").WithTags("Understanding");
        group.MapPost("", AddExample).WithName("AddTrainingExample")
            .WithSummary("Add a training example in the shop's own words")
            .WithDescription("The shop's model trains on the shipped corpus plus these examples. A new intent needs at least two examples before training.")
            .WithRequestExample(new TrainingExampleRequest("亲，双十二有没有专属券呀", "promotion_coupon"));
        group.MapGet("", ListExamples).WithName("ListTrainingExamples").WithSummary("List the shop's training examples");
        group.MapDelete("/{exampleId:long}", DeleteExample).WithName("DeleteTrainingExample").WithSummary("Delete a training example");
        return group;
    }

    private static async Task<Results<Created<TrainingExampleResponse>, ProblemHttpResult>> AddExample(
        string shopId, TrainingExampleRequest request, BotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = MessageText.Clean(request.Text);
        if (text.Length == 0)
        {
            return Problems.BadRequest("'text' has no visible characters.");
        }

        if (await db.TrainingExamples.AnyAsync(e => e.ShopId == shopId && e.Text == text, cancellationToken))
        {
            return Problems.Conflict("This text is already an example; delete it first to relabel it.");
        }

        var example = new ShopTrainingExample { ShopId = shopId, Text = text, Intent = request.Intent, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.TrainingExamples.Add(example);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/shops/{shopId}/nlu/examples/{example.Id}", ToResponse(example));
    }

    private static async Task<Ok<TrainingExamplePage>> ListExamples(
        string shopId, BotDbContext db, CancellationToken cancellationToken, string? intent = null, int offset = 0, int limit = 100)
    {
        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 1, 500);
        var query = db.TrainingExamples.AsNoTracking().Where(e => e.ShopId == shopId);
        if (intent is not null)
        {
            query = query.Where(e => e.Intent == intent);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(e => e.Id).Skip(offset).Take(limit)
            .Select(e => new TrainingExampleResponse(e.Id, e.Text, e.Intent, e.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new TrainingExamplePage(items, total, offset, limit));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteExample(
        string shopId, long exampleId, BotDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.TrainingExamples.Where(e => e.ShopId == shopId && e.Id == exampleId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound($"Training example {exampleId} was not found.") : TypedResults.NoContent();
    }

    private static TrainingExampleResponse ToResponse(ShopTrainingExample e) => new(e.Id, e.Text, e.Intent, e.CreatedAt);
}
