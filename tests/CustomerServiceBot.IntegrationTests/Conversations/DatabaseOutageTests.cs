using System.Collections.Concurrent;
using System.Net;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using CustomerServiceBot.IntegrationTests.Shops;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Conversations;

// PostgreSQL stops and comes back while platforms keep delivering: every 200 has its reply stored,
// the outage answers 503 with Retry-After (never 500), and the service recovers without a restart.
public sealed class DatabaseOutageTests(OutageFactory factory) : IClassFixture<OutageFactory>, IOwnPostgreSqlServerTests
{
    private sealed record Delivery(string MessageId, HttpStatusCode Status, bool HasRetryAfter, DateTime At);

    [DbFact]
    public async Task RepliesSurviveAPostgreSqlRestartDuringLoad()
    {
        await factory.WaitUntilReadyAsync();
        var webhooks = new WebhookClient(factory.CreateClient(), "demo", DemoSettings.WebhookSecret);
        var deliveries = new ConcurrentQueue<Delivery>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 6).Select(sender => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = $"outage-{sender}-{n}";
                using var response = await webhooks.SendGenericAsync(WebhookClient.Message(id, $"outage-buyer-{sender}", "包邮吗"));
                deliveries.Enqueue(new Delivery(id, response.StatusCode, response.Headers.RetryAfter is not null, DateTime.UtcNow));
            }
        })).ToList();

        await WaitUntilAsync(() => deliveries.Count(d => d.Status == HttpStatusCode.OK) >= 30, "answers before the outage");
        await factory.PostgreSql.StopServerAsync();
        await WaitUntilAsync(() => deliveries.Count(d => d.Status == HttpStatusCode.ServiceUnavailable) >= 10, "503s during the outage");
        await factory.PostgreSql.StartServerAsync();
        var restartedAt = DateTime.UtcNow;
        await WaitUntilAsync(() => deliveries.Count(d => d.Status == HttpStatusCode.OK && d.At > restartedAt) >= 30, "answers after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        var all = deliveries.ToList();
        Assert.All(all, d => Assert.True(d.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{d.MessageId}: {(int)d.Status}"));
        Assert.All(all.Where(d => d.Status == HttpStatusCode.ServiceUnavailable), d => Assert.True(d.HasRetryAfter, $"{d.MessageId}: 503 without Retry-After"));
        var answered = all.Where(d => d.Status == HttpStatusCode.OK).Select(d => d.MessageId).ToHashSet();
        Assert.Equal(answered.Count, await StoredRepliesAsync(answered));

        // The platform retries what got 503: each is processed now, once.
        var refused = all.Select(d => d.MessageId).Where(id => !answered.Contains(id)).Distinct().ToList();
        Assert.NotEmpty(refused);
        foreach (var id in refused)
        {
            var sender = id.Split('-')[1];
            using var retry = await webhooks.SendGenericAsync(WebhookClient.Message(id, $"outage-buyer-{sender}", "包邮吗"));
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        var everyId = all.Select(d => d.MessageId).ToHashSet();
        Assert.Equal(everyId.Count, await StoredRepliesAsync(everyId));
    }

    private Task<int> StoredRepliesAsync(IReadOnlyCollection<string> messageIds) =>
        factory.WithDbAsync(db => db.ConversationMessages
            .Where(m => m.ShopId == "demo" && m.Platform == "generic" && m.PlatformMessageId != null && messageIds.Contains(m.PlatformMessageId) && m.ReplyJson != null)
            .CountAsync());

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Waited 60 s for {what}.");
    }
}

public sealed class OutageFactory : ApiFactory
{
    private ThrowawayPostgreSql? _server;

    public ThrowawayPostgreSql PostgreSql => _server ?? throw new InvalidOperationException("The server is not started yet.");

    public override DatabaseKind Database => DatabaseKind.PostgreSql;

    protected override string StorageProvider => "PostgreSql";

    protected override IEnumerable<KeyValuePair<string, string>> StorageSettings =>
        [new("Storage:PostgreSqlConnectionString", PostgreSql.ConnectionString("csbot_outage"))];

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => DemoSettings.All;

    protected override async Task CreateDatabaseAsync()
    {
        if (ThrowawayPostgreSql.BinDirectory is not null)
        {
            _server = await ThrowawayPostgreSql.StartAsync();
        }
    }

    protected override async Task DeleteDatabaseAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
