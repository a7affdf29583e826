using Npgsql;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

public static class TestDatabases
{
    public const string PostgreSqlVariable = "CSBOT_TEST_POSTGRES";

    public const string PostgreSqlSkipReason =
        "PostgreSQL tests need " + PostgreSqlVariable + " (a connection string of a user who may create databases); .ci/run starts a server and sets it.";

    public static string? PostgreSqlConnectionString =>
        Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } value ? value : null;

    // One database per test class, so classes run in parallel without seeing each other's rows.
    public static async Task<string> CreatePostgreSqlDatabaseAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionString ?? throw new InvalidOperationException(PostgreSqlSkipReason));
        var name = "csbot_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropPostgreSqlDatabaseAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionString!);
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
