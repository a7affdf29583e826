using System.Text.Json;

namespace CustomerServiceBot.Api.Knowledge.View;

internal static class NodeKinds
{
    public const string Category = "category";
    public const string Product = "product";
    public const string Sku = "sku";
    public const string Relation = "relation";
    public const string SizeChart = "size_chart";
    public const string Policy = "policy";
    public const string Faq = "faq";
    public const string Promotion = "promotion";
}

// The grounding of an answer: which node (table row) a fact came from.
public sealed record KnowledgeNodeRef(string Kind, long Id);

internal sealed record AttributeValue(string Value, KnowledgeNodeRef Source);

internal sealed record CategoryNode(long Id, string Code, string Name, string? NameEn, long? ParentId);

internal sealed class ProductNode
{
    public required long Id { get; init; }
    public required string Code { get; init; }
    public required string Title { get; init; }
    public string? TitleEn { get; init; }
    public required string[] Aliases { get; init; }
    public long ListPrice { get; init; }
    public string? ImageUrl { get; init; }
    public CategoryNode? Category { get; init; }
    // Category chain first, then the product's own values on top; SKU values override at answer time.
    public required Dictionary<string, AttributeValue> Attributes { get; init; }
    public SkuNode[] Skus { get; set; } = [];
    public RelationEdge[] Relations { get; set; } = [];
    public SizeChartNode? SizeChart { get; set; }
    public string[] Colours { get; set; } = [];
    public string[] Sizes { get; set; } = [];
    public KnowledgeNodeRef Ref => new(NodeKinds.Product, Id);

    public string DisplayTitle(string language) => language == "en" && TitleEn is not null ? TitleEn : Title;

    // The lowest price a buyer can pay: the cheapest SKU, or the list price when there are no SKUs.
    public long FromPrice => Skus.Length == 0 ? ListPrice : Skus.Min(s => s.Price);

    // A product with SKUs is sold out when none has stock; one without SKUs is not tracked.
    public bool InStock => Skus.Length == 0 || Skus.Any(s => s.Stock > 0);
}

internal sealed class SkuNode
{
    public required long Id { get; init; }
    public required string Code { get; init; }
    public required long ProductId { get; init; }
    public string? Colour { get; init; }
    public string? Size { get; init; }
    // The SKU's own values (colour, size and whatever else the merchant set on it).
    public required KeyValuePair<string, string>[] Attributes { get; init; }
    public long Price { get; init; }
    public int Stock { get; init; }
    public string? Barcode { get; init; }
    public KnowledgeNodeRef Ref => new(NodeKinds.Sku, Id);

    public string Variant => Colour is not null && Size is not null ? Colour + "/" + Size : Colour ?? Size ?? Code;
}

internal sealed record RelationEdge(long RelationId, string Type, long OtherProductId, bool Outgoing);

internal sealed record SizeChartNode(long Id, string Code, string Name, string? Note, SizeChartRow[] Rows)
{
    public KnowledgeNodeRef Ref => new(NodeKinds.SizeChart, Id);
}

internal sealed record PolicyNode(long Id, string Kind, string Title, string Content, string? ContentEn, JsonElement Data)
{
    public KnowledgeNodeRef Ref => new(NodeKinds.Policy, Id);

    public string? String(string name) => Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public long? Number(string name) => Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    public bool? Flag(string name) => Data.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public string[] Strings(string name) => Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
        : [];

    public IEnumerable<JsonElement> Objects(string name) => Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object)
        : [];
}

internal sealed record PromotionNode(
    long Id,
    string Code,
    string Title,
    string? TitleEn,
    string Kind,
    long ThresholdAmount,
    long DiscountAmount,
    int? PercentOff,
    int? MinQuantity,
    DateTime StartsAt,
    DateTime EndsAt,
    HashSet<long>? ProductIds,
    string? Description,
    string? DescriptionEn)
{
    public KnowledgeNodeRef Ref => new(NodeKinds.Promotion, Id);

    public bool IsActive(DateTime now) => StartsAt <= now && now <= EndsAt;

    public bool AppliesTo(long productId) => ProductIds is null || ProductIds.Contains(productId);

    public string DisplayTitle(string language) => language == "en" && TitleEn is not null ? TitleEn : Title;
}

internal sealed record FaqNode(long Id, string Code, string[] Questions, string Answer, string? AnswerEn)
{
    public KnowledgeNodeRef Ref => new(NodeKinds.Faq, Id);
}
