using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Knowledge.View;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Knowledge.Answers;

internal static class AnswerEndpoints
{
    public static RouteGroupBuilder MapAnswerEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/answers/preview", Preview).WithName("PreviewAnswer")
            .WithSummary("Answer a question the way the bot would, from the shop's current knowledge")
            .WithRequestExample(new AnswerPreviewRequest(new AnswerQuery("product_stock", Colour: "红色", Size: "XL"), null, "WD-1001"));
        group.MapGet("/templates", ListTemplates).WithName("ListTemplates")
            .WithSummary("Every answer kind's template per language, with its variables and whether the shop overrides it");
        group.MapPut("/templates/{kind}/{language}", PutTemplate).WithName("PutTemplate")
            .WithSummary("Override the wording of one answer kind in one language (zh or en)")
            .WithRequestExample(new TemplateRequest("亲，{product}只要{price}哦～{promotions}"));
        group.MapDelete("/templates/{kind}/{language}", DeleteTemplate).WithName("DeleteTemplate")
            .WithSummary("Return to the built-in wording");
        return group;
    }

    private static async Task<Results<Ok<KnowledgeAnswer>, ProblemHttpResult>> Preview(
        string shopId, AnswerPreviewRequest request, BotDbContext db, ShopKnowledgeCache cache, AnswerService answers, CancellationToken cancellationToken)
    {
        var view = await cache.GetAsync(db, shopId, cancellationToken);
        if (view is null)
        {
            return Problems.ShopNotFound(shopId);
        }

        var focus = request.Focus ?? new ConversationFocus();
        if (request.FocusProductCode is { } code)
        {
            if (!view.ProductsByCode.TryGetValue(code, out var product))
            {
                return Problems.NotFound($"Product '{code}' was not found.");
            }

            focus = focus with { ProductId = product.Id };
        }

        return TypedResults.Ok(answers.Answer(view, request.Query, focus));
    }

    private static async Task<Ok<List<TemplateResponse>>> ListTemplates(string shopId, BotDbContext db, CancellationToken cancellationToken)
    {
        var custom = await db.ReplyTemplates.AsNoTracking().Where(t => t.ShopId == shopId)
            .ToDictionaryAsync(t => (t.Kind, t.Language), t => t.Text, cancellationToken);
        var templates = ReplyTemplates.BuiltIn.Values.OrderBy(t => t.Kind, StringComparer.Ordinal)
            .SelectMany(t => ReplyTemplates.Languages.Select(language =>
                custom.TryGetValue((t.Kind, language), out var text)
                    ? new TemplateResponse(t.Kind, language, text, true, t.Variables)
                    : new TemplateResponse(t.Kind, language, language == "zh" ? t.Zh : t.En, false, t.Variables)))
            .ToList();
        return TypedResults.Ok(templates);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PutTemplate(
        string shopId, string kind, string language, TemplateRequest request, BotDbContext db, KnowledgeWriter writer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!ReplyTemplates.BuiltIn.TryGetValue(kind, out var spec))
        {
            return Problems.NotFound($"There is no answer kind '{kind}'. GET the templates for the list.");
        }

        if (!ReplyTemplates.Languages.Contains(language))
        {
            return Problems.NotFound($"Templates exist for languages {string.Join(", ", ReplyTemplates.Languages)}, not '{language}'.");
        }

        var unknown = ReplyTemplates.UnknownVariables(kind, request.Text);
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["text"] = [$"Unknown variable(s) {string.Join(", ", unknown.Select(v => "{" + v + "}"))}; '{kind}' offers: {string.Join(", ", spec.Variables.Select(v => "{" + v + "}"))}."],
            });
        }

        await writer.ChangeAsync(shopId, async token =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var updated = await db.ReplyTemplates.Where(t => t.ShopId == shopId && t.Kind == kind && t.Language == language)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.Text, request.Text).SetProperty(x => x.UpdatedAt, now), token);
            if (updated == 0)
            {
                db.ReplyTemplates.Add(new ReplyTemplate { ShopId = shopId, Kind = kind, Language = language, Text = request.Text, UpdatedAt = now });
                updated = await db.SaveChangesAsync(token);
            }

            return updated;
        }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTemplate(
        string shopId, string kind, string language, BotDbContext db, KnowledgeWriter writer, CancellationToken cancellationToken)
    {
        var deleted = await writer.ChangeAsync(shopId,
            token => db.ReplyTemplates.Where(t => t.ShopId == shopId && t.Kind == kind && t.Language == language).ExecuteDeleteAsync(token), cancellationToken);
        return deleted == 0 ? Problems.NotFound($"Shop has no '{kind}' template in '{language}'.") : TypedResults.NoContent();
    }
}
