using System.Globalization;
using CustomerServiceBot.Api.Reminders;

namespace CustomerServiceBot.Api.Buyers;

internal sealed record BuyerTag(string Tag, string Reason, string Source);

// The tags a buyer's profile earns, each with the reason a merchant can read. Computed, never
// stored as truth: the stored list only serves "who carries tag X" and is re-checked on read,
// because "high intent" ends with the day and "at risk" fades.
internal static class BuyerTags
{
    public const string New = "new";
    public const string Repeat = "repeat";
    public const string Vip = "vip";
    public const string PriceSensitive = "price_sensitive";
    public const string HighIntent = "high_intent";
    public const string AtRisk = "at_risk";
    public const string SizePrefix = "size:";

    public const string Computed = "computed";
    public const string Manual = "manual";

    public static IReadOnlyList<string> ComputedTags { get; } = [New, Repeat, Vip, PriceSensitive, HighIntent, AtRisk];

    public static List<BuyerTag> Compute(BuyerProfile profile, BuyerOptions options, DateTime now, TimeZoneInfo zone)
    {
        var tags = new List<BuyerTag>();
        var money = (profile.SpendMinor / 100m).ToString("0.##", CultureInfo.InvariantCulture);
        if (profile.PaidOrders >= options.VipPaidOrders || profile.SpendMinor >= options.VipSpendMinor)
        {
            tags.Add(new(Vip, $"{profile.PaidOrders} paid orders, {money} spent", Computed));
        }
        else if (profile.PaidOrders >= options.RepeatPaidOrders)
        {
            tags.Add(new(Repeat, $"{profile.PaidOrders} paid orders", Computed));
        }
        else
        {
            tags.Add(new(New, profile.PaidOrders == 0 ? "no paid order yet" : "one paid order", Computed));
        }

        if (profile.PriceQuestions >= options.PriceSensitiveQuestions)
        {
            tags.Add(new(PriceSensitive, $"asked about bargains or coupons {profile.PriceQuestions} times", Computed));
        }

        if (IsHighIntent(profile, options, now, zone))
        {
            tags.Add(new(HighIntent, $"asked about price, stock or size {profile.PurchaseQuestionsToday} times today without ordering", Computed));
        }

        var riskSince = now.AddDays(-options.AtRiskDays);
        string Day(DateTime utc) => LocalDate(utc, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (profile.LastComplaintAt is { } complained && complained >= riskSince)
        {
            tags.Add(new(AtRisk, $"complained on {Day(complained)} ({profile.Complaints} complaints)", Computed));
        }
        else if (profile.LastAngryAt is { } angry && angry >= riskSince)
        {
            tags.Add(new(AtRisk, $"angry on {Day(angry)} ({profile.AngryMessages} angry messages)", Computed));
        }

        if (profile.SizesBought.FirstOrDefault() is { } size)
        {
            tags.Add(new(SizePrefix + size.Value, $"bought size {size.Value} {size.Count} times", Computed));
        }

        foreach (var manual in profile.ManualTags)
        {
            if (!tags.Any(t => t.Tag == manual))
            {
                tags.Add(new(manual, "added by the merchant", Manual));
            }
        }

        return tags;
    }

    public static bool IsHighIntent(BuyerProfile profile, BuyerOptions options, DateTime now, TimeZoneInfo zone)
    {
        var dayStart = ReminderPlan.StartOfLocalDay(now, zone);
        return profile.IntentDay == LocalDate(now, zone)
            && profile.PurchaseQuestionsToday >= options.HighIntentQuestionsPerDay
            && !(profile.LastOrderAt >= dayStart);
    }

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

    // A merchant's tag: short, no spaces, not one the profile computes.
    public static string? ManualTagProblem(string tag)
    {
        if (tag.Length is 0 or > 40 || tag.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "A tag is 1-40 characters without spaces or control characters.";
        }

        return ComputedTags.Contains(tag, StringComparer.OrdinalIgnoreCase) || tag.StartsWith(SizePrefix, StringComparison.OrdinalIgnoreCase)
            ? $"'{tag}' is computed from the buyer's orders and conversations and cannot be set by hand."
            : null;
    }
}
