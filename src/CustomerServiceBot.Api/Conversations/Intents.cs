namespace CustomerServiceBot.Api.Conversations;

// How the dialogue treats the intents of the shipped taxonomy.
internal static class Intents
{
    public const string AskHuman = "ask_human";
    public const string ComplaintAbuse = "complaint_abuse";
    public const string OutOfScope = "out_of_scope";
    public const string SizeRecommendation = "size_recommendation";

    public static readonly HashSet<string> SmallTalk = new(StringComparer.Ordinal)
    {
        "greeting", "thanks", "goodbye", "affirm", "deny", "chitchat",
    };

    // Questions about one product: a follow-up without a product ("那红色呢?") continues them.
    public static readonly HashSet<string> ProductQuestions = new(StringComparer.Ordinal)
    {
        "product_price", "product_stock", "product_spec", "product_variant", SizeRecommendation,
        "product_compare", "product_usage", "product_authenticity",
    };

    // Need an order and an action only the shop's people (or order system) can take.
    public static readonly HashSet<string> OrderService = new(StringComparer.Ordinal)
    {
        "logistics_tracking", "delivery_delay", "refund_status", "order_modify", "order_cancel",
        "payment_problem", "damaged_or_missing", "quality_complaint", "return_request", "exchange_request",
    };

    public static readonly HashSet<string> AfterSale = new(StringComparer.Ordinal)
    {
        "logistics_tracking", "delivery_delay", "return_policy", "return_request", "exchange_request",
        "refund_status", "quality_complaint", "damaged_or_missing", "warranty_repair",
    };

    public static string SootheKey(string? intent) => intent switch
    {
        "delivery_delay" or "logistics_tracking" or "shipping_time" => "soothe_delivery",
        "quality_complaint" or "damaged_or_missing" or "return_request" or "exchange_request" or "warranty_repair" => "soothe_quality",
        "payment_problem" or "refund_status" => "soothe_payment",
        _ => "soothe_general",
    };
}
