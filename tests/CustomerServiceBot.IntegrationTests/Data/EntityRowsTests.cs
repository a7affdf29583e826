using System.Text.Json;
using CustomerServiceBot.Api.Buyers;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Reminders;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Data;

// Rows read by EntityRows must be the entities EF's own query makes of them, and have their changes written back.
public sealed class EntityRowsTests() : MigratedPostgreSqlDatabase(ShopId)
{
    private const string ShopId = "entity-rows";

    private protected override void Seed(BotDbContext db)
    {
        // Every column set on the first rows, every nullable one left null on the second.
        db.Conversations.AddRange(
            new Conversation
            {
                Id = 11, ShopId = ShopId, Platform = "generic", BuyerId = "buyer-full", BuyerNick = "小红", Status = ConversationStatus.Human,
                FocusProductId = 7, FocusSkuId = 70, PendingSlot = "colour", PendingIntent = "ask_stock", PendingChoices = ["P1", "P2"],
                RecentIntents = ["ask_price", "ask_stock"], RecentEmotions = ["angry", "neutral"], FailureCount = 2, AngerCount = 1,
                LastOrderId = "E-1", RecommendedProducts = ["P3"], MessagesSinceRecommendation = 4, HandoffReason = "escalation",
                HandoffSummary = "说\"太慢了\"", HandoffAt = Now.AddMinutes(-3), AssignedAgent = "小王", ReplyTarget = "{\"inbox\":1}",
                IsTest = true, SessionStartedAt = Now.AddHours(-1), LastMessageAt = Now, CreatedAt = Now.AddDays(-2),
            },
            new Conversation { Id = 12, ShopId = ShopId, Platform = "chatwoot", BuyerId = "buyer-bare", SessionStartedAt = Now, LastMessageAt = Now, CreatedAt = Now });
        db.BuyerProfiles.AddRange(
            new BuyerProfile
            {
                ShopId = ShopId, BuyerId = "buyer-full", FirstSeenAt = Now.AddDays(-30), LastVisitAt = Now, Orders = 3, PaidOrders = 2, SpendMinor = 45900,
                LastOrderAt = Now.AddDays(-1), LastPaidAt = Now.AddDays(-2), ItemsBought = 4, ItemSpendMinor = 45000, MinItemPriceMinor = 9900,
                MaxItemPriceMinor = 19900, SizesBought = [new Tally("M", 2), new Tally("L", 1)], CategoriesBought = [new Tally("外套", 3)],
                BoughtProducts = ["P1", "P2"], ViewedProducts = ["P5"], Messages = 12, AngryMessages = 1, AnxiousMessages = 2, Complaints = 1,
                LastAngryAt = Now.AddHours(-5), LastComplaintAt = Now.AddHours(-4), RecentEmotions = ["anxious"], PriceQuestions = 3,
                IntentDay = new DateOnly(2026, 3, 1), PurchaseQuestionsToday = 2, RemindedOrders = 1, RemindedOrdersPaid = 1,
                ManualTags = ["vip"], Tags = ["vip", "复购"], UpdatedAt = Now,
            },
            new BuyerProfile { ShopId = ShopId, BuyerId = "buyer-bare", FirstSeenAt = Now, LastVisitAt = Now, UpdatedAt = Now });
        db.Orders.AddRange(
            new Order
            {
                ShopId = ShopId, Platform = "generic", OrderId = "E-1", Kind = OrderKind.Order, Status = OrderStatus.DepositPaid, BuyerId = "buyer-full",
                BuyerNick = "小红", BuyerTags = ["vip"], Items = [new OrderItem("P1", "红色外套", 2, "P1-RED-M", 9900)], AmountMinor = 19800, BalanceMinor = 9900,
                PayUrl = "https://pay.example/E-1", ReplyPlatform = "chatwoot", ReplyTarget = "{\"conversation\":3}", OrderCreatedAt = Now.AddHours(-2),
                AutoCloseAt = Now.AddHours(22), BalanceStartsAt = Now.AddDays(1), DepositPaidAt = Now.AddHours(-1), PaidAt = Now, ClosedAt = Now,
                SeenCreated = true, CreatedAt = Now.AddHours(-2), UpdatedAt = Now,
            },
            new Order { ShopId = ShopId, Platform = "generic", OrderId = "E-2", CreatedAt = Now, UpdatedAt = Now });
    }

    [DbFact]
    public async Task RowsReadAfterAnotherStatementAreWhatEfReads()
    {
        await using var db = Context();
        var expectedConversations = await db.Conversations.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var expectedProfiles = await db.BuyerProfiles.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        var expectedOrders = await db.Orders.AsNoTracking().OrderBy(o => o.Id).ToListAsync();

        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """
            SELECT 1;
            SELECT * FROM conversations ORDER BY "Id";
            SELECT * FROM buyer_profiles ORDER BY "Id";
            SELECT * FROM orders ORDER BY "Id";
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        var conversations = await EntityRows.ReadAsync<Conversation>(reader, db, CancellationToken.None);
        await reader.NextResultAsync();
        var profiles = await EntityRows.ReadAsync<BuyerProfile>(reader, db, CancellationToken.None);
        await reader.NextResultAsync();
        var orders = await EntityRows.ReadAsync<Order>(reader, db, CancellationToken.None);

        Assert.Equal(2, conversations.Count);
        Assert.Equal(2, orders.Count);
        Assert.Equal(Json(expectedOrders), Json(orders));
        Assert.Equal("P1-RED-M", Assert.Single(orders[0].Items).SkuCode);
        Assert.Equal(2, profiles.Count);
        Assert.Equal(Json(expectedConversations), Json(conversations));
        Assert.Equal(Json(expectedProfiles), Json(profiles));
        Assert.All(conversations, c => Assert.Equal(DateTimeKind.Utc, c.LastMessageAt.Kind));
        Assert.Equal(["P1", "P2"], conversations[0].PendingChoices);
        Assert.Null(conversations[1].HandoffAt);
        Assert.Equal([new Tally("M", 2), new Tally("L", 1)], profiles[0].SizesBought);
        Assert.Equal(new DateOnly(2026, 3, 1), profiles[0].IntentDay);
        Assert.Null(profiles[1].IntentDay);
    }

    [DbFact]
    public async Task ChangesToAttachedRowsAreWrittenBack()
    {
        List<Conversation> rows;
        await using (var db = Context())
        {
            await db.Database.OpenConnectionAsync();
            await using (var command = db.Database.GetDbConnection().CreateCommand())
            {
                command.CommandText = """SELECT * FROM conversations WHERE "Id" = 11""";
                await using var reader = await command.ExecuteReaderAsync();
                rows = await EntityRows.ReadAsync<Conversation>(reader, db, CancellationToken.None);
            }

            var changes = RowChanges.For(db);
            changes.Attach(rows[0]);
            // A list changed in place is a change too.
            rows[0].RecentIntents.Add("complaint");
            rows[0].FailureCount = 5;
            await using var transaction = await db.Database.BeginTransactionAsync();
            await changes.SaveAsync(CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var check = Context();
        var stored = await check.Conversations.SingleAsync(c => c.Id == 11);
        Assert.Equal(["ask_price", "ask_stock", "complaint"], stored.RecentIntents);
        Assert.Equal(5, stored.FailureCount);
        Assert.Equal("小王", stored.AssignedAgent);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
