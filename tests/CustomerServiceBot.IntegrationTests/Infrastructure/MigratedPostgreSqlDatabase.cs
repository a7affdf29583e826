using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Shops;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

// A fresh PostgreSQL database for one test class that drives EF contexts itself (no service host):
// migrated, holding one shop, seeded by the class, dropped afterwards. Without a configured server the
// class's [DbFact]s are skipped and nothing is created.
public abstract class MigratedPostgreSqlDatabase(string shopId) : IPostgreSqlTests, IAsyncLifetime
{
    protected static readonly DateTime Now = new(2026, 3, 1, 8, 30, 0, DateTimeKind.Utc);
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        if (TestDatabases.PostgreSqlConnectionString is null)
        {
            return;
        }

        _connectionString = await TestDatabases.CreatePostgreSqlDatabaseAsync();
        await using var db = Context();
        await db.Database.MigrateAsync();
        db.Shops.Add(new Shop { Id = shopId, Name = shopId, CreatedAt = Now, UpdatedAt = Now });
        Seed(db);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_connectionString.Length > 0)
        {
            await TestDatabases.DropPostgreSqlDatabaseAsync(_connectionString);
        }
    }

    private protected BotDbContext Context() => new(new DbContextOptionsBuilder<BotDbContext>().UseNpgsql(_connectionString).Options);

    // Rows every test of the class starts from, added after the shop and saved with it.
    private protected virtual void Seed(BotDbContext db)
    {
    }
}
