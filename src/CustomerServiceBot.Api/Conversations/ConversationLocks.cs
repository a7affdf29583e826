using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CustomerServiceBot.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.Api.Conversations;

// Messages of one conversation are handled one at a time, in arrival order, inside this process.
// Across replicas the PostgreSQL transaction also takes an advisory lock on the same key; on SQLite
// the database itself admits one writer at a time (single-instance only, see docs/conversations.md).
internal sealed class ConversationLocks(IOptions<StorageOptions> storage)
{
    // Not a conversation key: no buyer id contains a NUL.
    private const string SqliteWriterKey = "\0sqlite-writer";

    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public static string Key(string shopId, string platform, string buyerId) => $"{shopId}\n{platform}\n{buyerId}";

    // The advisory lock a PostgreSQL transaction takes on the conversation (pg_advisory_xact_lock(bigint)).
    public static long DatabaseKey(string key) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0);

    // One conversation changed outside the message path (an agent's claim, reply, release or resolve),
    // in the same order the message path takes its locks: the gate here, the SQLite writer gate, and,
    // inside the caller's transaction, the advisory lock. Dispose the result after the commit.
    public async Task<IDisposable> LockConversationAsync(BotDbContext db, string key, CancellationToken cancellationToken)
    {
        var gate = await AcquireAsync(key, cancellationToken);
        IDisposable? writer = null;
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction = null;
        try
        {
            writer = await AcquireSqliteWriterAsync(cancellationToken);
            transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (storage.Value.Provider == StorageProvider.PostgreSql)
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [DatabaseKey(key)], cancellationToken);
            }

            return new Held(transaction, writer, gate);
        }
        catch
        {
            // A caller that gives up half way must not keep the process's only SQLite writer gate.
            transaction?.Dispose();
            writer?.Dispose();
            gate.Dispose();
            throw;
        }
    }

    // SQLite admits one writer at a time and a writer that finds the file locked backs off for long
    // sleeps; queueing the process's write transactions here keeps them from colliding. PostgreSQL
    // needs no such queue: null there.
    public async Task<IDisposable?> AcquireSqliteWriterAsync(CancellationToken cancellationToken) =>
        storage.Value.Provider == StorageProvider.Sqlite ? await AcquireAsync(SqliteWriterKey, cancellationToken) : null;

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var gate = _gates.GetOrAdd(key, _ => new Gate());
            lock (gate)
            {
                if (gate.Retired)
                {
                    continue;
                }

                gate.Users++;
            }

            try
            {
                await gate.Semaphore.WaitAsync(cancellationToken);
            }
            catch
            {
                Leave(key, gate);
                throw;
            }

            return new Releaser(this, key, gate);
        }
    }

    // The gate of a conversation nobody waits for is dropped, so the map holds only busy conversations.
    private void Leave(string key, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users == 0)
            {
                gate.Retired = true;
                _gates.TryRemove(new KeyValuePair<string, Gate>(key, gate));
            }
        }
    }

    private sealed class Held(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, IDisposable? writer, IDisposable gate) : IDisposable
    {
        public void Dispose()
        {
            transaction.Dispose();
            writer?.Dispose();
            gate.Dispose();
        }
    }

    private sealed class Gate
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
        public bool Retired;
    }

    private sealed class Releaser(ConversationLocks owner, string key, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(key, gate);
            }
        }
    }
}
