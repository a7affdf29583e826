using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Tests.Recommendations;

// A catalog small enough that every expected recommendation can be worked out by hand.
internal static class TinyShop
{
    public static readonly CatalogGraph Catalog = new(
        [
            Product("DRESS-A", "W-DRS", "W", 20000,
                Sku("DRESS-A-RED-S", "红色", "S", 20000, 0), Sku("DRESS-A-RED-M", "红色", "M", 20000, 0),
                Sku("DRESS-A-BLACK-S", "黑色", "S", 20000, 0), Sku("DRESS-A-BLACK-M", "黑色", "M", 20000, 5),
                Sku("DRESS-A-WHITE-M", "白色", "M", 20000, 3), Sku("DRESS-A-GREEN-L", "绿色", "L", 20000, 7)),
            Product("DRESS-B", "W-DRS", "W", 12000, Sku("DRESS-B-RED-M", "红色", "M", 12000, 4), Sku("DRESS-B-RED-S", "红色", "S", 12000, 0)),
            Product("DRESS-C", "W-DRS", "W", 30000, Sku("DRESS-C-RED-M", "红色", "M", 30000, 0), Sku("DRESS-C-RED-S", "红色", "S", 30000, 2)),
            Product("DRESS-D", "W-DRS", "W", 15000, Sku("DRESS-D-RED-M", "红色", "M", 15000, 0)),
            Product("CARDI", "W-KNT", "W", 9000, Sku("CARDI-WHITE-M", "白色", "M", 9000, 5)),
            Product("SCARF", "A-SCF", "A", 5000),
            Product("HAT", "A-HAT", "A", 4000, Sku("HAT-BLACK", "黑色", "ONE_SIZE", 4000, 0)),
            Product("TEE", "M-TEE", "M", 8000, Sku("TEE-WHITE-L", "白色", "L", 8000, 9)),
            Product("JEANS", "M-PNT", "M", 16000, Sku("JEANS-BLUE-30", "蓝色", "30", 16000, 9)),
        ],
        [
            new("DRESS-B", "DRESS-A", RelationTypes.SimilarTo),
            new("DRESS-C", "DRESS-A", RelationTypes.UpgradeOf),
            new("CARDI", "DRESS-A", RelationTypes.BundleWith),
            new("SCARF", "DRESS-A", RelationTypes.AccessoryOf),
            new("HAT", "DRESS-A", RelationTypes.AccessoryOf),
        ]);

    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static CatalogProduct Product(string code, string category, string parent, long price, params CatalogSku[] skus) =>
        new(code, category, parent, price, skus);

    public static CatalogSku Sku(string code, string colour, string size, long price, int stock) => new(code, colour, size, price, stock);

    // `count` copies of each basket, one day apart, in the order given.
    public static List<Basket> Orders(int count, params string[][] baskets)
    {
        var orders = new List<Basket>();
        for (var i = 0; i < count; i++)
        {
            foreach (var products in baskets)
            {
                orders.Add(new Basket($"O{orders.Count + 1}", $"B{orders.Count % 50}", Start.AddHours(orders.Count), products));
            }
        }

        return orders;
    }

    public static IReadOnlyList<Recommendation> Recommend(this RecommendationModel model, RecommendationScene scene, params string[] context) =>
        model.Recommend(new RecommendationQuery(scene, context));
}
