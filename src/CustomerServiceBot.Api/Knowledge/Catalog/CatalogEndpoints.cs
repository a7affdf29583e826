using System.Buffers;
using System.Text;
using System.Text.Json;
using CustomerServiceBot.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CustomerServiceBot.Api.Knowledge.Catalog;

// Whole-catalog import and export, JSON (every node type) and CSV (products and SKUs). An import is
// validated as a whole first: any problem → 400 listing every problem with its place, nothing written.
internal static class CatalogEndpoints
{
    // A 100,000-SKU catalog is ~30 MB of JSON; the default body limit (64 KiB) is for everything else.
    public const long MaxImportBytes = 64L * 1024 * 1024;

    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/catalog", ImportJson).WithName("ImportCatalog")
            .WithSummary("Import (upsert by code) a whole catalog as JSON; ?dryRun=true only validates")
            .WithDescription("The format of data/demo/catalog.json. Rejects non-UTF-8 input, and any invalid node rejects the whole import.")
            .Accepts<CatalogDocument>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));
        group.MapPost("/catalog/csv", ImportCsv).WithName("ImportCatalogCsv")
            .WithSummary("Import (upsert by code) products and SKUs from CSV; ?dryRun=true only validates")
            .WithDescription("Send the file as the raw body (text/csv, UTF-8). Columns: " + string.Join(",", CatalogCsv.Columns) +
                "; required: " + string.Join(",", CatalogCsv.RequiredColumns) + ". Amounts in major units (259.50).")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));
        group.MapGet("/catalog", ExportJson).WithName("ExportCatalog").WithSummary("Export the whole catalog as JSON (the import format)");
        group.MapGet("/catalog/csv", ExportCsv).WithName("ExportCatalogCsv").WithSummary("Export products and SKUs as CSV (the import format)");
        return group;
    }

    private static async Task<Results<Ok<CatalogImportResult>, ValidationProblem>> ImportJson(
        string shopId, HttpRequest request, KnowledgeWriter writer, CancellationToken cancellationToken, bool dryRun = false)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (CheckUtf8(body) is { } encoding)
        {
            return KnowledgeWriter.Invalid([encoding], title: "The catalog is not UTF-8; nothing was imported.");
        }

        CatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogDocument>(SkipBom(body), JsonSerializerOptions.Web);
        }
        catch (JsonException exception)
        {
            var location = $"line {exception.LineNumber + 1}" + (exception.Path is { Length: > 0 } path ? $", {path}" : "");
            return KnowledgeWriter.Invalid([new CatalogProblem(location, "Not valid catalog JSON (a value of the wrong type or malformed JSON here): " + FirstSentence(exception.Message))],
                title: "The catalog is not valid JSON; nothing was imported.");
        }

        if (document is null)
        {
            return KnowledgeWriter.Invalid([new CatalogProblem("/", "The catalog must be a JSON object.")]);
        }

        return await ImportAsync(shopId, document, dryRun, writer, problem => problem, cancellationToken);
    }

    private static async Task<Results<Ok<CatalogImportResult>, ValidationProblem>> ImportCsv(
        string shopId, HttpRequest request, KnowledgeWriter writer, CancellationToken cancellationToken, bool dryRun = false)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (CheckUtf8(body) is { } encoding)
        {
            return KnowledgeWriter.Invalid([encoding], title: "The CSV file is not UTF-8; nothing was imported.");
        }

        var parsed = CatalogCsv.Parse(Encoding.UTF8.GetString(SkipBom(body)));
        if (parsed.Problems.Count > 0)
        {
            return KnowledgeWriter.Invalid(parsed.Problems, title: $"The CSV file has {parsed.Problems.Count} problem(s); nothing was imported.");
        }

        return await ImportAsync(shopId, parsed.Document, dryRun, writer, parsed.Locate, cancellationToken);
    }

    private static async Task<Results<Ok<CatalogImportResult>, ValidationProblem>> ImportAsync(
        string shopId, CatalogDocument document, bool dryRun, KnowledgeWriter writer, Func<CatalogProblem, CatalogProblem> locate, CancellationToken cancellationToken)
    {
        var problems = (await writer.UpsertAsync(shopId, document, dryRun, cancellationToken)).Select(locate).ToList();
        if (problems.Count > 0)
        {
            return KnowledgeWriter.Invalid(problems, title: $"The catalog has {problems.Count} problem(s); nothing was imported.");
        }

        var summary = new CatalogImportSummary(
            document.Categories?.Count ?? 0,
            document.Products?.Count ?? 0,
            document.Products?.Sum(p => p.Skus?.Count ?? 0) ?? 0,
            document.Relations?.Count ?? 0,
            document.SizeCharts?.Count ?? 0,
            document.Policies?.Count ?? 0,
            document.Faqs?.Count ?? 0,
            document.Promotions?.Count ?? 0);
        return TypedResults.Ok(new CatalogImportResult(dryRun, !dryRun, summary, []));
    }

    private static async Task<Ok<CatalogDocument>> ExportJson(string shopId, BotDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CatalogExporter.ExportAsync(db, shopId, cancellationToken));

    private static async Task<FileContentHttpResult> ExportCsv(string shopId, BotDbContext db, CancellationToken cancellationToken)
    {
        var document = await CatalogExporter.ExportAsync(db, shopId, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(CatalogCsv.Write(document)), "text/csv; charset=utf-8", $"{shopId}-catalog.csv");
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static ReadOnlySpan<byte> SkipBom(byte[] body) =>
        body.AsSpan().StartsWith("\uFEFF"u8) ? body.AsSpan(3) : body;

    // Names the first byte that is not UTF-8 and its line, so the merchant finds it in the file.
    public static CatalogProblem? CheckUtf8(byte[] body)
    {
        if (body.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }) || body.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return new CatalogProblem("line 1", "The file is UTF-16; save it as UTF-8.");
        }

        if (System.Text.Unicode.Utf8.IsValid(body))
        {
            return null;
        }

        var span = body.AsSpan();
        var offset = 0;
        while (offset < span.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(span[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        var line = span[..offset].Count((byte)'\n') + 1;
        return new CatalogProblem($"line {line}",
            $"The file is not valid UTF-8: byte 0x{span[offset]:X2} at offset {offset} (line {line}). Save it as UTF-8; spreadsheet exports in GBK/GB2312 are a common cause.");
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];
}
