using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Recommendations;

internal sealed class RecommendationOptions
{
    public const string Section = "Recommendations";

    // A shop's model is rebuilt from its orders and conversations when it is older than this.
    [Range(1, 10_080)]
    public int RefreshMinutes { get; set; } = 60;

    // ...and sooner when the catalog changed, but not more often than this.
    [Range(0, 1440)]
    public int MinRebuildMinutes { get; set; } = 1;

    // Paid orders looked back at (days, newest first, at most MaxBaskets).
    [Range(1, 3650)]
    public int LookbackDays { get; set; } = 365;

    [Range(1, 1_000_000)]
    public int MaxBaskets { get; set; } = 100_000;

    // Buyers' recently viewed products, one session each.
    [Range(0, 1_000_000)]
    public int MaxViewSessions { get; set; } = 100_000;

    // Multi-item baskets needed before the learned ranker replaces the graph rules.
    [Range(1, 1_000_000)]
    public int MinBaskets { get; set; } = 200;
}
