using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CustomerServiceBot.Recommendations;

// The distinct product codes of one paid order, in the order of its lines.
internal sealed record Basket(string OrderId, string BuyerId, DateTime OrderedAtUtc, IReadOnlyList<string> ProductCodes);

// What reading an order file found besides the baskets, so a merchant can see what was left out and why.
internal sealed record OrderHistory(
    IReadOnlyList<Basket> Baskets,
    int Lines,
    int LinesWithoutProduct,
    int UnknownProductLines,
    int UnpaidOrders,
    IReadOnlyDictionary<string, long> UnitPrices);

// Order history as CSV or TSV with a header. Columns are found by name, case-insensitively, in our own
// names or in the names of a Shopify order export:
//   order_id | Name                 buyer_id | Email | customer_id (optional)
//   ordered_at | Created at          product_code | sku | Lineitem sku
//   quantity | Lineitem quantity (optional)   price (minor units) | Lineitem price (major units) (optional)
//   status | Financial Status (optional: pending, unpaid, voided, refunded, cancelled, expired orders are left out)
internal static partial class OrderHistoryFile
{
    private static readonly string[] OrderIdNames = ["order_id", "name"];
    private static readonly string[] BuyerIdNames = ["buyer_id", "email", "customer_id"];
    private static readonly string[] OrderedAtNames = ["ordered_at", "created_at"];
    private static readonly string[] ProductNames = ["product_code", "sku", "lineitem_sku"];
    private static readonly string[] QuantityNames = ["quantity", "lineitem_quantity"];
    private static readonly string[] PriceNames = ["price"];
    private static readonly string[] MajorUnitPriceNames = ["lineitem_price"];
    private static readonly string[] StatusNames = ["status", "financial_status"];
    private static readonly HashSet<string> UnpaidStatuses = new(StringComparer.OrdinalIgnoreCase)
        { "pending", "unpaid", "voided", "refunded", "cancelled", "canceled", "expired", "closed" };

    public static IReadOnlyList<Basket> Read(string path, CatalogGraph? catalog = null) => Load(path, catalog).Baskets;

    public static OrderHistory Load(string path, CatalogGraph? catalog = null)
    {
        if (!File.Exists(path))
        {
            throw new RecommendationDataException($"{path}: file not found");
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Load(reader, path, catalog);
    }

    public static OrderHistory Load(TextReader reader, string source, CatalogGraph? catalog = null)
    {
        var firstLine = reader.ReadLine();
        if (firstLine is null || firstLine.Trim().Length == 0)
        {
            throw new RecommendationDataException($"{source}: the file is empty; expected a header line with order_id, ordered_at and product_code");
        }

        var extension = Path.GetExtension(source).ToLowerInvariant();
        var separator = extension switch
        {
            ".tsv" or ".tab" => '\t',
            ".csv" => ',',
            _ => firstLine.Contains('\t') ? '\t' : ',',
        };
        var records = new DelimitedRecords(reader, separator, source);
        var header = DelimitedRecords.Split(firstLine.TrimStart('\uFEFF'), separator, source);
        var names = header.Select(h => Regex.Replace(h.Trim().ToLowerInvariant(), "[ -]+", "_")).ToArray();
        int Column(string[] candidates) => candidates.Select(c => Array.IndexOf(names, c)).FirstOrDefault(i => i >= 0, -1);
        int RequiredColumn(string[] candidates) => Column(candidates) is var i and >= 0
            ? i
            : throw new RecommendationDataException($"{source}:1: no '{candidates[0]}' column (found: {string.Join(", ", header.Select(h => h.Trim()))})");

        var orderColumn = RequiredColumn(OrderIdNames);
        var dateColumn = RequiredColumn(OrderedAtNames);
        var productColumn = RequiredColumn(ProductNames);
        var buyerColumn = Column(BuyerIdNames);
        var quantityColumn = Column(QuantityNames);
        var priceColumn = Column(PriceNames);
        var majorPriceColumn = priceColumn < 0 ? Column(MajorUnitPriceNames) : -1;
        var statusColumn = Column(StatusNames);

        var orders = new Dictionary<string, OrderBuilder>(StringComparer.Ordinal);
        var inFileOrder = new List<OrderBuilder>();
        var unitPrices = new Dictionary<string, long>(StringComparer.Ordinal);
        int lines = 0, withoutProduct = 0, unknown = 0;
        while (records.Next() is { } record)
        {
            var (fields, line) = record;
            if (fields.Length == 1 && fields[0].Trim().Length == 0)
            {
                continue;
            }

            lines++;
            string Field(int column) => column >= 0 && column < fields.Length ? fields[column].Trim() : "";

            var orderId = Field(orderColumn);
            if (orderId.Length == 0)
            {
                throw new RecommendationDataException($"{source}:{line}: {names[orderColumn]} is empty");
            }

            if (!orders.TryGetValue(orderId, out var order))
            {
                // Later lines of a Shopify order may leave the order's own columns blank; they take the first line's.
                var dateText = Field(dateColumn);
                if (dateText.Length == 0)
                {
                    throw new RecommendationDataException($"{source}:{line}: {names[dateColumn]} is empty");
                }

                order = new OrderBuilder(orderId, Field(buyerColumn), ParseDate(dateText, source, line, names[dateColumn]));
                orders.Add(orderId, order);
                inFileOrder.Add(order);
            }
            else if (Field(dateColumn) is { Length: > 0 } dateText)
            {
                ParseDate(dateText, source, line, names[dateColumn]);
            }

            if (Field(statusColumn) is { Length: > 0 } status)
            {
                order.Unpaid |= UnpaidStatuses.Contains(status);
            }

            var quantity = 1;
            if (Field(quantityColumn) is { Length: > 0 } quantityText && !int.TryParse(quantityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out quantity))
            {
                throw new RecommendationDataException($"{source}:{line}: {names[quantityColumn]} '{quantityText}' is not a whole number");
            }

            var code = Field(productColumn);
            if (code.Length == 0 || quantity <= 0)
            {
                withoutProduct++;
                continue;
            }

            if (catalog is not null)
            {
                var product = catalog.Find(code)?.Code ?? catalog.ProductCodeOfSku(code);
                if (product is null)
                {
                    unknown++;
                    continue;
                }

                code = product;
            }

            if (Price(Field(priceColumn >= 0 ? priceColumn : majorPriceColumn), majorUnits: priceColumn < 0, source, line) is { } price)
            {
                unitPrices[code] = unitPrices.TryGetValue(code, out var known) ? Math.Min(known, price) : price;
            }

            if (!order.Products.Contains(code))
            {
                order.Products.Add(code);
            }
        }

        if (lines == 0)
        {
            throw new RecommendationDataException($"{source}: no order lines after the header");
        }

        var baskets = inFileOrder
            .Where(o => !o.Unpaid && o.Products.Count > 0)
            .Select(o => new Basket(o.OrderId, o.BuyerId, o.OrderedAtUtc, o.Products))
            .ToList();
        return new OrderHistory(baskets, lines, withoutProduct, unknown, inFileOrder.Count(o => o.Unpaid), unitPrices);
    }

    // One line per item, in our own column names, prices from the catalog. Baskets are written as given.
    public static void Write(string path, IEnumerable<Basket> baskets, CatalogGraph catalog)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var separator = Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(string.Join(separator, "order_id", "buyer_id", "ordered_at", "product_code", "quantity", "price"));
        writer.Write('\n');
        foreach (var basket in baskets)
        {
            var orderedAt = basket.OrderedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            foreach (var code in basket.ProductCodes)
            {
                var price = catalog.Find(code)?.PriceMinor ?? 0;
                writer.Write(string.Join(separator,
                    Escape(basket.OrderId, separator), Escape(basket.BuyerId, separator), orderedAt, Escape(code, separator), "1",
                    price.ToString(CultureInfo.InvariantCulture)));
                writer.Write('\n');
            }
        }
    }

    private static string Escape(string field, char separator) =>
        field.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;

    private static DateTime ParseDate(string text, string source, int line, string column)
    {
        // Shopify writes "2024-03-05 14:22:10 +0800"; .NET wants the offset with a colon.
        var normalised = CompactOffset().Replace(text, "$1:$2");
        return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : throw new RecommendationDataException($"{source}:{line}: {column} '{text}' is not an ISO-8601 date");
    }

    private static long? Price(string text, bool majorUnits, string source, int line)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new RecommendationDataException($"{source}:{line}: price '{text}' is not a non-negative number");
        }

        return (long)Math.Round(majorUnits ? value * 100 : value, MidpointRounding.AwayFromZero);
    }

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex CompactOffset();

    private sealed class OrderBuilder(string orderId, string buyerId, DateTime orderedAtUtc)
    {
        public string OrderId { get; } = orderId;
        public string BuyerId { get; } = buyerId;
        public DateTime OrderedAtUtc { get; } = orderedAtUtc;
        public List<string> Products { get; } = [];
        public bool Unpaid { get; set; }
    }
}

// RFC 4180 records: a quoted field may hold the separator, doubled quotes and line breaks. Each record
// carries the line it starts on, for error messages.
internal sealed class DelimitedRecords(TextReader reader, char separator, string source)
{
    private int _line = 1;

    public (string[] Fields, int Line)? Next()
    {
        var text = reader.ReadLine();
        if (text is null)
        {
            return null;
        }

        _line++;
        var start = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (true)
        {
            if (i >= text.Length)
            {
                if (!quoted)
                {
                    break;
                }

                // A line break inside a quoted field: the record goes on on the next line.
                text = reader.ReadLine() ?? throw new RecommendationDataException($"{source}:{start}: a quoted field is not closed");
                _line++;
                field.Append('\n');
                i = 0;
                continue;
            }

            var c = text[i++];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i < text.Length && text[i] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c != '\r' || i < text.Length)
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return (fields.ToArray(), start);
    }

    public static string[] Split(string line, char separator, string source)
    {
        using var single = new StringReader(line);
        return new DelimitedRecords(single, separator, source).Next()?.Fields ?? [];
    }
}
