using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CustomerServiceBot.Api.Knowledge.Answers;

namespace CustomerServiceBot.Api.Reminders;

// The rules' arithmetic, without I/O: which rule takes an order, when each step is due, whether an
// order is in the holdout group, and the text a step sends.
internal static partial class ReminderPlan
{
    public static readonly IReadOnlyList<string> TemplateVariables = ["buyerNick", "items", "amount", "payLink", "coupon", "orderId"];

    // The first enabled rule of the chain's kind (oldest first) whose amount bounds and product lists admit the order.
    public static ReminderRule? Match(IEnumerable<ReminderRule> rules, string kind, long amount, IReadOnlyCollection<OrderItem> items) =>
        rules.Where(r => r.Enabled && r.Kind == kind).OrderBy(r => r.Id).FirstOrDefault(r => Admits(r, amount, items));

    public static bool Admits(ReminderRule rule, long amount, IReadOnlyCollection<OrderItem> items)
    {
        if (amount < rule.MinAmount || amount > rule.MaxAmount)
        {
            return false;
        }

        var products = items.Select(i => i.ProductId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return (rule.IncludeProducts.Count == 0 || rule.IncludeProducts.Any(products.Contains))
            && !rule.ExcludeProducts.Any(products.Contains);
    }

    // Deterministic from the shop and order ids, so every replica and every re-delivery puts an
    // order in the same group, and the share is what the merchant set (uniform in 0..9999).
    public static bool IsHoldout(string shopId, string platform, string orderId, int holdoutPercent)
    {
        if (holdoutPercent <= 0)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{shopId}\n{platform}\n{orderId}"));
        var bucket = BitConverter.ToUInt32(hash, 0) % 10_000;
        return bucket < holdoutPercent * 100;
    }

    // When each step is due, before the send window is applied. A step "before auto-close" needs
    // the order's auto-close time; without one it is left out.
    public static List<(int Step, DateTime DueAt)> DueTimes(ReminderRule rule, DateTime anchor, DateTime? autoCloseAt)
    {
        var due = new List<(int, DateTime)>();
        for (var index = 0; index < rule.Steps.Count; index++)
        {
            var step = rule.Steps[index];
            if (step.DelayMinutes is { } delay)
            {
                due.Add((index + 1, anchor.AddMinutes(delay)));
            }
            else if (step.BeforeAutoCloseMinutes is { } lead && autoCloseAt is { } closes)
            {
                due.Add((index + 1, closes.AddMinutes(-lead)));
            }
        }

        return due;
    }

    // The moment itself when it is inside the window, else the start of the next window (in the shop's zone).
    public static DateTime NextInWindow(DateTime utc, int startMinute, int endMinute, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var minute = local.Hour * 60 + local.Minute;
        if (minute >= startMinute && minute < endMinute)
        {
            return utc;
        }

        var day = minute < startMinute ? local.Date : local.Date.AddDays(1);
        var opens = DateTime.SpecifyKind(day.AddMinutes(startMinute), DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(opens, zone);
    }

    public static bool InWindow(DateTime utc, int startMinute, int endMinute, TimeZoneInfo zone) =>
        NextInWindow(utc, startMinute, endMinute, zone) == utc;

    // Local midnight of the shop's day containing `utc`, as UTC.
    public static DateTime StartOfLocalDay(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local.Date, DateTimeKind.Unspecified), zone);
    }

    public static string? Template(ReminderStep step, string language) =>
        language == "en" ? step.TemplateEn : step.TemplateZh;

    // Variables the template names that do not exist; the admin API refuses such a template.
    public static IEnumerable<string> UnknownVariables(string template) =>
        Variable().Matches(template).Select(m => m.Groups[1].Value).Where(v => !TemplateVariables.Contains(v)).Distinct();

    public sealed record Values(string? BuyerNick, IReadOnlyList<OrderItem> Items, long AmountMinor, string Currency, string? PayUrl, string? Coupon, string OrderId, string Salutation);

    public static string Render(string template, string language, Values values) =>
        Variable().Replace(template, match => match.Groups[1].Value switch
        {
            "buyerNick" => values.BuyerNick ?? (language == "en" ? "there" : values.Salutation),
            "items" => ItemsSummary(values.Items, language),
            "amount" => Money.Format(values.AmountMinor, values.Currency),
            "payLink" => values.PayUrl ?? "",
            "coupon" => values.Coupon ?? "",
            "orderId" => values.OrderId,
            _ => match.Value,
        });

    public static string ItemsSummary(IReadOnlyList<OrderItem> items, string language)
    {
        const int shown = 3;
        var names = items.Take(shown).Select(i => i.Quantity > 1 ? $"{i.Title} ×{i.Quantity.ToString(CultureInfo.InvariantCulture)}" : i.Title);
        var text = string.Join(language == "en" ? ", " : "、", names);
        var rest = items.Count - shown;
        return rest <= 0 ? text
            : language == "en" ? $"{text} and {rest.ToString(CultureInfo.InvariantCulture)} more"
            : $"{text}等{items.Count.ToString(CultureInfo.InvariantCulture)}件商品";
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Variable();
}
