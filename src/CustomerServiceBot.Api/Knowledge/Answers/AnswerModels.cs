using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CustomerServiceBot.Api.Knowledge.View;

namespace CustomerServiceBot.Api.Knowledge.Answers;

// What the conversation pipeline understood, independent of the NLU's own types: the intent label of
// the shipped taxonomy, and the entities it found. Everything but the intent is optional.
public sealed record AnswerQuery(
    [property: Required, StringLength(64, MinimumLength = 1)] string Intent,
    [property: Range(0.0, 1.0)] double Confidence = 1.0,
    IReadOnlyList<long>? ProductIds = null,
    IReadOnlyList<string>? ProductMentions = null,
    [property: StringLength(64)] string? Colour = null,
    [property: StringLength(32)] string? Size = null,
    [property: StringLength(64)] string? Attribute = null,
    [property: Range(50.0, 250.0)] double? HeightCm = null,
    [property: Range(10.0, 250.0)] double? WeightKg = null,
    [property: Range(1, 10000)] int? Quantity = null,
    [property: StringLength(64)] string? Area = null,
    [property: Range(0L, long.MaxValue)] long? Amount = null,
    [property: StringLength(1000)] string? Text = null,
    [property: RegularExpression("^(zh|en)$", ErrorMessage = "Language must be zh or en.")] string Language = "zh");

// What the conversation has settled so far: the product under discussion and the SKU picked.
public sealed record ConversationFocus(long? ProductId = null, long? SkuId = null);

[JsonConverter(typeof(JsonStringEnumConverter<AnswerStatus>))]
public enum AnswerStatus
{
    Answered,
    NoAnswer,
    Ambiguous,
}

public sealed record ProductCandidate(long Id, string Code, string Title);

// A grounded answer: the text, the facts it states, and the nodes those facts came from. When the graph
// cannot answer, Status says so, Kind names the reason, and Text is the honest reply for it.
public sealed record KnowledgeAnswer(
    AnswerStatus Status,
    string Kind,
    string Text,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyList<KnowledgeNodeRef> Sources,
    IReadOnlyList<ProductCandidate> Candidates,
    ConversationFocus Focus);

internal static class AnswerKinds
{
    public const string Price = "price";
    public const string Stock = "stock";
    public const string OutOfStock = "out_of_stock";
    public const string StockSummary = "stock_summary";
    public const string Variants = "variants";
    public const string Spec = "spec";
    public const string SpecSummary = "spec_summary";
    public const string Size = "size";
    public const string Compatible = "compatible";
    public const string Related = "related";
    public const string Compare = "compare";
    public const string ShippingTime = "shipping_time";
    public const string ShippingCarrier = "shipping_carrier";
    public const string ShippingFee = "shipping_fee";
    public const string DeliveryArea = "delivery_area";
    public const string ReturnPolicy = "return_policy";
    public const string ExchangePolicy = "exchange_policy";
    public const string Warranty = "warranty";
    public const string Invoice = "invoice";
    public const string PolicyText = "policy_text";
    public const string Promotions = "promotions";
    public const string Faq = "faq";

    // No answer: the reason is the kind.
    public const string UnknownProduct = "unknown_product";
    public const string ProductRequired = "product_required";
    public const string AmbiguousProduct = "ambiguous_product";
    public const string AttributeMissing = "attribute_missing";
    public const string VariantNotFound = "variant_not_found";
    public const string NoSizeChart = "no_size_chart";
    public const string OutOfSizeRange = "out_of_size_range";
    public const string BodyRequired = "body_required";
    public const string RelationUnknown = "relation_unknown";
    public const string PolicyMissing = "policy_missing";
    public const string NoMatch = "no_match";
}
