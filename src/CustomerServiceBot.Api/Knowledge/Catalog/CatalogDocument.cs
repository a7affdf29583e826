using System.Text.Json;

namespace CustomerServiceBot.Api.Knowledge.Catalog;

// The whole-catalog JSON format (data/demo/catalog.json is an example; docs/knowledge.md describes it).
// Prices are minor units. Every list is optional: an import upserts what it holds and leaves the rest.
public sealed record CatalogDocument(
    CatalogShop? Shop,
    List<CatalogCategory>? Categories,
    List<CatalogProduct>? Products,
    List<CatalogRelation>? Relations,
    List<CatalogSizeChart>? SizeCharts,
    List<CatalogPolicy>? Policies,
    List<CatalogFaq>? Faqs,
    List<CatalogPromotion>? Promotions);

public sealed record CatalogShop(string? Name, string? NameEn, string? Currency, string? Language, string? TimeZone);

public sealed record CatalogCategory(string Code, string Name, string? NameEn, string? Parent, Dictionary<string, string>? Attributes);

public sealed record CatalogProduct(
    string Code,
    string Title,
    string? TitleEn,
    string? Category,
    List<string>? Aliases,
    string? Description,
    string? ImageUrl,
    long ListPrice,
    Dictionary<string, string>? Attributes,
    List<CatalogSku>? Skus);

public sealed record CatalogSku(string Code, Dictionary<string, string>? Attributes, long Price, int Stock, string? Barcode);

public sealed record CatalogRelation(string From, string To, string Type);

public sealed record CatalogSizeChart(string Code, string Name, List<string>? Categories, string? Note, List<SizeChartRow>? Rows);

public sealed record CatalogPolicy(string Kind, string Title, string Content, string? ContentEn, JsonElement? Data);

public sealed record CatalogFaq(string? Code, List<string>? Questions, string Answer, string? AnswerEn);

public sealed record CatalogPromotion(
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
    List<string>? ProductCodes,
    string? Description,
    string? DescriptionEn);

// One problem of an import, located by JSON pointer (JSON) or line number (CSV).
public sealed record CatalogProblem(string Location, string Message);

public sealed record CatalogImportSummary(
    int Categories, int Products, int Skus, int Relations, int SizeCharts, int Policies, int Faqs, int Promotions);

public sealed record CatalogImportResult(bool DryRun, bool Imported, CatalogImportSummary Summary, IReadOnlyList<CatalogProblem> Problems);
