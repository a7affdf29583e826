using CustomerServiceBot.Api.Data;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Data;

public sealed class MigrationTests : IPostgreSqlTests
{
    [DbFact]
    public async Task MigrationsApplyToAnEmptyDatabaseAndLeaveNothingPending()
    {
        var connectionString = await TestDatabases.CreatePostgreSqlDatabaseAsync();
        try
        {
            await using var db = new BotDbContext(new DbContextOptionsBuilder<BotDbContext>().UseNpgsql(connectionString).Options);

            await db.Database.MigrateAsync();

            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await db.Shops.CountAsync());
        }
        finally
        {
            await TestDatabases.DropPostgreSqlDatabaseAsync(connectionString);
        }
    }

    [DbFact]
    public void ModelMatchesTheCommittedMigrations()
    {
        // Fails when someone changes an entity without `dotnet ef migrations add`.
        using var db = new BotDbContext(new DbContextOptionsBuilder<BotDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: run `dotnet ef migrations add <Name> --project src/CustomerServiceBot.Api -o Data/Migrations`.");
    }
}
