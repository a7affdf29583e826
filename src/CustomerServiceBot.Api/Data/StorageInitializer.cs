using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Data;

// Brings the database to the model's schema before the first request: committed migrations on
// PostgreSQL, EnsureCreated on the embedded SQLite file (see docs/decisions/0001-storage.md).
internal sealed class StorageInitializer(
    BotDbContext db,
    IOptions<StorageOptions> options,
    IHostEnvironment environment,
    ILogger<StorageInitializer> logger)
{
    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        if (storage.Provider == StorageProvider.PostgreSql)
        {
            if (storage.ApplyMigrationsAtStartup)
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("PostgreSQL schema is current; applied {MigrationCount} migrations", pending.Count);
            }

            return;
        }

        await InitialiseSqliteAsync(storage, cancellationToken);
    }

    private async Task InitialiseSqliteAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        var path = Storage.SqliteFilePath(storage, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fingerprint = SchemaFingerprint();

        if (File.Exists(path))
        {
            var stored = await ReadUserVersionAsync(cancellationToken);
            if (stored != 0 && stored != fingerprint)
            {
                if (!storage.RecreateSqliteOnSchemaChange)
                {
                    throw new InvalidOperationException(
                        $"The embedded database '{path}' was created for a different schema. Move it away to start afresh, " +
                        "set Storage:RecreateSqliteOnSchemaChange=true to discard it, or use PostgreSQL, which migrates in place.");
                }

                logger.LogWarning("Schema changed: recreating the embedded database {Path}", path);
                await db.Database.EnsureDeletedAsync(cancellationToken);
            }
        }

        var created = await db.Database.EnsureCreatedAsync(cancellationToken);
        // WAL lets readers proceed while a writer commits; it is a property of the file, set once.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        // PRAGMA takes no parameters; the value is an int computed here, not input.
        var setVersion = "PRAGMA user_version=" + fingerprint.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
        await db.Database.ExecuteSqlRawAsync(setVersion, cancellationToken);
        if (created)
        {
            logger.LogInformation("Created the embedded database {Path}", path);
        }
    }

    private async Task<int> ReadUserVersionAsync(CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version;";
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    // A positive 31-bit digest of the create script: it changes whenever the model does.
    private int SchemaFingerprint()
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(db.Database.GenerateCreateScript()));
        return (BitConverter.ToInt32(digest, 0) & int.MaxValue) | 1;
    }
}
