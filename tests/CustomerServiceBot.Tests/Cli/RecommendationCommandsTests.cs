using System.Text.Json;
using CustomerServiceBot.Cli;
using static CustomerServiceBot.Tests.Cli.CliRun;

namespace CustomerServiceBot.Tests.Cli;

public sealed class RecommendationCommandsTests : IDisposable
{
    private static readonly string DemoCatalog = Path.Combine(AppContext.BaseDirectory, "data", "demo", "catalog.json");

    private readonly TempFolder _files = new("csbot-recs-");

    public void Dispose() => _files.Dispose();

    [Fact]
    public void GeneratedOrdersEvaluateWithJsonAsExactlyOneObject()
    {
        var orders = _files.PathOf("orders.csv");
        var (code, output, _) = Run("generate-orders", "--catalog", DemoCatalog, "--out", orders, "--orders", "1500", "--seed", "5");
        Assert.Equal(CliApp.Ok, code);
        Assert.StartsWith($"wrote {orders}: 1500 orders, ", output);

        (code, output, var error) = Run("evaluate-recommendations", "--orders", orders, "--catalog", DemoCatalog, "--k", "3", "--json");
        Assert.Equal(CliApp.Ok, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var name in new[] { "hitRate", "ndcg", "popularityHitRate", "popularityNdcg", "graphHitRate", "graphNdcg", "trainSeconds" })
        {
            Assert.InRange(root.GetProperty(name).GetDouble(), 0, name == "trainSeconds" ? 600 : 1);
        }

        Assert.Equal(3, root.GetProperty("k").GetInt32());
        Assert.Equal(1200, root.GetProperty("trainBaskets").GetInt32());
        Assert.True(root.GetProperty("testCases").GetInt32() > 100);
        Assert.True(root.GetProperty("learned").GetBoolean());
        Assert.StartsWith($"read {orders}: 1500 paid orders from ", error);
    }

    [Fact]
    public void WithoutOrdersOrCatalogItIsAUsageError()
    {
        var (code, _, error) = Run("evaluate-recommendations", "--k", "5");
        Assert.Equal(CliApp.UsageError, code);
        AssertOneLineError(error, "csbot: give --orders <file>, or --catalog <catalog.json> to evaluate on a generated history of that catalog");
    }

    [Fact]
    public void AnOutOfRangeTestShareOrKIsAUsageError()
    {
        AssertOneLineError(Run("evaluate-recommendations", "--catalog", DemoCatalog, "--test-share", "1.5").Error, "csbot: --test-share must be between 0 and 1, e.g. 0.2");
        AssertOneLineError(Run("evaluate-recommendations", "--catalog", DemoCatalog, "--k", "0").Error, "csbot: --k must be a positive whole number");
        AssertOneLineError(Run("evaluate-recommendations", "--catalog", DemoCatalog, "--k", "five").Error, "csbot: --k: 'five' is not an integer");
    }

    [Fact]
    public void ABadOrderFileIsADataErrorNamingTheLine()
    {
        var orders = _files.Write("orders.csv", "order_id,ordered_at,product_code\n1,2026-03-01,TEE\n2,31/02/2026,TEE\n");
        var (code, output, error) = Run("evaluate-recommendations", "--orders", orders, "--json");
        Assert.Equal(CliApp.DataError, code);
        Assert.Equal("", output);
        AssertOneLineError(error, $"csbot: {orders}:3: ordered_at '31/02/2026' is not an ISO-8601 date");
    }

    [Fact]
    public void AMissingCatalogIsADataError()
    {
        var missing = _files.PathOf("missing.json");
        var (code, _, error) = Run("generate-orders", "--catalog", missing, "--out", _files.PathOf("o.csv"));
        Assert.Equal(CliApp.DataError, code);
        AssertOneLineError(error, $"csbot: {missing}: file not found");
    }

    [Fact]
    public void AnOrderFileWithoutMultiProductTestOrdersIsADataError()
    {
        var orders = _files.Write("single.csv", "order_id,ordered_at,product_code\n1,2026-03-01,TEE\n2,2026-03-02,JEANS\n3,2026-03-03,TEE\n");
        var (code, _, error) = Run("evaluate-recommendations", "--orders", orders);
        Assert.Equal(CliApp.DataError, code);
        AssertOneLineError(error.Split('\n')[1], "csbot: none of the 1 test orders (the last 20% by time) has two or more products of the catalog; nothing to evaluate");
    }
}
