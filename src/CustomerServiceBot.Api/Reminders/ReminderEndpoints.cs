using System.Globalization;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Hosting;
using CustomerServiceBot.Api.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.Api.Reminders;

// The merchant's side of reminders: rule sets, message previews, an order's reminder timeline and
// the recovery report.
internal static class ReminderEndpoints
{
    public static RouteGroupBuilder MapReminderEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapShopGroup("/reminders").WithTags("Reminders");
        group.MapGet("/rules", ListRules).WithName("ListReminderRules").WithSummary("List the shop's reminder rules");
        group.MapPost("/rules", CreateRule).WithName("CreateReminderRule")
            .WithSummary("Create a reminder rule (unpaid_order, presale_balance or abandoned_cart)")
            .WithRequestExample(Example);
        group.MapGet("/rules/{ruleId:long}", GetRule).WithName("GetReminderRule").WithSummary("Get a reminder rule");
        group.MapPut("/rules/{ruleId:long}", UpdateRule).WithName("UpdateReminderRule")
            .WithSummary("Replace a reminder rule (scheduled reminders keep their due times; checks at send time use the new rule)")
            .WithRequestExample(Example);
        group.MapDelete("/rules/{ruleId:long}", DeleteRule).WithName("DeleteReminderRule")
            .WithSummary("Delete a rule that has never scheduled a reminder (disable it otherwise: its history stays in the report)");
        group.MapPost("/rules/{ruleId:long}/preview", Preview).WithName("PreviewReminder")
            .WithSummary("Render a step's message for a stored order or a sample order")
            .WithRequestExample(new ReminderPreviewRequest(1, "zh", null));
        group.MapGet("/orders/{platform}/{orderId}", GetOrder).WithName("GetReminderOrder")
            .WithSummary("An order as the order events left it, with its reminders (due, deferred, sent, withheld, skipped, cancelled)");
        group.MapGet("/report", Report).WithName("ReminderReport")
            .WithSummary("Recovery report: reminded vs holdout orders paid within the attribution window, uplift, and per-step outcomes, by day")
            .WithDescription("from/to are dates (yyyy-MM-dd) in the shop's time zone, both included; 30 days up to today when omitted.");
        group.MapGet("/report/csv", ReportCsv).WithName("ReminderReportCsv")
            .WithSummary("The recovery report as CSV (table=recovery, the default, or table=steps)");
        return group;
    }

    private static readonly ReminderRuleRequest Example = new(
        "催付 15 分钟 + 3 小时 + 关单前 1 小时", ReminderKind.UnpaidOrder,
        [
            new(15, null, "{buyerNick}，您拍下的{items}还未付款哦，{amount}，点这里完成支付：{payLink}", "Hi {buyerNick}, your order of {items} ({amount}) is waiting: {payLink}"),
            new(180, null, "{buyerNick}，宝贝库存紧张，付款后尽快为您发货~ {payLink}", "Hi {buyerNick}, stock is running low. Pay here: {payLink}"),
            new(null, 60, "{buyerNick}，订单1小时后自动关闭，送您优惠券{coupon}，{payLink}", "Your order closes in an hour; here is a coupon: {coupon} {payLink}"),
        ],
        WindowStart: "09:00", WindowEnd: "22:00", MaxPerOrder: 3, HoldoutPercent: 10, Coupon: "满199减20");

    private static async Task<Ok<List<ReminderRuleResponse>>> ListRules(string shopId, BotDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.ReminderRules.AsNoTracking().Where(r => r.ShopId == shopId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rules.Select(ToResponse).ToList());
    }

    private static async Task<Results<Ok<ReminderRuleResponse>, ProblemHttpResult>> GetRule(string shopId, long ruleId, BotDbContext db, CancellationToken cancellationToken)
    {
        var rule = await db.ReminderRules.AsNoTracking().SingleOrDefaultAsync(r => r.ShopId == shopId && r.Id == ruleId, cancellationToken);
        return rule is null ? RuleNotFound(ruleId) : TypedResults.Ok(ToResponse(rule));
    }

    private static async Task<Created<ReminderRuleResponse>> CreateRule(
        string shopId, ReminderRuleRequest request, BotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = new ReminderRule { ShopId = shopId, Name = request.Name, Kind = request.Kind, CreatedAt = now };
        Fill(rule, request, now);
        db.ReminderRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/shops/{shopId}/reminders/rules/{rule.Id}", ToResponse(rule));
    }

    private static async Task<Results<Ok<ReminderRuleResponse>, ProblemHttpResult>> UpdateRule(
        string shopId, long ruleId, ReminderRuleRequest request, BotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rule = await db.ReminderRules.SingleOrDefaultAsync(r => r.ShopId == shopId && r.Id == ruleId, cancellationToken);
        if (rule is null)
        {
            return RuleNotFound(ruleId);
        }

        if (rule.Kind != request.Kind && await db.Reminders.AnyAsync(r => r.RuleId == ruleId, cancellationToken))
        {
            return Problems.Conflict($"Rule {ruleId} has scheduled reminders of kind {rule.Kind}; create a new rule for {request.Kind}.");
        }

        Fill(rule, request, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(rule));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteRule(string shopId, long ruleId, BotDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Reminders.AnyAsync(r => r.ShopId == shopId && r.RuleId == ruleId, cancellationToken))
        {
            return Problems.Conflict($"Rule {ruleId} has reminders (their outcomes are in the report); disable it with enabled: false instead.");
        }

        var deleted = await db.ReminderRules.Where(r => r.ShopId == shopId && r.Id == ruleId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? RuleNotFound(ruleId) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ReminderPreviewResponse>, ProblemHttpResult>> Preview(
        string shopId, long ruleId, ReminderPreviewRequest request, BotDbContext db, CancellationToken cancellationToken)
    {
        var rule = await db.ReminderRules.AsNoTracking().SingleOrDefaultAsync(r => r.ShopId == shopId && r.Id == ruleId, cancellationToken);
        if (rule is null)
        {
            return RuleNotFound(ruleId);
        }

        if (request.Step > rule.Steps.Count)
        {
            return Problems.BadRequest($"Rule {ruleId} has {rule.Steps.Count} step(s).");
        }

        var shop = await db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => new { s.Currency, s.BuyerSalutation }).SingleAsync(cancellationToken);
        var language = request.Language ?? rule.Language;
        var template = ReminderPlan.Template(rule.Steps[request.Step - 1], language);
        if (template is null)
        {
            return Problems.BadRequest($"Step {request.Step} has no {language} template.");
        }

        ReminderPlan.Values values;
        if (request.OrderId is not null)
        {
            var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.ShopId == shopId && o.Platform == request.Platform && o.OrderId == request.OrderId, cancellationToken);
            if (order is null)
            {
                return Problems.NotFound($"Order '{request.OrderId}' ({request.Platform}) was not found.");
            }

            var amount = rule.Kind == ReminderKind.PresaleBalance ? order.BalanceMinor ?? order.AmountMinor : order.AmountMinor;
            values = new(order.BuyerNick, order.Items, amount, shop.Currency, order.PayUrl, rule.Coupon, order.OrderId, shop.BuyerSalutation);
        }
        else
        {
            values = new(language == "en" ? "Ann" : "小王",
                [new OrderItem("WD-1001", language == "en" ? "French vintage tea dress" : "法式复古茶歇连衣裙", 1), new OrderItem("AS-7001", language == "en" ? "Silk scarf" : "真丝丝巾", 2)],
                25900, shop.Currency, "https://shop.example/pay/SAMPLE-1001", rule.Coupon, "SAMPLE-1001", shop.BuyerSalutation);
        }

        return TypedResults.Ok(new ReminderPreviewResponse(ruleId, request.Step, language, ReminderPlan.Render(template, language, values), request.OrderId is null));
    }

    private static async Task<Results<Ok<OrderTimeline>, ProblemHttpResult>> GetOrder(
        string shopId, string platform, string orderId, BotDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.ShopId == shopId && o.Platform == platform && o.OrderId == orderId, cancellationToken);
        if (order is null)
        {
            return Problems.NotFound($"Order '{orderId}' ({platform}) was not found.");
        }

        var reminders = await (
                from r in db.Reminders.AsNoTracking().Where(r => r.ShopId == shopId && r.OrderRowId == order.Id)
                join m in db.OutboxMessages on r.OutboxMessageId equals (long?)m.Id into sent
                from m in sent.DefaultIfEmpty()
                orderby r.DueAt, r.Id
                select new ReminderTimelineItem(r.Id, r.Kind, r.RuleId, r.Step, r.Holdout, r.Status, r.SkipReason, r.DueAt, r.Deferrals, r.ProcessedAt, m == null ? null : m.Status))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrderTimeline(order.Platform, order.OrderId, order.Kind, order.Status, order.BuyerId, order.AmountMinor, order.BalanceMinor,
            order.OrderCreatedAt, order.AutoCloseAt, order.DepositPaidAt, order.PaidAt, order.ClosedAt, order.SeenCreated, reminders));
    }

    private static async Task<Results<Ok<ReminderReport>, ValidationProblem>> Report(
        string shopId, ReminderReports reports, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null)
    {
        if (ReminderReports.CheckRange(from, to) is { } problem)
        {
            return TypedResults.ValidationProblem(problem);
        }

        return TypedResults.Ok(await reports.BuildAsync(shopId, from, to, cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ReportCsv(
        string shopId, ReminderReports reports, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null, string table = "recovery")
    {
        if (ReminderReports.CheckRange(from, to) is { } problem)
        {
            return TypedResults.ValidationProblem(problem);
        }

        if (table is not ("recovery" or "steps"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["table"] = ["table is recovery or steps."] });
        }

        var report = await reports.BuildAsync(shopId, from, to, cancellationToken);
        var csv = table == "steps" ? ReminderReports.StepsCsv(report) : ReminderReports.RecoveryCsv(report);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8",
            $"reminders-{table}-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv");
    }

    private static void Fill(ReminderRule rule, ReminderRuleRequest request, DateTime now)
    {
        rule.Name = request.Name.Trim();
        rule.Kind = request.Kind;
        rule.Enabled = request.Enabled;
        rule.Steps = request.Steps.Select(s => new ReminderStep(s.DelayMinutes, s.BeforeAutoCloseMinutes, s.TemplateZh, s.TemplateEn)).ToList();
        rule.WindowStartMinute = ReminderRuleRequest.ParseTime(request.WindowStart)!.Value;
        rule.WindowEndMinute = ReminderRuleRequest.ParseTime(request.WindowEnd)!.Value;
        rule.MaxPerOrder = request.MaxPerOrder;
        rule.OnePerBuyerPerDay = request.OnePerBuyerPerDay;
        rule.SkipIfPaidWithinHours = request.SkipIfPaidWithinHours;
        rule.MinAmount = request.MinAmount;
        rule.MaxAmount = request.MaxAmount;
        rule.IncludeProducts = request.IncludeProducts?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        rule.ExcludeProducts = request.ExcludeProducts?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        rule.Blacklist = request.Blacklist?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        rule.SkipBuyerTags = request.SkipBuyerTags?.Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? ["at_risk"];
        rule.HoldoutPercent = request.HoldoutPercent;
        rule.Language = request.Language;
        rule.Coupon = request.Coupon;
        rule.UpdatedAt = now;
    }

    private static ReminderRuleResponse ToResponse(ReminderRule r) => new(
        r.Id, r.Name, r.Kind, r.Enabled, r.Steps.Select(s => new ReminderStepRequest(s.DelayMinutes, s.BeforeAutoCloseMinutes, s.TemplateZh, s.TemplateEn)).ToList(),
        Time(r.WindowStartMinute), Time(r.WindowEndMinute), r.MaxPerOrder, r.OnePerBuyerPerDay, r.SkipIfPaidWithinHours, r.MinAmount, r.MaxAmount,
        r.IncludeProducts, r.ExcludeProducts, r.Blacklist, r.SkipBuyerTags, r.HoldoutPercent, r.Language, r.Coupon, r.CreatedAt, r.UpdatedAt);

    private static string Time(int minutes) => $"{(minutes / 60).ToString("00", CultureInfo.InvariantCulture)}:{(minutes % 60).ToString("00", CultureInfo.InvariantCulture)}";

    private static ProblemHttpResult RuleNotFound(long ruleId) => Problems.NotFound($"Reminder rule {ruleId} was not found.");
}
