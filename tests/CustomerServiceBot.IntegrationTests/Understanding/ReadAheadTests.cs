using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.Api.Understanding;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using CustomerServiceBot.IntegrationTests.Knowledge;
using CustomerServiceBot.Nlu;
using CustomerServiceBot.Nlu.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerServiceBot.IntegrationTests.Understanding;

// A message read before its turn stands for reading it in the batch only while it was read with what the
// batch would read it with.
public abstract class ReadAheadTests(ApiFactory factory)
{
    private const string Text = "WD-1001多少钱";

    [DbFact]
    public async Task AReadingMadeWithTheCatalogueInUseIsUsedAsItIs()
    {
        var (policy, input, view) = await ArrangeAsync();
        var reading = Marked(policy.ReadAhead(input.Shop.Id, Text, view)!);

        var decision = policy.Decide(input with { ReadAhead = reading });

        Assert.Equal(MarkedConfidence, decision.TopConfidence!.Value, 4);
    }

    [DbFact]
    public async Task AReadingMadeWithoutTheCatalogueIsReadAgainWithIt()
    {
        var (policy, input, view) = await ArrangeAsync();
        var blind = policy.ReadAhead(input.Shop.Id, Text, knowledge: null)!;
        Assert.DoesNotContain(blind.Whole.Entities, e => e.Kind == EntityKind.Product);
        Assert.Contains(policy.ReadAhead(input.Shop.Id, Text, view)!.Whole.Entities, e => e.Kind == EntityKind.Product);

        var decision = policy.Decide(input with { ReadAhead = Marked(blind) });

        Assert.NotEqual(MarkedConfidence, decision.TopConfidence!.Value, 4);
    }

    private const float MarkedConfidence = 0.1234f;

    // A reading no model would give, to tell whether Decide used it.
    private static MessageReading Marked(MessageReading reading)
    {
        var whole = reading.Whole with { Intent = new IntentPrediction("greeting", MarkedConfidence, MarkedConfidence, true, [new IntentScore("greeting", MarkedConfidence)]) };
        return reading with { Whole = whole, Questions = [(Text, whole)] };
    }

    private async Task<(DialoguePolicy Policy, PolicyInput Input, ShopKnowledge View)> ArrangeAsync()
    {
        var (shop, _) = await factory.CreateDemoShopAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var view = (await factory.Services.GetRequiredService<ShopKnowledgeCache>().GetAsync(db, shop.Id, CancellationToken.None))!;
        var shopRow = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == shop.Id);
        var now = DateTime.UtcNow;
        var conversation = new Conversation
        {
            ShopId = shop.Id, Platform = "generic", BuyerId = "read-ahead", CreatedAt = now, SessionStartedAt = now, LastMessageAt = now,
        };
        return (factory.Services.GetRequiredService<DialoguePolicy>(), new PolicyInput(shopRow, conversation, Text, null, null, view, now), view);
    }
}

public sealed class ReadAheadSqliteTests(SqliteApiFactory factory) : ReadAheadTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class ReadAheadPostgreSqlTests(PostgreSqlApiFactory factory)
    : ReadAheadTests(factory), IClassFixture<PostgreSqlApiFactory>, IPostgreSqlTests;
