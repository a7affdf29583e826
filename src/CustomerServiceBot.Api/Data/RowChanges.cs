using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CustomerServiceBot.Api.Data;

// The rows a unit of work adds and the rows it read and may change, written together by SaveAsync.
//
// On PostgreSQL the changes are found here, not by EF's change tracker: each attached row is compared with
// the copy of its values taken when it was attached, column by column with the model's value comparers,
// and SetBasedSave writes the new rows and the changed columns. For a batch of buyer messages the tracker
// (entries, snapshots, change detection, fix-up) cost more of the service's CPU than the statements did.
// Elsewhere (SQLite, where a statement per row costs no round trip) the rows are handed to the context and
// SaveChanges writes them.
//
// Rows refer to each other by their foreign keys: navigations are not followed (a row with one set is
// refused), and a row whose key the database generates cannot be referred to by another row of the same save.
internal sealed class RowChanges
{
    private readonly DbContext _db;
    private readonly bool _setBased;
    private readonly List<SetBasedSave.Row> _added = [];
    private readonly List<Attached> _attached = [];
    private bool _ended;

    private RowChanges(DbContext db, bool setBased)
    {
        _db = db;
        _setBased = setBased;
    }

    public static RowChanges For(DbContext db) => new(db, db.Database.GetDbConnection() is NpgsqlConnection);

    public T Add<T>(T entity)
        where T : class
    {
        RefuseAfterLastSave();
        if (_setBased)
        {
            var table = SetBasedSave.TableOf(_db, entity);
            table.RefuseNavigations(entity);
            _added.Add(new SetBasedSave.Row(entity, table));
        }
        else
        {
            _db.Add(entity);
        }

        return entity;
    }

    // A row read from the database (untracked), to be written back where it changes.
    public T Attach<T>(T entity)
        where T : class
    {
        RefuseAfterLastSave();
        if (_setBased)
        {
            var table = SetBasedSave.TableOf(_db, entity);
            table.RefuseNavigations(entity);
            _attached.Add(new Attached(entity, table, table.Snapshot(entity)));
        }
        else
        {
            _db.Attach(entity);
        }

        return entity;
    }

    // Afterwards the rows written are the new starting point, as after SaveChanges; a row whose key the
    // database generated is no longer tracked (its key is not read back).
    public Task SaveAsync(CancellationToken cancellationToken) => SaveAsync(followRows: true, cancellationToken);

    // The unit of work's last save: nothing is compared afterwards, so the rows written are not copied again
    // (for a batch of buyer messages the copies were a tenth of the save's CPU). Adding, attaching or saving
    // after it is refused.
    public async Task SaveLastAsync(CancellationToken cancellationToken)
    {
        await SaveAsync(followRows: false, cancellationToken);
        _ended = true;
    }

    private async Task SaveAsync(bool followRows, CancellationToken cancellationToken)
    {
        RefuseAfterLastSave();
        if (!_setBased)
        {
            await _db.SaveChangesAsync(cancellationToken);
            return;
        }

        // A row handed to the context instead would not be written: better refused than lost.
        if (_db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Rows were added to or changed through the context; with RowChanges they go through Add and Attach.");
        }

        var updates = new List<SetBasedSave.RowUpdate>();
        var updated = new List<Attached>();
        foreach (var row in _attached)
        {
            if (row.Table.Changed(row.Entity, row.Snapshot) is { } changed)
            {
                updates.Add(new SetBasedSave.RowUpdate(row.Entity, row.Table, changed));
                updated.Add(row);
            }
        }

        await SetBasedSave.WriteAsync(_db, _added, updates, cancellationToken);
        if (!followRows)
        {
            _added.Clear();
            return;
        }

        foreach (var row in updated)
        {
            row.Snapshot = row.Table.Snapshot(row.Entity);
        }

        foreach (var row in _added.Where(r => !r.Table.HasGeneratedKey(r.Entity)))
        {
            _attached.Add(new Attached(row.Entity, row.Table, row.Table.Snapshot(row.Entity)));
        }

        _added.Clear();
    }

    private void RefuseAfterLastSave()
    {
        if (_ended)
        {
            throw new InvalidOperationException("The last save of these rows has been made; nothing is written after it.");
        }
    }

    private sealed class Attached(object entity, SetBasedSave.Table table, object?[] snapshot)
    {
        public object Entity { get; } = entity;

        public SetBasedSave.Table Table { get; } = table;

        public object?[] Snapshot { get; set; } = snapshot;
    }
}
