using System.Globalization;

namespace CustomerServiceBot.Api.Knowledge.Answers;

internal static class Money
{
    // Minor units to a buyer-facing amount: 19900 → ¥199, 19950 → ¥199.50.
    public static string Format(long minorUnits, string currency)
    {
        var symbol = currency switch
        {
            "CNY" => "¥",
            "USD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" => "¥",
            _ => currency + " ",
        };
        var sign = minorUnits < 0 ? "-" : "";
        var absolute = Math.Abs(minorUnits);
        var whole = (absolute / 100).ToString(CultureInfo.InvariantCulture);
        var cents = absolute % 100;
        return cents == 0 ? $"{sign}{symbol}{whole}" : $"{sign}{symbol}{whole}.{cents:00}";
    }

    public static string Range(long min, long max, string currency) =>
        min == max ? Format(min, currency) : $"{Format(min, currency)}–{Format(max, currency)}";
}
