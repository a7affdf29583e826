using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Api.Recommendations;

// How a card's reason code reads to a buyer.
internal static class RecommendationReasons
{
    private static readonly Dictionary<string, (string Zh, string En)> Labels = new(StringComparer.Ordinal)
    {
        [ReasonCodes.Accessory] = ("配套", "goes with it"),
        [ReasonCodes.Bundle] = ("搭配购买", "bundle"),
        [ReasonCodes.BoughtTogether] = ("买了它的人也买了", "often bought together"),
        [ReasonCodes.ViewedTogether] = ("看了它的人也看了", "also viewed"),
        [ReasonCodes.Similar] = ("相似款", "similar"),
        [ReasonCodes.Upgrade] = ("升级款", "upgrade"),
        [ReasonCodes.Cheaper] = ("更便宜", "cheaper"),
        [ReasonCodes.OtherColour] = ("同款其他颜色", "same item, other colour"),
        [ReasonCodes.Popular] = ("热卖", "best seller"),
        [ReasonCodes.Care] = ("护理配件", "care accessory"),
    };

    // A "which one?" card: not a recommendation, one of the products the buyer may have meant.
    public const string Candidate = "candidate";

    // The graph relation behind a related-products answer's card, as a reason code.
    public static string ForRelation(string relationType) => relationType switch
    {
        RelationTypes.AccessoryOf or RelationTypes.CompatibleWith => ReasonCodes.Accessory,
        RelationTypes.BundleWith => ReasonCodes.Bundle,
        RelationTypes.UpgradeOf => ReasonCodes.Upgrade,
        _ => ReasonCodes.Similar,
    };

    public static string Label(string code, string language) =>
        Labels.TryGetValue(code, out var label) ? language == "en" ? label.En : label.Zh : code;
}
