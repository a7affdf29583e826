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

    // The advisory locks a PostgreSQL transaction takes on these conversations (pg_advisory_xact_lock(bigint)),
    // in the order every transaction takes them, so two never wait for each other crosswise.
    public static long[] DatabaseKeys(IEnumerable<string> keys) =>
        keys.Select(key => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0)).Distinct().Order().ToArray();

    // Conversations changed outside the message path (an agent's claim, reply, release or resolve; a buyer's
    // erasure), in the order the message path takes its locks: the gates here, the SQLite writer gate, and, in
    // the transaction this begins, the advisory locks in key order. Commit through the context, then dispose.
    public async Task<IDisposable> LockConversationsAsync(BotDbContext db, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var ordered = keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var held = new List<IDisposable>(ordered.Count + 2);
        try
        {
            foreach (var key in ordered)
            {
                held.Add(await AcquireAsync(key, cancellationToken));
            }

            if (await AcquireSqliteWriterAsync(cancellationToken) is { } writer)
            {
                held.Add(writer);
            }

            held.Add(await db.Database.BeginTransactionAsync(cancellationToken));
            if (storage.Value.Provider == StorageProvider.PostgreSql && ordered.Count > 0)
            {
                await db.Database.ExecuteSqlRawAsync(
                    "SELECT pg_advisory_xact_lock(k) FROM unnest({0}) AS k", [DatabaseKeys(ordered)], cancellationToken);
            }

            return new Held(held);
        }
        catch
        {
            // A caller that gives up half way must not keep the process's only SQLite writer gate.
            new Held(held).Dispose();
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

    // Released in reverse: the transaction (rolled back unless committed), the writer gate, the conversations' gates.
    private sealed class Held(List<IDisposable> held) : IDisposable
    {
        public void Dispose()
        {
            for (var index = held.Count - 1; index >= 0; index--)
            {
                held[index].Dispose();
            }
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
