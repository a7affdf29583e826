using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace CustomerServiceBot.Api.Reminders;

// A step: DelayMinutes after the order (after the balance window opens, for a pre-sale balance), or
// BeforeAutoCloseMinutes before the order closes by itself. Templates may use {buyerNick}, {items},
// {amount}, {payLink}, {coupon}, {orderId}.
public sealed record ReminderStepRequest(int? DelayMinutes = null, int? BeforeAutoCloseMinutes = null, string? TemplateZh = null, string? TemplateEn = null);

public sealed record ReminderRuleRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: Required] string Kind,
    [property: Required] IReadOnlyList<ReminderStepRequest> Steps,
    bool Enabled = true,
    string WindowStart = "09:00",
    string WindowEnd = "21:00",
    [property: Range(1, 10)] int MaxPerOrder = 3,
    bool OnePerBuyerPerDay = true,
    [property: Range(0, 720)] int? SkipIfPaidWithinHours = 24,
    [property: Range(0d, 1e12)] long? MinAmount = null,
    [property: Range(0d, 1e12)] long? MaxAmount = null,
    IReadOnlyList<string>? IncludeProducts = null,
    IReadOnlyList<string>? ExcludeProducts = null,
    IReadOnlyList<string>? Blacklist = null,
    IReadOnlyList<string>? SkipBuyerTags = null,
    [property: Range(0, 50)] int HoldoutPercent = 10,
    string Language = "zh",
    [property: StringLength(200)] string? Coupon = null)
    : IValidatableObject
{
    public const int MaxSteps = 5;
    public const int MaxListLength = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ReminderKind.All.Contains(Kind))
        {
            yield return new ValidationResult($"Kind must be one of {string.Join(", ", ReminderKind.All)}.", [nameof(Kind)]);
        }

        if (Language is not ("zh" or "en"))
        {
            yield return new ValidationResult("Language is zh or en.", [nameof(Language)]);
        }

        if (ParseTime(WindowStart) is not { } start || ParseTime(WindowEnd) is not { } end || start >= end)
        {
            yield return new ValidationResult("WindowStart and WindowEnd are HH:mm in the shop's time zone, start before end (end may be 24:00).", [nameof(WindowStart), nameof(WindowEnd)]);
        }

        if (MinAmount > MaxAmount)
        {
            yield return new ValidationResult("MinAmount is above MaxAmount.", [nameof(MinAmount), nameof(MaxAmount)]);
        }

        foreach (var (name, list) in new[] { (nameof(IncludeProducts), IncludeProducts), (nameof(ExcludeProducts), ExcludeProducts), (nameof(Blacklist), Blacklist), (nameof(SkipBuyerTags), SkipBuyerTags) })
        {
            if (list is not null && (list.Count > MaxListLength || list.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 128)))
            {
                yield return new ValidationResult($"{name} holds at most {MaxListLength} non-empty values of up to 128 characters.", [name]);
            }
        }

        if (Steps is null || Steps.Count is 0 or > MaxSteps)
        {
            yield return new ValidationResult($"Steps holds 1 to {MaxSteps} steps.", [nameof(Steps)]);
            yield break;
        }

        for (var index = 0; index < Steps.Count; index++)
        {
            var step = Steps[index];
            var field = $"Steps[{index}]";
            if (step is null || (step.DelayMinutes is null) == (step.BeforeAutoCloseMinutes is null))
            {
                yield return new ValidationResult("A step has either delayMinutes or beforeAutoCloseMinutes.", [field]);
                continue;
            }

            if (step.DelayMinutes is < 0 or > 43_200 || step.BeforeAutoCloseMinutes is < 1 or > 43_200)
            {
                yield return new ValidationResult("delayMinutes is 0 to 43200 (30 days), beforeAutoCloseMinutes 1 to 43200.", [field]);
            }

            if (step.BeforeAutoCloseMinutes is not null && Kind == ReminderKind.AbandonedCart)
            {
                yield return new ValidationResult("A cart does not close by itself: abandoned_cart steps use delayMinutes.", [field]);
            }

            var template = Language == "en" ? step.TemplateEn : step.TemplateZh;
            if (string.IsNullOrWhiteSpace(template))
            {
                yield return new ValidationResult($"Every step needs a template in the rule's language ({(Language == "en" ? "templateEn" : "templateZh")}).", [field]);
            }

            foreach (var text in new[] { step.TemplateZh, step.TemplateEn })
            {
                if (text is null)
                {
                    continue;
                }

                if (text.Length > 1000)
                {
                    yield return new ValidationResult("A template is at most 1000 characters.", [field]);
                }

                var unknown = ReminderPlan.UnknownVariables(text).ToList();
                if (unknown.Count > 0)
                {
                    yield return new ValidationResult(
                        $"Unknown template variable(s) {string.Join(", ", unknown.Select(u => "{" + u + "}"))}; known: {string.Join(", ", ReminderPlan.TemplateVariables.Select(v => "{" + v + "}"))}.", [field]);
                }
            }
        }
    }

    // "HH:mm" as minutes after midnight; "24:00" is the end of the day.
    public static int? ParseTime(string? text) =>
        text == "24:00" ? 1440
        : TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.Hour * 60 + time.Minute
        : null;
}

public sealed record ReminderRuleResponse(
    long Id, string Name, string Kind, bool Enabled, IReadOnlyList<ReminderStepRequest> Steps, string WindowStart, string WindowEnd,
    int MaxPerOrder, bool OnePerBuyerPerDay, int? SkipIfPaidWithinHours, long? MinAmount, long? MaxAmount,
    IReadOnlyList<string> IncludeProducts, IReadOnlyList<string> ExcludeProducts, IReadOnlyList<string> Blacklist, IReadOnlyList<string> SkipBuyerTags,
    int HoldoutPercent, string Language, string? Coupon, DateTime CreatedAt, DateTime UpdatedAt);

// Previews a step for a stored order (platform + orderId) or, without one, for a sample order.
public sealed record ReminderPreviewRequest(
    [property: Range(1, ReminderRuleRequest.MaxSteps)] int Step = 1,
    [property: RegularExpression("^(zh|en)$", ErrorMessage = "Language is zh or en.")] string? Language = null,
    [property: StringLength(128)] string? OrderId = null,
    [property: StringLength(20)] string Platform = "generic");

public sealed record ReminderPreviewResponse(long RuleId, int Step, string Language, string Text, bool SampleOrder);

public sealed record ReminderTimelineItem(long Id, string Kind, long RuleId, int Step, bool Holdout, string Status, string? SkipReason, DateTime DueAt, int Deferrals,
    DateTime? ProcessedAt, string? OutboxStatus);

public sealed record OrderTimeline(string Platform, string OrderId, string Kind, string Status, string? BuyerId, long AmountMinor, long? BalanceMinor,
    DateTime? OrderCreatedAt, DateTime? AutoCloseAt, DateTime? DepositPaidAt, DateTime? PaidAt, DateTime? ClosedAt, bool SeenCreated,
    IReadOnlyList<ReminderTimelineItem> Reminders);
