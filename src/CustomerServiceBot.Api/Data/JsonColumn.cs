using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CustomerServiceBot.Api.Data;

// Small maps and lists (attribute values, aliases) are stored as JSON text on their row: they are
// always read with the row, never queried inside, and text keeps one schema for SQLite and PostgreSQL.
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static PropertyBuilder<Dictionary<string, string>> HasJsonConversion(this PropertyBuilder<Dictionary<string, string>> property) =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                value => value.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                value => new Dictionary<string, string>(value)));

    // Lists compared item by item and copied for the snapshot.
    public static readonly ValueComparer<List<string>> StringListComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        value => value.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        value => value.ToList());

    public static PropertyBuilder<List<string>> HasJsonConversion(this PropertyBuilder<List<string>> property) =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            json => JsonSerializer.Deserialize<List<string>>(json, Options) ?? new List<string>(),
            StringListComparer);

    public static PropertyBuilder<List<T>> HasJsonListConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            json => JsonSerializer.Deserialize<List<T>>(json, Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => a!.SequenceEqual(b!),
                value => value.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
                value => value.ToList()));

    // An immutable settings record: compared by value, so EF sees a replaced record as a change.
    public static PropertyBuilder<T> HasJsonRecordConversion<T>(this PropertyBuilder<T> property, Func<T> empty)
        where T : class =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            json => JsonSerializer.Deserialize<T>(json, Options) ?? empty(),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                value => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal),
                value => value));
}
