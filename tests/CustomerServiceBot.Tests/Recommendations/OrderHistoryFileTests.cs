using CustomerServiceBot.Recommendations;

namespace CustomerServiceBot.Tests.Recommendations;

public sealed class OrderHistoryFileTests : IDisposable
{
    private readonly TempFolder _files = new("csbot-orders-");

    public void Dispose() => _files.Dispose();

    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    private static void AssertError(string expected, Action read) =>
        Assert.Equal(expected, Assert.Throws<RecommendationDataException>(read).Message);

    [Fact]
    public void ACsvFileBecomesOneBasketPerOrderWithDistinctProductsInLineOrder()
    {
        var path = _files.Write("orders.csv",
            "order_id,buyer_id,ordered_at,product_code,quantity,price\n" +
            "1001,b1,2026-03-01T10:00:00Z,TEE,1,8000\n" +
            "1001,b1,2026-03-01T10:00:00Z,JEANS,2,16000\n" +
            "1001,b1,2026-03-01T10:00:00Z,TEE,1,8000\n" +
            "1002,b2,2026-03-02T08:30:00+08:00,CARDI,1,9000\n");

        var baskets = OrderHistoryFile.Read(path);

        Assert.Equal(2, baskets.Count);
        Assert.Equal(("1001", "b1", Utc(1, 10)), (baskets[0].OrderId, baskets[0].BuyerId, baskets[0].OrderedAtUtc));
        Assert.Equal(["TEE", "JEANS"], baskets[0].ProductCodes);
        Assert.Equal(Utc(2, 0, 30), baskets[1].OrderedAtUtc);
    }

    [Fact]
    public void ATsvFileWithColumnsInAnyOrderAndCaseReadsTheSame()
    {
        var path = _files.Write("orders.tsv",
            "Product_Code\tOrdered_At\tOrder_Id\tBuyer_Id\n" +
            "TEE\t2026-03-01 10:00:00\t1\tb1\n" +
            "JEANS\t2026-03-01 10:00:00\t1\tb1\n");

        var basket = Assert.Single(OrderHistoryFile.Read(path));

        Assert.Equal(["TEE", "JEANS"], basket.ProductCodes);
        Assert.Equal(Utc(1, 10), basket.OrderedAtUtc);
        Assert.Equal(DateTimeKind.Utc, basket.OrderedAtUtc.Kind);
    }

    [Fact]
    public void QuotedCsvFieldsMayHoldCommasQuotesAndLineBreaks()
    {
        var path = _files.Write("quoted.csv",
            "order_id,buyer_id,ordered_at,product_code\n" +
            "\"A,1\",\"Li \"\"Lei\"\"\",2026-03-01T10:00:00Z,\"TEE\"\n" +
            "\"A,1\",\"Li \"\"Lei\"\"\",2026-03-01T10:00:00Z,\"JE\nANS\"\n" +
            "B,b,not-a-date,TEE\n");

        var error = Assert.Throws<RecommendationDataException>(() => OrderHistoryFile.Read(path));

        // The record with the line break inside quotes spans lines 3 and 4, so the bad date is on line 5.
        Assert.Equal($"{path}:5: ordered_at 'not-a-date' is not an ISO-8601 date", error.Message);
        File.WriteAllLines(path, File.ReadAllLines(path)[..^1]);
        var basket = Assert.Single(OrderHistoryFile.Read(path));
        Assert.Equal(("A,1", "Li \"Lei\""), (basket.OrderId, basket.BuyerId));
        Assert.Equal(["TEE", "JE\nANS"], basket.ProductCodes);
    }

    [Fact]
    public void AShopifyExportIsReadWithSkusMappedToProductsAndUnpaidOrdersLeftOut()
    {
        var path = _files.Write("orders_export.csv",
            "Name,Email,Financial Status,Paid at,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Notes\n" +
            "#1001,li@example.com,paid,2026-03-01 18:00:05 +0800,2026-03-01 18:00:00 +0800,1,\"Dress, red / M\",200.00,DRESS-A-BLACK-M,\"gift, please\"\n" +
            "#1001,li@example.com,,,,2,Cardigan,90.50,CARDI-WHITE-M,\n" +
            "#1001,li@example.com,,,,1,Gift card,10.00,,\n" +
            "#1002,wang@example.com,refunded,,2026-03-02 09:00:00 +0800,1,Tee,80.00,TEE-WHITE-L,\n" +
            "#1003,zhao@example.com,paid,,2026-03-02 10:00:00 +0800,1,Old thing,5.00,DISCONTINUED-1,\n" +
            "#1003,zhao@example.com,,,,1,Scarf,50.00,SCARF,\n");

        var history = OrderHistoryFile.Load(path, TinyShop.Catalog);

        Assert.Equal(2, history.Baskets.Count);
        Assert.Equal(new[] { "DRESS-A", "CARDI" }, history.Baskets[0].ProductCodes);
        Assert.Equal(("#1001", "li@example.com", Utc(1, 10)), (history.Baskets[0].OrderId, history.Baskets[0].BuyerId, history.Baskets[0].OrderedAtUtc));
        Assert.Equal(["SCARF"], history.Baskets[1].ProductCodes);
        Assert.Equal(1, history.UnpaidOrders);
        Assert.Equal(1, history.UnknownProductLines);
        Assert.Equal(1, history.LinesWithoutProduct);
        Assert.Equal(9050, history.UnitPrices["CARDI"]);
    }

    [Fact]
    public void WithoutACatalogCodesAreKeptAsWritten()
    {
        var path = _files.Write("orders.csv", "order_id,ordered_at,sku\n1,2026-03-01,DRESS-A-BLACK-M\n");
        Assert.Equal(["DRESS-A-BLACK-M"], Assert.Single(OrderHistoryFile.Read(path)).ProductCodes);
    }

    [Fact]
    public void WrittenOrdersReadBackAsTheSameBaskets()
    {
        var path = _files.PathOf("out", "orders.csv");
        List<Basket> baskets = [new("O1", "b,1", Utc(1, 10), ["DRESS-A", "SCARF"]), new("O2", "b2", Utc(2, 11, 5), ["TEE"])];

        OrderHistoryFile.Write(path, baskets, TinyShop.Catalog);
        var read = OrderHistoryFile.Load(path);

        Assert.Equal(baskets.Select(b => (b.OrderId, b.BuyerId, b.OrderedAtUtc, string.Join(" ", b.ProductCodes))),
            read.Baskets.Select(b => (b.OrderId, b.BuyerId, b.OrderedAtUtc, string.Join(" ", b.ProductCodes))));
        Assert.Equal(5000, read.UnitPrices["SCARF"]);
    }

    [Fact]
    public void AMissingFileNamesThePath()
    {
        var path = _files.PathOf("nope.csv");
        AssertError($"{path}: file not found", () => OrderHistoryFile.Read(path));
    }

    [Fact]
    public void AnEmptyFileIsAnError()
    {
        var path = _files.Write("empty.csv", "");
        AssertError($"{path}: the file is empty; expected a header line with order_id, ordered_at and product_code", () => OrderHistoryFile.Read(path));
    }

    [Fact]
    public void AHeaderWithoutLinesIsAnError()
    {
        var path = _files.Write("header.csv", "order_id,ordered_at,product_code\n\n");
        AssertError($"{path}: no order lines after the header", () => OrderHistoryFile.Read(path));
    }

    [Fact]
    public void AMissingRequiredColumnIsNamedWithTheColumnsFound()
    {
        var path = _files.Write("orders.csv", "order_id,date,product_code\n1,2026-03-01,TEE\n");
        AssertError($"{path}:1: no 'ordered_at' column (found: order_id, date, product_code)", () => OrderHistoryFile.Read(path));
    }

    [Fact]
    public void AnUnparsableDateNamesItsLine()
    {
        var path = _files.Write("orders.csv", "order_id,ordered_at,product_code\n1,2026-03-01,TEE\n2,yesterday,TEE\n");
        AssertError($"{path}:3: ordered_at 'yesterday' is not an ISO-8601 date", () => OrderHistoryFile.Read(path));
    }

    [Fact]
    public void ABadQuantityOrPriceNamesItsLine()
    {
        var quantity = _files.Write("q.csv", "order_id,ordered_at,product_code,quantity\n1,2026-03-01,TEE,two\n");
        AssertError($"{quantity}:2: quantity 'two' is not a whole number", () => OrderHistoryFile.Read(quantity));
        var price = _files.Write("p.csv", "order_id,ordered_at,product_code,price\n1,2026-03-01,TEE,-5\n");
        AssertError($"{price}:2: price '-5' is not a non-negative number", () => OrderHistoryFile.Read(price));
    }

    [Fact]
    public void AnUnclosedQuoteNamesTheLineItStartsOn()
    {
        var path = _files.Write("orders.csv", "order_id,ordered_at,product_code\n1,2026-03-01,\"TEE\n2,2026-03-01,TEE\n");
        AssertError($"{path}:2: a quoted field is not closed", () => OrderHistoryFile.Read(path));
    }
}
