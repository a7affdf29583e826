using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Buyers;

// Where the computed tags draw their lines. Shop-independent defaults; they are in configuration
// because "VIP" means different money in different trades.
internal sealed class BuyerOptions
{
    public const string Section = "Buyers";

    [Range(2, 1000)]
    public int RepeatPaidOrders { get; set; } = 2;

    [Range(1, 10_000)]
    public int VipPaidOrders { get; set; } = 5;

    // Minor units: ¥2,000.
    [Range(1, long.MaxValue)]
    public long VipSpendMinor { get; set; } = 200_000;

    [Range(1, 1000)]
    public int PriceSensitiveQuestions { get; set; } = 2;

    [Range(1, 1000)]
    public int HighIntentQuestionsPerDay { get; set; } = 3;

    [Range(1, 365)]
    public int AtRiskDays { get; set; } = 14;
}
