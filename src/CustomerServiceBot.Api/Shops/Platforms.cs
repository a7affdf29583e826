namespace CustomerServiceBot.Api.Shops;

// Platform names as they appear in routes (/webhooks/{platform}/...) and in stored rows.
internal static class Platforms
{
    public const string Generic = "generic";
    public const string Shopify = "shopify";
    public const string Chatwoot = "chatwoot";
    public const string Douyin = "douyin";

    public static readonly IReadOnlyList<string> All = [Generic, Shopify, Chatwoot, Douyin];

    public static bool IsKnown(string? platform) => platform is not null && All.Contains(platform, StringComparer.Ordinal);
}
