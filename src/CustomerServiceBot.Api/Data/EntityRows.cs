using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustomerServiceBot.Api.Data;

// Entities read from one result set of a command that also does other work: EF runs one query per
// command, and a batch of buyer messages reads its conversations, profiles and unpaid orders in the
// round trip that takes its locks. Columns are found by the EF model's names and read as the provider's
// type, then passed through the model's value converter, so a new property is read without touching
// this code. The entities come back untracked; a caller that changes them attaches them first.
internal static class EntityRows
{
    private static readonly ConcurrentDictionary<IEntityType, Column[]> Columns = new();

    // The reader stands on the result set; it is left at its end.
    public static async Task<List<T>> ReadAsync<T>(DbDataReader reader, DbContext db, CancellationToken cancellationToken)
        where T : class
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity type.");
        var columns = Columns.GetOrAdd(type, Of);
        var ordinals = Ordinals(reader, columns);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var entity = (T)Activator.CreateInstance(typeof(T), nonPublic: true)!;
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i].Set(entity, reader, ordinals[i]);
            }

            rows.Add(entity);
        }

        return rows;
    }

    // Each column is first looked for where it was found the last time: finding columns by name (case-insensitive
    // in Npgsql) per column and batch was about 2 % of the batch's CPU.
    private static int[] Ordinals(DbDataReader reader, Column[] columns)
    {
        var ordinals = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var hint = columns[i].LastOrdinal;
            ordinals[i] = hint < reader.FieldCount && reader.GetName(hint) == columns[i].Name ? hint : columns[i].LastOrdinal = reader.GetOrdinal(columns[i].Name);
        }

        return ordinals;
    }

    private static Column[] Of(IEntityType type)
    {
        if (type.BaseType is not null || type.GetDerivedTypes().Any() || type.GetComplexProperties().Any() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
        {
            throw new NotSupportedException($"{type.DisplayName()} has inheritance, owned or complex parts, which EntityRows does not read.");
        }

        // A shadow property's value lives in EF's entry, not on the object this reader builds.
        if (type.GetProperties().FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new NotSupportedException($"{type.DisplayName()}.{shadow.Name} is a shadow property, which EntityRows does not read.");
        }

        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        return type.GetProperties().Select(p => new Column(p, p.GetColumnName(store)
            ?? throw new NotSupportedException($"{type.DisplayName()}.{p.Name} has no column."))).ToArray();
    }

    private sealed class Column(IProperty property, string name)
    {
        private readonly ValueConverter? _converter = property.GetRelationalTypeMapping().Converter;
        private readonly Action<object, object?> _set = Setter(property);
        private readonly Func<DbDataReader, int, object> _read = Reader(property);

        public string Name { get; } = name;

        // Shared by concurrent readers: a stale value only costs a lookup by name.
        public int LastOrdinal { get; set; }

        public void Set(object entity, DbDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                if (property.IsNullable)
                {
                    _set(entity, null);
                    return;
                }

                throw new InvalidOperationException($"{property.DeclaringType.DisplayName()}.{property.Name} is null in the database.");
            }

            var value = _read(reader, ordinal);
            _set(entity, _converter is null ? value : _converter.ConvertFromProvider(value));
        }

        // Through the property's setter (init accessors included), or its backing field where it has none.
        private static Action<object, object?> Setter(IProperty property)
        {
            if (property.PropertyInfo is { SetMethod: not null } info)
            {
                var entity = Expression.Parameter(typeof(object));
                var value = Expression.Parameter(typeof(object));
                return Expression.Lambda<Action<object, object?>>(
                    Expression.Assign(
                        Expression.Property(Expression.Convert(entity, info.DeclaringType!), info),
                        Expression.Convert(value, info.PropertyType)),
                    entity, value).Compile();
            }

            var field = property.FieldInfo ?? throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} has neither a setter nor a backing field.");
            return field.SetValue;
        }

        // reader.GetFieldValue<provider type>, bound once per column.
        private static Func<DbDataReader, int, object> Reader(IProperty property)
        {
            var mapping = property.GetRelationalTypeMapping();
            var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            var read = typeof(Column).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
            return read.CreateDelegate<Func<DbDataReader, int, object>>();
        }

        private static object Read<TValue>(DbDataReader reader, int ordinal) => reader.GetFieldValue<TValue>(ordinal)!;
    }
}
