using System.ComponentModel.DataAnnotations;

namespace CustomerServiceBot.Api.Data;

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

internal sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    // Relative paths resolve against the content root, so a fresh clone runs with no set-up.
    [Required]
    public string SqlitePath { get; set; } = "App_Data/customerservicebot.db";

    public string? PostgreSqlConnectionString { get; set; }

    // Embedded SQLite is always created on start; this switch is about PostgreSQL migrations.
    public bool ApplyMigrationsAtStartup { get; set; } = true;

    // Development convenience: an embedded database from an older schema is discarded, not migrated.
    public bool RecreateSqliteOnSchemaChange { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(PostgreSqlConnectionString))
        {
            yield return new ValidationResult(
                "Storage:PostgreSqlConnectionString (or ConnectionStrings:PostgreSql) is required when Storage:Provider is PostgreSql.",
                [nameof(PostgreSqlConnectionString)]);
        }
    }
}
