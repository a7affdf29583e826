using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Data;

internal static class Storage
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .PostConfigure(options => options.PostgreSqlConnectionString ??= builder.Configuration.GetConnectionString("PostgreSql"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddDbContextPool<BotDbContext>((services, db) =>
        {
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            Configure(db, options, contentRoot);
        });
        builder.Services.AddScoped<StorageInitializer>();
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder db, StorageOptions options, string contentRoot)
    {
        switch (options.Provider)
        {
            case StorageProvider.PostgreSql:
                // No retrying execution strategy: requests fail fast during an outage (and the caller retries),
                // and explicit transactions stay simple.
                db.UseNpgsql(PostgreSqlConnectionString(options.PostgreSqlConnectionString!));
                break;
            default:
                db.UseSqlite(SqliteConnectionString(options, contentRoot));
                break;
        }
    }

    public static string SqliteFilePath(StorageOptions options, string contentRoot) =>
        Path.GetFullPath(options.SqlitePath, contentRoot);

    // The message path runs the same few statements thousands of times: letting Npgsql prepare them
    // saves the server parsing and planning each one (PostgreSQL's CPU per message fell about fivefold
    // under load, docs/benchmarks.md), and skipping the DISCARD ALL on every pooled reopen keeps those
    // prepared statements alive. Settings given in the connection string win.
    internal static string PostgreSqlConnectionString(string configured)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!HasKey(configured, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!HasKey(configured, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!HasKey(configured, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool HasKey(string connectionString, params string[] names) =>
        connectionString.Split(';').Select(part => part.Split('=')[0].Trim())
            .Any(key => names.Any(name => string.Equals(key.Replace(" ", ""), name.Replace(" ", ""), StringComparison.OrdinalIgnoreCase)));

    // "Default Timeout" is also how long Microsoft.Data.Sqlite retries a locked database.
    private static string SqliteConnectionString(StorageOptions options, string contentRoot) =>
        $"Data Source={SqliteFilePath(options, contentRoot)};Default Timeout=30;Pooling=True";

    public static async Task InitialiseStorageAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StorageInitializer>().InitialiseAsync(app.Lifetime.ApplicationStopping);
        await scope.ServiceProvider.GetRequiredService<Shops.DemoShopSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
    }
}
