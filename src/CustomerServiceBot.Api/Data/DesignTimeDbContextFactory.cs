using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustomerServiceBot.Api.Data;

// `dotnet ef migrations add` builds the PostgreSQL model: committed migrations are PostgreSQL's.
// No connection is opened to add a migration.
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<BotDbContext>
{
    public BotDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__PostgreSql")
            ?? "Host=127.0.0.1;Database=customerservicebot;Username=postgres";
        var options = new DbContextOptionsBuilder<BotDbContext>().UseNpgsql(connectionString).Options;
        return new BotDbContext(options);
    }
}
