using System.Net.Http.Headers;
using CustomerServiceBot.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

// The real application against a real database; one instance (and database) per test class.
public abstract class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-0123456789abcdef";

    public abstract DatabaseKind Database { get; }

    protected abstract string StorageProvider { get; }

    protected abstract IEnumerable<KeyValuePair<string, string>> StorageSettings { get; }

    // Settings a fixture adds on top (tighter rate limits, the demo shop...).
    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings => [];

    public async Task InitializeAsync()
    {
        await TestModels.EnsureTrainedAsync();
        await CreateDatabaseAsync();
    }

    protected abstract Task CreateDatabaseAsync();

    // The models load in the background after start; tests that read messages wait for them.
    public async Task WaitUntilReadyAsync()
    {
        using var client = CreateClient();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The application did not become ready within 60 s.");
    }

    // Runs after the application has stopped.
    protected abstract Task DeleteDatabaseAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DeleteDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Access:OperatorApiKey", OperatorKey);
        builder.UseSetting("Storage:Provider", StorageProvider);
        builder.UseSetting("Logging:Format", "text");
        builder.UseSetting("Nlu:ModelCache", TestModels.CacheDirectory);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in StorageSettings.Concat(ExtraSettings))
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public HttpClient CreateOperatorClient() => CreateClient(OperatorKey);

    internal async Task<T> WithDbAsync<T>(Func<BotDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<BotDbContext>());
    }
}

public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
}

public class SqliteApiFactory : ApiFactory
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "csbot-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseKind Database => DatabaseKind.Sqlite;

    protected override string StorageProvider => "Sqlite";

    protected override IEnumerable<KeyValuePair<string, string>> StorageSettings =>
        [new("Storage:SqlitePath", Path.Combine(_directory, "bot.db"))];

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DeleteDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

public class PostgreSqlApiFactory : ApiFactory
{
    private string? _connectionString;

    public override DatabaseKind Database => DatabaseKind.PostgreSql;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not created yet.");

    protected override string StorageProvider => "PostgreSql";

    protected override IEnumerable<KeyValuePair<string, string>> StorageSettings =>
        [new("Storage:PostgreSqlConnectionString", ConnectionString)];

    protected override async Task CreateDatabaseAsync()
    {
        if (TestDatabases.PostgreSqlConnectionString is not null)
        {
            _connectionString = await TestDatabases.CreatePostgreSqlDatabaseAsync();
        }
    }

    protected override async Task DeleteDatabaseAsync()
    {
        if (_connectionString is not null)
        {
            await TestDatabases.DropPostgreSqlDatabaseAsync(_connectionString);
        }
    }
}
