using System.Diagnostics;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.Catalog;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CustomerServiceBot.Benchmarks.Knowledge;

// Not a BenchmarkDotNet benchmark: a load takes seconds, so it is timed a few times by hand.
//   knowledge-memory           retained bytes of the view of the generated shop, per SKU
//   knowledge-load <npgsql>    imports the generated shop into a scratch database, times the load into the view
internal static class KnowledgeLoadMeasurement
{
    private const string ShopId = "large";

    public static void Memory()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var view = BuildView();
        var viewBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
        _ = view.Gazetteer.Match("预热");
        var withGazetteer = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"view: {view.Products.Count} products, {view.SkuCount} SKUs, {view.Faqs.Count} FAQs");
        Console.WriteLine($"retained by the view: {viewBytes / 1048576.0:F1} MiB = {viewBytes / view.SkuCount} bytes per SKU");
        Console.WriteLine($"with the NLU gazetteer built: {withGazetteer / 1048576.0:F1} MiB = {withGazetteer / view.SkuCount} bytes per SKU");
        foreach (var text in new[] { "连衣裙3号退货要怎么处理呀", "衬衫12号发票要怎么处理呀", "毛衣怎么洗" })
        {
            view.Faqs.Search(text);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < 1000; i++)
            {
                view.Faqs.Search(text);
            }

            Console.WriteLine($"FAQ search (rough, no JIT warm-up; BenchmarkDotNet has the figure) '{text}': {Stopwatch.GetElapsedTime(started).TotalMicroseconds / 1000:F1} µs, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1000} bytes");
        }

        GC.KeepAlive(view);
    }

    private static ShopKnowledge BuildView()
    {
        var rows = CatalogRows.FromCatalog(ShopId, LargeShop.Generate());
        var started = Stopwatch.GetTimestamp();
        var view = ShopKnowledge.Build(rows);
        Console.WriteLine($"build from rows in memory: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
        return view;
    }

    public static async Task LoadAsync(string connectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString);
        var database = "csbot_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"");
        var options = new DbContextOptionsBuilder<BotDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString).Options;
        try
        {
            await using (var db = new BotDbContext(options))
            {
                await db.Database.EnsureCreatedAsync();
                db.Shops.Add(new Shop { Id = ShopId, Name = "generated", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
                var started = Stopwatch.GetTimestamp();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await new CatalogImporter(db, TimeProvider.System).ImportAsync(ShopId, LargeShop.Generate(), CancellationToken.None);
                await transaction.CommitAsync();
                Console.WriteLine($"import of the generated catalog: {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            }

            // Memory per SKU is measured by "knowledge-memory": the loaded view is the same structure.
            for (var run = 1; run <= 4; run++)
            {
                var started = Stopwatch.GetTimestamp();
                ShopKnowledge view;
                await using (var db = new BotDbContext(options))
                {
                    view = (await ShopKnowledgeLoader.LoadAsync(db, ShopId, CancellationToken.None))!;
                }

                Console.WriteLine($"load {run}: {Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s for {view.SkuCount} SKUs, {view.Faqs.Count} FAQs");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
