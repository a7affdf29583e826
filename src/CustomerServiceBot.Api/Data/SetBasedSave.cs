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

// The writes of a unit of work with many rows of few kinds, on PostgreSQL (RowChanges finds them): one
// statement per table and kind, each taking its rows as arrays (INSERT ... SELECT FROM unnest, UPDATE ...
// FROM unnest), all in one round trip. EF sends one statement per row, and PostgreSQL's cost per statement
// (parse, plan lookup, executor start) is most of what a short row costs; a batch of buyer messages writes
// dozens of rows.
//
// Columns come from the EF model, so a new property is written without touching this code. Types the
// statements cannot express are refused when a row of them is added or attached: inheritance, owned and
// complex types, concurrency tokens, store-generated values other than the key.
internal static partial class SetBasedSave
{
    private static readonly ConcurrentDictionary<IEntityType, Table> Tables = new();

    public static Table TableOf(DbContext db, object entity)
    {
        var type = db.Model.FindEntityType(entity.GetType()) ?? throw new InvalidOperationException($"{entity.GetType().Name} is not an entity type.");
        return Tables.GetOrAdd(type, Table.Of);
    }

    // All or nothing, as SaveChanges: the row counts are checked after the statements ran, and a statement
    // that fails is a DbUpdateException.
    public static async Task WriteAsync(DbContext db, IReadOnlyList<Row> inserts, IReadOnlyList<RowUpdate> updates, CancellationToken cancellationToken)
    {
        if (inserts.Count == 0 && updates.Count == 0)
        {
            return;
        }

        var types = inserts.Select(r => r.Table.Type).Distinct().ToList();
        var insertGroups = inserts
            .GroupBy(r => (r.Table, GeneratedKey: r.Table.HasGeneratedKey(r.Entity)))
            .OrderBy(g => InsertOrder(g.Key.Table.Type, types))
            // Nothing refers to a row whose key the database generates, so such rows go last.
            .ThenBy(g => g.Key.GeneratedKey)
            .ToList();
        var updateGroups = updates.GroupBy(r => r.Table).ToList();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
            var written = new List<(NpgsqlBatchCommand Command, int Rows, string Table)>(insertGroups.Count + updateGroups.Count);
            foreach (var group in insertGroups)
            {
                var rows = group.Select(r => r.Entity).ToList();
                var command = Insert(group.Key.Table, rows, includeKey: !group.Key.GeneratedKey);
                batch.BatchCommands.Add(command);
                written.Add((command, rows.Count, group.Key.Table.Name));
            }

            // An update finds its rows by key. PostgreSQL's default costs (random_page_cost 4) make scanning a table
            // of a few thousand rows look cheaper than thirty index probes, and the scan then visits every row
            // version of the table, dead ones included, for each batch: only the nested loop over the keys, probing
            // the key's index, is allowed. That plan is right for any size of table, so it is made once per
            // statement and connection and kept: left to choose, PostgreSQL planned most updates afresh every time
            // (it guesses ten rows for an array it has not seen, and fewer look cheaper), planning costing more than
            // running them.
            if (updateGroups.Count > 0)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(KeyLookupPlans));
                foreach (var group in updateGroups)
                {
                    var rows = group.ToList();
                    var command = Update(group.Key, rows);
                    batch.BatchCommands.Add(command);
                    written.Add((command, rows.Count, group.Key.Name));
                }

                batch.BatchCommands.Add(new NpgsqlBatchCommand(PlansAsBefore));
            }

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                throw new DbUpdateException("An error occurred while saving the entity changes.", exception);
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
    }

    // The planner settings of the updates, for the rest of the transaction or until PlansAsBefore. One statement
    // each way rather than a SET LOCAL and a RESET per setting: statements are most of what a batch costs
    // PostgreSQL. The settings as they were are kept in the transaction (OFFSET 0 keeps the subquery that keeps
    // them from being merged into the outer query, so it runs first).
    private const string KeyLookupPlans = """
        SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),
               set_config('enable_seqscan', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)
        FROM (SELECT set_config('csbot.plans_before', concat_ws(',', current_setting('enable_hashjoin'), current_setting('enable_mergejoin'),
                                                         current_setting('enable_seqscan'), current_setting('plan_cache_mode')), true) OFFSET 0) AS before
        """;

    private const string PlansAsBefore = """
        SELECT set_config('enable_hashjoin', split_part(b.settings, ',', 1), true), set_config('enable_mergejoin', split_part(b.settings, ',', 2), true),
               set_config('enable_seqscan', split_part(b.settings, ',', 3), true), set_config('plan_cache_mode', split_part(b.settings, ',', 4), true)
        FROM (SELECT current_setting('csbot.plans_before') AS settings) AS b
        """;

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

    private static NpgsqlBatchCommand Insert(Table table, List<object> rows, bool includeKey)
    {
        var columns = table.Columns.Where(c => includeKey || !c.IsKey).ToList();
        var command = new NpgsqlBatchCommand();
        var text = new StringBuilder("INSERT INTO ").Append(table.Name).Append(" (");
        text.AppendJoin(", ", columns.Select(c => c.Name)).Append(") SELECT ");
        text.AppendJoin(", ", columns.Select((c, i) => c.Value($"v.c{i}"))).Append(" FROM unnest(");
        text.AppendJoin(", ", columns.Select((c, i) => c.Parameter(command, $"c{i}", rows)));
        text.Append(") AS v(").AppendJoin(", ", columns.Select((_, i) => $"c{i}")).Append(')');
        command.CommandText = text.ToString();
        return command;
    }

    // Only the columns some row changed; a column changed in some rows but not all keeps the others' values.
    private static NpgsqlBatchCommand Update(Table table, List<RowUpdate> rows)
    {
        var command = new NpgsqlBatchCommand();
        var entities = rows.Select(r => r.Entity).ToList();
        var arrays = new List<string>();
        var names = new List<string>();
        var key = table.Columns.Where(c => c.IsKey).ToList();
        for (var i = 0; i < key.Count; i++)
        {
            arrays.Add(key[i].Parameter(command, $"k{i}", entities));
            names.Add($"k{i}");
        }

        var assignments = new List<string>();
        var changed = 0;
        for (var column = 0; column < table.Columns.Count; column++)
        {
            if (!rows.Any(r => r.Changed[column]))
            {
                continue;
            }

            var i = changed++;
            var target = table.Columns[column];
            arrays.Add(target.Parameter(command, $"c{i}", entities));
            names.Add($"c{i}");
            var modified = rows.Select(r => r.Changed[column]).ToArray();
            if (modified.All(m => m))
            {
                assignments.Add($"{target.Name} = {target.Value($"v.c{i}")}");
            }
            else
            {
                command.Parameters.Add(new NpgsqlParameter($"m{i}", modified));
                arrays.Add($"@m{i}");
                names.Add($"m{i}");
                assignments.Add($"{target.Name} = CASE WHEN v.m{i} THEN {target.Value($"v.c{i}")} ELSE t.{target.Name} END");
            }
        }

        var match = string.Join(" AND ", key.Select((c, i) => $"t.{c.Name} = v.k{i}"));
        command.CommandText = $"UPDATE {table.Name} AS t SET {string.Join(", ", assignments)} FROM unnest({string.Join(", ", arrays)}) AS v({string.Join(", ", names)}) WHERE {match}";
        return command;
    }

    public readonly record struct Row(object Entity, Table Table);

    // Changed holds, per column of the table, whether this row changed it.
    public readonly record struct RowUpdate(object Entity, Table Table, bool[] Changed);

    // What the statements need to know of an entity type's table.
    public sealed class Table
    {
        private Table(IEntityType type, string name, IReadOnlyList<Column> columns, IReadOnlyList<INavigationBase> navigations)
        {
            Type = type;
            Name = name;
            Columns = columns;
            _navigations = navigations;
            _key = columns.Where(c => c.IsKey).ToArray();
        }

        private readonly IReadOnlyList<INavigationBase> _navigations;
        private readonly Column[] _key;

        public IEntityType Type { get; }

        public string Name { get; }

        public IReadOnlyList<Column> Columns { get; }

        public static Table Of(IEntityType type)
        {
            if (type.BaseType is not null || type.GetDerivedTypes().Any() || type.IsOwned() || type.GetComplexProperties().Any()
                || type.GetTableName() is not { } name
                || type.GetProperties().Any(p => p.IsConcurrencyToken || p.IsShadowProperty() || p.ValueGenerated != ValueGenerated.Never && !p.IsPrimaryKey()))
            {
                throw new NotSupportedException(
                    $"{type.DisplayName()} has inheritance, owned or complex parts, shadow properties, concurrency tokens or store-generated values, which SetBasedSave does not write.");
            }

            var store = StoreObjectIdentifier.Table(name, type.GetSchema());
            var table = type.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(name)}" : Quote(name);
            return new Table(
                type,
                table,
                type.GetProperties().Where(p => p.GetColumnName(store) is not null).Select(p => new Column(p, Quote(p.GetColumnName(store)!))).ToList(),
                [.. type.GetNavigations(), .. type.GetSkipNavigations()]);
        }

        // A key left at its default is the database's to generate.
        public bool HasGeneratedKey(object entity) =>
            _key.Any(c => c.Property.ValueGenerated != ValueGenerated.Never && Equals(c.Get(entity), c.Property.Sentinel));

        // The row's values as its comparers copy them, to tell later which columns changed.
        public object?[] Snapshot(object entity)
        {
            var values = new object?[Columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Columns[i].Snapshot(entity);
            }

            return values;
        }

        // Per column, whether the row differs from its snapshot; null when nothing changed.
        public bool[]? Changed(object entity, object?[] snapshot)
        {
            RefuseNavigations(entity);
            bool[]? changed = null;
            for (var i = 0; i < Columns.Count; i++)
            {
                if (Columns[i].Unchanged(entity, snapshot[i]))
                {
                    continue;
                }

                if (Columns[i].IsKey)
                {
                    throw new InvalidOperationException($"The key of a {Type.DisplayName()} row changed; SetBasedSave updates rows by their key.");
                }

                changed ??= new bool[Columns.Count];
                changed[i] = true;
            }

            return changed;
        }

        // Rows refer to each other by their foreign keys here: nothing fixes a navigation up into a key.
        public void RefuseNavigations(object entity)
        {
            foreach (var navigation in _navigations)
            {
                if (navigation.GetGetter().GetClrValueUsingContainingEntity(entity) is not null)
                {
                    throw new InvalidOperationException($"{Type.DisplayName()}.{navigation.Name} is set; SetBasedSave writes foreign keys, not navigations.");
                }
            }
        }

        private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    // One array parameter per column, of the provider's type after EF's value converter, cast to the column's
    // type. PostgreSQL arrays cannot nest, so a column that is itself an array travels as JSON text.
    public sealed partial class Column(IProperty property, string name)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();
        private readonly ValueComparer _comparer = property.GetValueComparer();
        private readonly ValueConverter? _converter = property.GetRelationalTypeMapping().Converter;
        private readonly Type _elementType = ElementType(property);
        // Without the type's length or precision: an explicit cast to varchar(n) cuts a longer value off without a
        // word, where the column's own check refuses it (22001) as SaveChanges would have it refused.
        private readonly string _arrayType = property.IsPrimitiveCollection ? "text[]" : $"{Modifiers().Replace(property.GetColumnType(), "")}[]";

        public IProperty Property { get; } = property;

        public string Name { get; } = name;

        public bool IsKey { get; } = property.IsPrimaryKey();

        public object? Get(object entity) => _getter.GetClrValueUsingContainingEntity(entity);

        public object? Snapshot(object entity) => _comparer.Snapshot(Get(entity));

        public bool Unchanged(object entity, object? snapshot) => _comparer.Equals(Get(entity), snapshot);

        public string Value(string parameter) =>
            Property.IsPrimitiveCollection
                ? $"CASE WHEN {parameter} IS NULL THEN NULL ELSE ARRAY(SELECT e FROM jsonb_array_elements_text({parameter}::jsonb) WITH ORDINALITY AS a(e, n) ORDER BY n) END::{Property.GetColumnType()}"
                : parameter;

        public string Parameter(NpgsqlBatchCommand command, string name, List<object> rows)
        {
            var values = Array.CreateInstance(_elementType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var value = Get(rows[i]);
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
