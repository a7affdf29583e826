using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace CustomerServiceBot.Api.Data;

// SaveChanges for a unit of work with many rows of few kinds, on PostgreSQL: the tracked inserts and
// updates are written as one statement per table and kind, each taking its rows as arrays
// (INSERT ... SELECT FROM unnest, UPDATE ... FROM unnest), all in one round trip. EF sends one statement
// per row, and PostgreSQL's cost per statement (parse, plan lookup, executor start) is most of what a
// short row costs; a batch of buyer messages writes dozens of rows.
//
// Columns come from the EF model, so a new property is written without touching this code. What the
// statements cannot express falls back to SaveChanges: deletes, concurrency tokens, inheritance, owned
// and complex types, keys still to be generated that another row refers to, other store-generated values,
// and every change on a database other than PostgreSQL.
internal static partial class SetBasedSave
{
    private static readonly ConcurrentDictionary<IEntityType, Table?> Tables = new();

    // The context's changes are written and its entries then detached: it is meant to be discarded after.
    public static async Task SaveChangesAndClearAsync(DbContext db, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries().ToList();
        var entries = tracked.Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        // SQLite runs its statements in-process: one per row costs no round trip there.
        if (db.Database.GetDbConnection() is not NpgsqlConnection || tracked.Any(e => e.State == EntityState.Deleted) || !entries.All(CanWrite))
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return;
        }

        if (entries.Count == 0)
        {
            db.ChangeTracker.Clear();
            return;
        }

        var types = entries.Select(e => e.Metadata).Distinct().ToList();
        var groups = entries
            .GroupBy(e => (Table: TableOf(e.Metadata)!, e.State, GeneratedKey: e.State == EntityState.Added && HasTemporaryKey(e)))
            .OrderBy(g => g.Key.State == EntityState.Added ? 0 : 1)
            .ThenBy(g => InsertOrder(g.Key.Table.Type, types))
            // Nothing refers to a row whose key the database generates (CanWrite), so such rows go last.
            .ThenBy(g => g.Key.GeneratedKey)
            .ToList();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // All or nothing, as SaveChanges: the row counts are checked after the statements ran.
            await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
            // An update finds its rows by key. PostgreSQL's default costs (random_page_cost 4) make scanning a table
            // of a few thousand rows look cheaper than thirty index probes, and the scan then visits every row
            // version of the table, dead ones included, for each batch: only the nested loop over the keys, probing
            // the key's index, is allowed. That plan is right for any size of table, so it is made once per
            // statement and connection and kept: left to choose, PostgreSQL planned most updates afresh every time
            // (it guesses ten rows for an array it has not seen, and fewer look cheaper), planning costing more than
            // running them.
            var updates = groups.Any(g => g.Key.State == EntityState.Modified);
            if (updates)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_hashjoin = off"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_mergejoin = off"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_seqscan = off"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL plan_cache_mode = force_generic_plan"));
            }

            var written = new List<(NpgsqlBatchCommand Command, int Rows, string Table)>(groups.Count);
            foreach (var group in groups)
            {
                var rows = group.ToList();
                var command = group.Key.State == EntityState.Added
                    ? Insert(group.Key.Table, rows, includeKey: !group.Key.GeneratedKey)
                    : Update(group.Key.Table, rows);
                batch.BatchCommands.Add(command);
                written.Add((command, rows.Count, group.Key.Table.Name));
            }

            if (updates)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("RESET enable_hashjoin"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("RESET enable_mergejoin"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("RESET enable_seqscan"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("RESET plan_cache_mode"));
            }

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                throw new DbUpdateException("An error occurred while saving the entity changes.", exception, entries);
            }

            var wrong = written.FindIndex(w => w.Command.RecordsAffected != w.Rows);
            if (wrong >= 0)
            {
                var (command, rows, table) = written[wrong];
                throw new DbUpdateConcurrencyException($"Expected {rows} rows of {table} to be written, but {command.RecordsAffected} were.");
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        db.ChangeTracker.Clear();
    }

    private static Table? TableOf(IEntityType type) => Tables.GetOrAdd(type, Table.Of);

    private static bool CanWrite(EntityEntry entry)
    {
        if (TableOf(entry.Metadata) is null)
        {
            return false;
        }

        var type = entry.Metadata;
        if (entry.State == EntityState.Modified && type.FindPrimaryKey()!.Properties.Any(p => entry.Property(p).IsModified))
        {
            return false;
        }

        // A foreign key still waiting for its principal's generated key needs EF to order and fix up the writes.
        return !type.GetForeignKeys().SelectMany(k => k.Properties).Any(p => entry.Property(p).IsTemporary);
    }

    private static bool HasTemporaryKey(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey()!.Properties.Any(p => entry.Property(p).IsTemporary);

    // Principals before their dependents: foreign keys are checked at the end of each statement.
    private static int InsertOrder(IEntityType type, IReadOnlyList<IEntityType> types)
    {
        var depth = 0;
        var principals = type.GetForeignKeys().Select(k => k.PrincipalEntityType).Where(p => p != type && types.Contains(p)).ToList();
        while (principals.Count > 0 && depth < types.Count)
        {
            depth++;
            principals = principals.SelectMany(p => p.GetForeignKeys().Select(k => k.PrincipalEntityType).Where(q => q != p && types.Contains(q))).Distinct().ToList();
        }

        return depth;
    }

    private static NpgsqlBatchCommand Insert(Table table, List<EntityEntry> rows, bool includeKey)
    {
        var columns = table.Columns.Where(c => includeKey || !c.Property.IsPrimaryKey()).ToList();
        var command = new NpgsqlBatchCommand();
        var text = new StringBuilder("INSERT INTO ").Append(table.Name).Append(" (");
        text.AppendJoin(", ", columns.Select(c => c.Name)).Append(") SELECT ");
        text.AppendJoin(", ", columns.Select((c, i) => c.Value($"v.c{i}"))).Append(" FROM unnest(");
        text.AppendJoin(", ", columns.Select((c, i) => c.Parameter(command, $"c{i}", rows, e => e.Property(c.Property).CurrentValue)));
        text.Append(") AS v(").AppendJoin(", ", columns.Select((_, i) => $"c{i}")).Append(')');
        command.CommandText = text.ToString();
        return command;
    }

    // Only the columns some row changed; a column changed in some rows but not all keeps the others' values.
    private static NpgsqlBatchCommand Update(Table table, List<EntityEntry> rows)
    {
        var command = new NpgsqlBatchCommand();
        var arrays = new List<string>();
        var names = new List<string>();
        var key = table.Columns.Where(c => c.Property.IsPrimaryKey()).ToList();
        for (var i = 0; i < key.Count; i++)
        {
            var column = key[i];
            arrays.Add(column.Parameter(command, $"k{i}", rows, e => e.Property(column.Property).OriginalValue));
            names.Add($"k{i}");
        }

        var assignments = new List<string>();
        var changed = table.Columns.Where(c => !c.Property.IsPrimaryKey() && rows.Any(e => e.Property(c.Property).IsModified)).ToList();
        for (var i = 0; i < changed.Count; i++)
        {
            var column = changed[i];
            arrays.Add(column.Parameter(command, $"c{i}", rows, e => e.Property(column.Property).CurrentValue));
            names.Add($"c{i}");
            var modified = rows.Select(e => e.Property(column.Property).IsModified).ToArray();
            if (modified.All(m => m))
            {
                assignments.Add($"{column.Name} = {column.Value($"v.c{i}")}");
            }
            else
            {
                command.Parameters.Add(new NpgsqlParameter($"m{i}", modified));
                arrays.Add($"@m{i}");
                names.Add($"m{i}");
                assignments.Add($"{column.Name} = CASE WHEN v.m{i} THEN {column.Value($"v.c{i}")} ELSE t.{column.Name} END");
            }
        }

        var match = string.Join(" AND ", key.Select((c, i) => $"t.{c.Name} = v.k{i}"));
        command.CommandText = $"UPDATE {table.Name} AS t SET {string.Join(", ", assignments)} FROM unnest({string.Join(", ", arrays)}) AS v({string.Join(", ", names)}) WHERE {match}";
        return command;
    }

    // What the statements need to know of an entity type's table, or null when they cannot write it.
    private sealed record Table(IEntityType Type, string Name, IReadOnlyList<Column> Columns)
    {
        public static Table? Of(IEntityType type)
        {
            if (type.BaseType is not null || type.GetDerivedTypes().Any() || type.IsOwned() || type.GetComplexProperties().Any()
                || type.GetTableName() is not { } name
                || type.GetProperties().Any(p => p.IsConcurrencyToken || p.ValueGenerated != ValueGenerated.Never && !p.IsPrimaryKey()))
            {
                return null;
            }

            var store = StoreObjectIdentifier.Table(name, type.GetSchema());
            var table = type.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(name)}" : Quote(name);
            return new Table(type, table, type.GetProperties()
                .Where(p => p.GetColumnName(store) is not null)
                .Select(p => new Column(p, Quote(p.GetColumnName(store)!)))
                .ToList());
        }

        private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    // One array parameter per column, of the provider's type after EF's value converter, cast to the column's
    // type. PostgreSQL arrays cannot nest, so a column that is itself an array travels as JSON text.
    private sealed partial class Column(IProperty property, string name)
    {
        private readonly ValueConverter? _converter = property.GetRelationalTypeMapping().Converter;
        private readonly Type _elementType = ElementType(property);
        // Without the type's length or precision: an explicit cast to varchar(n) cuts a longer value off without a
        // word, where the column's own check refuses it (22001) as SaveChanges would have it refused.
        private readonly string _arrayType = property.IsPrimitiveCollection ? "text[]" : $"{Modifiers().Replace(property.GetColumnType(), "")}[]";

        public IProperty Property { get; } = property;

        public string Name { get; } = name;

        public string Value(string parameter) =>
            Property.IsPrimitiveCollection
                ? $"CASE WHEN {parameter} IS NULL THEN NULL ELSE ARRAY(SELECT e FROM jsonb_array_elements_text({parameter}::jsonb) WITH ORDINALITY AS a(e, n) ORDER BY n) END::{Property.GetColumnType()}"
                : parameter;

        public string Parameter(NpgsqlBatchCommand command, string name, List<EntityEntry> rows, Func<EntityEntry, object?> read)
        {
            var values = Array.CreateInstance(_elementType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var value = read(rows[i]);
                if (value is not null && _converter is not null)
                {
                    value = _converter.ConvertToProvider(value);
                }

                values.SetValue(Property.IsPrimitiveCollection && value is not null ? JsonSerializer.Serialize(value) : value, i);
            }

            command.Parameters.Add(new NpgsqlParameter(name, values));
            return $"@{name}::{_arrayType}";
        }

        [GeneratedRegex(@"\s*\([0-9,\s]*\)")]
        private static partial Regex Modifiers();

        private static Type ElementType(IProperty property)
        {
            if (property.IsPrimitiveCollection)
            {
                return typeof(string);
            }

            var mapping = property.GetRelationalTypeMapping();
            var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            return type.IsValueType && property.IsNullable ? typeof(Nullable<>).MakeGenericType(type) : type;
        }
    }
}
