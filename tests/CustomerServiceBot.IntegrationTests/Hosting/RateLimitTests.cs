using System.Net;
using CustomerServiceBot.IntegrationTests.Infrastructure;

namespace CustomerServiceBot.IntegrationTests.Hosting;

public abstract class RateLimitTests(ApiFactory factory)
{
    [DbFact]
    public async Task ShopOverItsBudgetGets429WithRetryAfterWhileOtherShopsGoOn()
    {
        var busy = await factory.CreateShopAsync();
        var quiet = await factory.CreateShopAsync();
        using var busyClient = factory.CreateClient(busy.ApiKey);
        using var quietClient = factory.CreateClient(quiet.ApiKey);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < LimitedSettings.Burst + 3 && limited is null; i++)
        {
            var response = await busyClient.GetAsync($"/api/v1/shops/{busy.Id}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        var problem = await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("rate limit", problem.GetProperty("detail").GetString());
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await quietClient.GetAsync($"/api/v1/shops/{quiet.Id}")).StatusCode);
    }
}

internal static class LimitedSettings
{
    public const int Burst = 8;

    // The shop-creating calls of the test go through the operator's own bucket.
    public static IEnumerable<KeyValuePair<string, string>> All =>
    [
        new("RateLimiting:AdminRequestsPerSecond", "1"),
        new("RateLimiting:AdminBurst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

public sealed class RateLimitedSqliteFactory : SqliteApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => LimitedSettings.All;
}

public sealed class RateLimitedPostgreSqlFactory : PostgreSqlApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => LimitedSettings.All;
}

public sealed class RateLimitSqliteTests(RateLimitedSqliteFactory factory) : RateLimitTests(factory), IClassFixture<RateLimitedSqliteFactory>;

public sealed class RateLimitPostgreSqlTests(RateLimitedPostgreSqlFactory factory)
    : RateLimitTests(factory), IClassFixture<RateLimitedPostgreSqlFactory>, IPostgreSqlTests;
