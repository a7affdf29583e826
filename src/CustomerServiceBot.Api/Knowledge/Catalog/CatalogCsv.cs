using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CustomerServiceBot.Api.Knowledge.Catalog;

// Products and SKUs as CSV (RFC 4180, UTF-8): one row per SKU with the product's columns repeated (a later
// row may leave them empty). Amounts are in major units ("259" or "259.50"); aliases are separated by "|";
// attributes are "key=value;key=value" or a JSON object. docs/knowledge.md has an example.
internal static partial class CatalogCsv
{
    public static readonly string[] Columns =
    [
        "product_code", "title", "title_en", "category", "list_price", "aliases", "description", "image_url", "attributes",
        "sku_code", "colour", "size", "price", "stock", "barcode", "sku_attributes",
    ];

    public static readonly string[] RequiredColumns = ["product_code", "title", "sku_code", "price", "stock"];

    private static readonly string[] ProductColumns = ["title", "title_en", "category", "list_price", "aliases", "description", "image_url", "attributes"];

    public sealed record ParseResult(CatalogDocument Document, List<CatalogProblem> Problems, Func<CatalogProblem, CatalogProblem> Locate);

    public static ParseResult Parse(string text)
    {
        var problems = new List<CatalogProblem>();
        var records = ReadRecords(text, problems);
        var empty = new CatalogDocument(null, null, [], null, null, null, null, null);
        if (records.Count == 0)
        {
            problems.Add(new CatalogProblem("line 1", "The file is empty: it needs a header row (" + string.Join(",", Columns) + ")."));
            return new ParseResult(empty, problems, p => p);
        }

        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new CatalogProblem("line 1", $"Missing required column(s): {string.Join(", ", missing)}. The header has: {string.Join(", ", header)}."));
        }

        foreach (var unknown in header.Where(h => !Columns.Contains(h)))
        {
            problems.Add(new CatalogProblem("line 1", $"Unknown column '{unknown}'. Known columns: {string.Join(", ", Columns)}."));
        }

        foreach (var duplicate in header.GroupBy(h => h).Where(g => g.Count() > 1))
        {
            problems.Add(new CatalogProblem("line 1", $"Column '{duplicate.Key}' appears more than once."));
        }

        if (problems.Count > 0)
        {
            return new ParseResult(empty, problems, p => p);
        }

        var index = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        var products = new List<(int Line, string Code, Dictionary<string, string> Values, List<(int Line, CatalogSku Sku)> Skus)>();
        var byCode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var at = $"line {record.Line}";
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
            {
                continue;
            }

            if (record.Fields.Count != header.Count)
            {
                problems.Add(new CatalogProblem(at, $"Expected {header.Count} fields like the header, found {record.Fields.Count}."));
                continue;
            }

            string Get(string column) => index.TryGetValue(column, out var i) ? record.Fields[i].Trim() : "";
            var code = Get("product_code");
            if (code.Length == 0)
            {
                problems.Add(new CatalogProblem(at + ", column product_code", "A product code is required."));
                continue;
            }

            if (!byCode.TryGetValue(code, out var productIndex))
            {
                byCode[code] = productIndex = products.Count;
                products.Add((record.Line, code, ProductColumns.ToDictionary(c => c, Get), []));
            }
            else
            {
                var first = products[productIndex];
                foreach (var column in ProductColumns)
                {
                    var value = Get(column);
                    if (value.Length > 0 && value != first.Values[column])
                    {
                        problems.Add(new CatalogProblem($"{at}, column {column}",
                            $"Product '{code}' has '{value}' here but '{first.Values[column]}' on line {first.Line}; a product's columns must agree."));
                    }
                }
            }

            var skuCode = Get("sku_code");
            if (skuCode.Length == 0)
            {
                continue;
            }

            var attributes = ParseAttributes(Get("sku_attributes"), $"{at}, column sku_attributes", problems) ?? [];
            if (Get("colour") is { Length: > 0 } colour)
            {
                attributes[View.ShopKnowledge.ColourAttribute] = colour;
            }

            if (Get("size") is { Length: > 0 } size)
            {
                attributes[View.ShopKnowledge.SizeAttribute] = size;
            }

            var price = ParseAmount(Get("price"), $"{at}, column price", problems);
            var stock = ParseStock(Get("stock"), $"{at}, column stock", problems);
            products[productIndex].Skus.Add((record.Line, new CatalogSku(skuCode, attributes, price, stock, NullIfEmpty(Get("barcode")))));
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<CatalogProduct>();
        for (var i = 0; i < products.Count; i++)
        {
            var (line, code, values, skus) = products[i];
            lines[$"/products/{i}"] = line;
            for (var s = 0; s < skus.Count; s++)
            {
                lines[$"/products/{i}/skus/{s}"] = skus[s].Line;
            }

            var at = $"line {line}";
            var listPrice = values["list_price"].Length == 0 && skus.Count > 0
                ? skus.Min(s => s.Sku.Price)
                : ParseAmount(values["list_price"], at + ", column list_price", problems);
            items.Add(new CatalogProduct(
                code,
                values["title"],
                NullIfEmpty(values["title_en"]),
                NullIfEmpty(values["category"]),
                values["aliases"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                NullIfEmpty(values["description"]),
                NullIfEmpty(values["image_url"]),
                listPrice,
                ParseAttributes(values["attributes"], at + ", column attributes", problems) ?? [],
                skus.Select(s => s.Sku).ToList()));
        }

        return new ParseResult(empty with { Products = items }, problems, problem => Locate(problem, lines));
    }

    // A validator problem at "/products/3/skus/1/price" becomes "line 12, column price".
    private static CatalogProblem Locate(CatalogProblem problem, Dictionary<string, int> lines)
    {
        var match = PathPattern().Match(problem.Location);
        if (!match.Success || !lines.TryGetValue(match.Groups["owner"].Value, out var line))
        {
            return problem;
        }

        var isSku = match.Groups["owner"].Value.Contains("/skus/", StringComparison.Ordinal);
        var column = match.Groups["field"].Value switch
        {
            "code" => isSku ? "sku_code" : "product_code",
            "listPrice" => "list_price",
            "titleEn" => "title_en",
            "imageUrl" => "image_url",
            "attributes" => isSku ? "sku_attributes" : "attributes",
            "" => null,
            var field => field,
        };
        return problem with { Location = column is null ? $"line {line}" : $"line {line}, column {column}" };
    }

    [GeneratedRegex(@"^(?<owner>/products/\d+(/skus/\d+)?)(/(?<field>[A-Za-z]+))?")]
    private static partial Regex PathPattern();

    public static string Write(CatalogDocument document)
    {
        var builder = new StringBuilder();
        builder.AppendJoin(',', Columns).Append("\r\n");
        foreach (var product in document.Products ?? [])
        {
            var productFields = new[]
            {
                product.Code, product.Title, product.TitleEn ?? "", product.Category ?? "", FormatAmount(product.ListPrice),
                string.Join('|', product.Aliases ?? []), product.Description ?? "", product.ImageUrl ?? "", FormatAttributes(product.Attributes),
            };
            if (product.Skus is not { Count: > 0 })
            {
                WriteRow(builder, [.. productFields, "", "", "", "", "", "", ""]);
                continue;
            }

            foreach (var sku in product.Skus)
            {
                var rest = new Dictionary<string, string>(sku.Attributes ?? []);
                rest.Remove(View.ShopKnowledge.ColourAttribute, out var colour);
                rest.Remove(View.ShopKnowledge.SizeAttribute, out var size);
                WriteRow(builder,
                [
                    .. productFields, sku.Code, colour ?? "", size ?? "", FormatAmount(sku.Price),
                    sku.Stock.ToString(CultureInfo.InvariantCulture), sku.Barcode ?? "", FormatAttributes(rest),
                ]);
            }
        }

        return builder.ToString();
    }

    private static void WriteRow(StringBuilder builder, string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                builder.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                builder.Append(field);
            }
        }

        builder.Append("\r\n");
    }

    // JSON keeps any key or value (with '=' or ';' in it) intact; it is also what the export writes.
    private static string FormatAttributes(Dictionary<string, string>? attributes) =>
        attributes is not { Count: > 0 } ? "" : JsonSerializer.Serialize(attributes, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Dictionary<string, string>? ParseAttributes(string text, string at, List<CatalogProblem> problems)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (text.StartsWith('{'))
        {
            try
            {
                return JsonSerializer.Deserialize<Dictionary<string, string>>(text);
            }
            catch (JsonException)
            {
                problems.Add(new CatalogProblem(at, "Attributes starting with '{' must be a JSON object of strings, e.g. {\"面料\":\"100%棉\"}."));
                return null;
            }
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=');
            if (separator <= 0)
            {
                problems.Add(new CatalogProblem(at, $"'{pair}' is not key=value (attributes are key=value;key=value or a JSON object)."));
                continue;
            }

            result[pair[..separator].Trim()] = pair[(separator + 1)..].Trim();
        }

        return result;
    }

    private static long ParseAmount(string text, string at, List<CatalogProblem> problems)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || decimal.Round(amount, 2) != amount)
        {
            problems.Add(new CatalogProblem(at, $"'{text}' is not an amount: use a number with at most two decimals, e.g. 259 or 259.50."));
            return 0;
        }

        return (long)(amount * 100);
    }

    private static int ParseStock(string text, string at, List<CatalogProblem> problems)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var stock))
        {
            problems.Add(new CatalogProblem(at, $"'{text}' is not a whole number of items."));
        }

        return stock;
    }

    private static string FormatAmount(long minor) =>
        minor % 100 == 0 ? (minor / 100).ToString(CultureInfo.InvariantCulture) : (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private sealed record Record(int Line, List<string> Fields);

    // RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; Line is where the record starts.
    private static List<Record> ReadRecords(string text, List<CatalogProblem> problems)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            i = 1;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new Record(recordLine, fields));
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            problems.Add(new CatalogProblem($"line {recordLine}", "A quoted field is not closed before the end of the file."));
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new Record(recordLine, fields));
        }

        return records;
    }
}
