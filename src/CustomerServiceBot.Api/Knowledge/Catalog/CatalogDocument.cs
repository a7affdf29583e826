namespace CustomerServiceBot.Api.Knowledge.Catalog;

// The whole-catalog JSON format (data/demo/catalog.json is an example). Prices are minor units.
public sealed record CatalogDocument(
    CatalogShop? Shop,
    List<CatalogCategory>? Categories,
    List<CatalogProduct>? Products,
    List<CatalogPolicy>? Policies);

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

public sealed record CatalogPolicy(string Kind, string Title, string Content, string? ContentEn, System.Text.Json.JsonElement? Data);
