using System.Diagnostics.Metrics;
using System.Net;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Understanding;
using CustomerServiceBot.Api.Webhooks;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using CustomerServiceBot.IntegrationTests.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerServiceBot.IntegrationTests.Conversations;

// Group commit: messages of different conversations handled in one transaction must come out exactly
// as if each had had its own.
public abstract class MessageBatchTests(ApiFactory factory)
{
    private const string Shop = "demo";

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private static InboundMessage Message(string buyer, string text, string platform = "generic", bool test = false, string? id = null) =>
        new(Shop, platform, id ?? "m-" + NewId(), buyer, "小王", text, DateTime.UtcNow, IsTest: test);

    private async Task<BotReply[]> RunBatchAsync(params InboundMessage[] messages)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var transaction = scope.ServiceProvider.GetRequiredService<MessageTransaction>();
        return await transaction.RunAsync(scope.ServiceProvider.GetRequiredService<Api.Data.BotDbContext>(), messages, new MessageReading?[messages.Length], CancellationToken.None);
    }

    [DbFact]
    public async Task OneTransactionAnswersEachConversationFromItsOwnState()
    {
        await factory.WaitUntilReadyAsync();
        var webhooks = new WebhookClient(factory.CreateClient(), Shop, DemoSettings.WebhookSecret);
        var (talking, returning, fresh, tester, twoPlatforms) = ("t-" + NewId(), "r-" + NewId(), "f-" + NewId(), "p-" + NewId(), "w-" + NewId());
        await webhooks.SayAsync(talking, "WD-1001多少钱");
        var storedId = "m-" + NewId();
        var stored = await (await webhooks.SendGenericAsync(WebhookClient.Message(storedId, returning, "包邮吗亲"))).AssertJsonAsync<BotReply>(HttpStatusCode.OK);

        var replies = await RunBatchAsync(
            Message(talking, "有红色M码吗"),
            Message(returning, "包邮吗亲", id: storedId),
            Message(fresh, "在吗"),
            Message(tester, "WD-1001多少钱", "playground", test: true),
            Message(twoPlatforms, "有优惠券吗"),
            Message(twoPlatforms, "能开发票吗", "shop-app"));

        // The follow-up is read against the product this buyer was talking about before the batch.
        Assert.Contains("法式复古红色茶歇连衣裙", string.Join(" ", replies[0].Parts));
        Assert.False(replies[0].Duplicate);
        Assert.True(replies[1].Duplicate);
        Assert.Equal(stored.MessageId, replies[1].MessageId);
        Assert.Equal(stored.Parts, replies[1].Parts);
        Assert.All(replies.Where((_, index) => index != 1), reply => Assert.NotNull(reply.MessageId));
        Assert.Equal(6, replies.Select(r => r.ConversationId).Distinct().Count());

        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.ConversationMessages.CountAsync(m => m.ShopId == Shop && m.PlatformMessageId == storedId));
            var ids = replies.Select(r => r.MessageId!.Value).ToList();
            Assert.Equal(6, await db.ConversationMessages.CountAsync(m => ids.Contains(m.Id)));
            // One profile for the buyer who wrote on two platforms in the same batch, counting both messages.
            var profile = await db.BuyerProfiles.SingleAsync(p => p.ShopId == Shop && p.BuyerId == twoPlatforms);
            Assert.Equal(2, profile.Messages);
            Assert.Equal(2, await db.Conversations.CountAsync(c => c.ShopId == Shop && c.BuyerId == twoPlatforms));
            // Test traffic leaves no profile behind.
            Assert.False(await db.BuyerProfiles.AnyAsync(p => p.ShopId == Shop && p.BuyerId == tester));
            Assert.True((await db.Conversations.SingleAsync(c => c.ShopId == Shop && c.BuyerId == tester)).IsTest);
            return true;
        });
    }

    [DbFact]
    public async Task MessagesQueuedTogetherShareATransaction()
    {
        await factory.WaitUntilReadyAsync();
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var metrics = new MessageMetrics(meters);
        var sizes = new System.Collections.Concurrent.ConcurrentBag<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "csbot.message_batch.size")
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) => sizes.Add(size));
        listener.Start();

        // Queued before the workers start, as when they are all busy: ten messages, at most two transactions.
        var batcher = new MessageBatcher(
            factory.Services.GetRequiredService<IServiceScopeFactory>(),
            factory.Services.GetRequiredService<MessageTransaction>(),
            factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConversationOptions>>(),
            metrics,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MessageBatcher>.Instance);
        var run = NewId();
        var pending = Enumerable.Range(0, 10).Select(index => batcher.SubmitAsync(Message($"q-{run}-{index}", "包邮吗亲"))).ToList();
        await batcher.StartAsync(CancellationToken.None);
        var replies = await Task.WhenAll(pending);
        await batcher.StopAsync(CancellationToken.None);

        Assert.All(replies, reply => Assert.NotEmpty(reply.Parts));
        Assert.Equal(10, replies.Select(r => r.ConversationId).Distinct().Count());
        Assert.Equal(10, sizes.Sum());
        Assert.InRange(sizes.Count, 1, 2);
    }

    [DbFact]
    public async Task ConcurrentDeliveriesAreEachStoredOnce()
    {
        await factory.WaitUntilReadyAsync();
        var webhooks = new WebhookClient(factory.CreateClient(), Shop, DemoSettings.WebhookSecret);

        // Forty buyers at once, and one message id claimed by two buyers at the same moment: the unique
        // key refuses one of them, and only that message may notice.
        var run = NewId();
        var shared = "shared-" + run;
        var ids = Enumerable.Range(0, 40).Select(index => $"{run}-{index}").Append(shared).ToList();
        var deliveries = Enumerable.Range(0, 40)
            .Select(index => WebhookClient.Message(ids[index], $"b-{run}-{index}", index % 2 == 0 ? "包邮吗亲" : "什么时候发货呀"))
            .Append(WebhookClient.Message(shared, $"x-{run}", "在吗"))
            .Append(WebhookClient.Message(shared, $"y-{run}", "在吗"))
            .ToList();
        var responses = await Task.WhenAll(deliveries.Select(d => webhooks.SendGenericAsync(d)));
        var replies = new List<BotReply>();
        foreach (var response in responses)
        {
            replies.Add(await response.AssertJsonAsync<BotReply>(HttpStatusCode.OK));
        }

        Assert.All(replies.Take(40), reply => Assert.NotEmpty(reply.Parts));
        Assert.Single(replies.Skip(40), reply => reply.Duplicate);
        Assert.Equal(replies[40].MessageId, replies[41].MessageId);
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.ConversationMessages.Where(m => m.ShopId == Shop && m.PlatformMessageId != null && ids.Contains(m.PlatformMessageId))
                .GroupBy(m => m.PlatformMessageId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(41, stored.Count);
            Assert.All(stored, count => Assert.Equal(1, count));
            return true;
        });
    }
}

public sealed class MessageBatchSqliteTests(DemoSqliteFactory factory) : MessageBatchTests(factory), IClassFixture<DemoSqliteFactory>;

public sealed class MessageBatchPostgreSqlTests(DemoPostgreSqlFactory factory)
    : MessageBatchTests(factory), IClassFixture<DemoPostgreSqlFactory>, IPostgreSqlTests;
