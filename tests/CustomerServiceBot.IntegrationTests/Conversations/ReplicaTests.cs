using System.Net;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using CustomerServiceBot.IntegrationTests.Shops;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Conversations;

// Two service instances on one PostgreSQL database, each with its own in-process locks and caches,
// receiving the same conversation's messages and each other's retries at the same time.
public sealed class ReplicaTests(DemoPostgreSqlFactory first) : IClassFixture<DemoPostgreSqlFactory>, IPostgreSqlTests
{
    [DbFact]
    public async Task TwoInstancesProcessOneConversationOneMessageAtATimeAndEachMessageOnce()
    {
        await first.WaitUntilReadyAsync();
        await using var second = new ReplicaFactory(first.ConnectionString);
        await second.InitializeAsync();
        await second.WaitUntilReadyAsync();
        var instances = new[]
        {
            new WebhookClient(first.CreateClient(), "demo", DemoSettings.WebhookSecret),
            new WebhookClient(second.CreateClient(), "demo", DemoSettings.WebhookSecret),
        };
        var buyer = "replica-" + Guid.NewGuid().ToString("N");
        var texts = new[] { "在吗", "包邮吗", "WD-1001多少钱", "有优惠券吗", "能开发票吗", "谢谢" };
        var ids = Enumerable.Range(0, 24).Select(i => $"{buyer}-{i}").ToList();

        // Every message goes to both instances at once: one delivery and its retry racing on another replica.
        var responses = await Task.WhenAll(ids.SelectMany((id, i) => instances.Select(async instance =>
        {
            using var response = await instance.SendGenericAsync(WebhookClient.Message(id, buyer, texts[i % texts.Length]));
            return (Id: id, Status: response.StatusCode, Body: JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        foreach (var pair in responses.GroupBy(r => r.Id))
        {
            // Both deliveries of a message get the same reply, and exactly one was processed.
            Assert.Single(pair.Select(r => r.Body.GetProperty("messageId").GetInt64()).Distinct());
            Assert.Single(pair, r => !r.Body.GetProperty("duplicate").GetBoolean());
        }

        var rows = await first.WithDbAsync(db => db.ConversationMessages.AsNoTracking()
            .Where(m => db.Conversations.Any(c => c.Id == m.ConversationId && c.BuyerId == buyer))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.PlatformMessageId, m.CreatedAt })
            .ToListAsync());
        Assert.Equal(ids.Order(), rows.Select(r => r.PlatformMessageId!).Order());
        // One message at a time: each was decided on the state the one before it committed, so none of the
        // buyer's message count was lost to a concurrent read, and ids (drawn under the conversation's lock)
        // follow the order of the clock readings taken under it.
        var profile = await first.WithDbAsync(db => db.BuyerProfiles.AsNoTracking().SingleAsync(p => p.ShopId == "demo" && p.BuyerId == buyer));
        Assert.Equal(ids.Count, profile.Messages);
        Assert.Equal(rows.Select(r => r.CreatedAt).Order(), rows.Select(r => r.CreatedAt));
    }

    private sealed class ReplicaFactory(string connectionString) : ApiFactory
    {
        public override DatabaseKind Database => DatabaseKind.PostgreSql;

        protected override string StorageProvider => "PostgreSql";

        protected override IEnumerable<KeyValuePair<string, string>> StorageSettings =>
            [new("Storage:PostgreSqlConnectionString", connectionString)];

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => DemoSettings.All;

        protected override Task CreateDatabaseAsync() => Task.CompletedTask;

        // The database belongs to the first instance's fixture.
        protected override Task DeleteDatabaseAsync() => Task.CompletedTask;
    }
}
