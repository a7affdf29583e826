using System.ComponentModel.DataAnnotations;
using CustomerServiceBot.Api.Knowledge.Answers;
using CustomerServiceBot.Api.Knowledge.Catalog;

namespace CustomerServiceBot.Api.Knowledge;

public sealed record ProductSummary(long Id, string Code, string Title, string? Category, int Skus, long MinPrice, long MaxPrice, int Stock);

public sealed record ProductResponse(long Id, CatalogProduct Product);

public sealed record SkuRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string ProductCode,
    Dictionary<string, string>? Attributes,
    long Price,
    int Stock,
    string? Barcode);

public sealed record SkuResponse(long Id, string ProductCode, CatalogSku Sku);

public sealed record RelationResponse(long Id, string From, string To, string Type);

public sealed record TemplateRequest([property: Required, StringLength(2000, MinimumLength = 1)] string Text);

public sealed record TemplateResponse(string Kind, string Language, string Text, bool Custom, IReadOnlyList<string> Variables);

public sealed record AnswerPreviewRequest(
    [property: Required] AnswerQuery Query,
    ConversationFocus? Focus,
    [property: StringLength(64)] string? FocusProductCode);
