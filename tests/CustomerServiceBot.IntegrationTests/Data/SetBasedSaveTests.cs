using CustomerServiceBot.Api.Buyers;
using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Data;

// RowChanges on PostgreSQL finds the changes itself and SetBasedSave writes them: the database must end
// up exactly as SaveChanges would leave it.
public sealed class SetBasedSaveTests() : MigratedPostgreSqlDatabase(ShopId)
{
    private const string ShopId = "set-based";

    private static async Task SaveAsync(BotDbContext db, RowChanges rows)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await rows.SaveAsync(CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task AssertNotStoredAsync(long conversationId)
    {
        await using var check = Context();
        Assert.False(await check.Conversations.AnyAsync(c => c.Id == conversationId));
    }

    private static Conversation NewConversation(long id, string buyer) => new()
    {
        Id = id, ShopId = ShopId, Platform = "generic", BuyerId = buyer, CreatedAt = Now, SessionStartedAt = Now, LastMessageAt = Now,
    };

    private async Task StoreConversationAsync(long id, string buyer)
    {
        await using var setup = Context();
        setup.Conversations.Add(NewConversation(id, buyer));
        await setup.SaveChangesAsync();
    }

    [DbFact]
    public async Task InsertsEveryColumnOfRowsOfSeveralTablesInOneCall()
    {
        await using (var db = Context())
        {
            var rows = RowChanges.For(db);
            // Dependents listed before their principals: the writer orders the statements.
            var question = new ConversationMessage
            {
                Id = 1001, ShopId = ShopId, ConversationId = 501, Platform = "generic", PlatformMessageId = "p-1", Direction = MessageDirection.Buyer,
                Text = "有红色吗 'quoted' \"double\"", Intent = "ask_stock", Confidence = 0.9321, Emotion = "neutral", ReplyJson = "{\"parts\":[]}", CreatedAt = Now,
            };
            rows.Add(new ConversationMessage
            {
                Id = 1002, ShopId = ShopId, ConversationId = 501, Platform = "generic", Direction = MessageDirection.Agent, Text = "有的",
                InReplyToId = question.Id, AgentName = "小王", CreatedAt = Now,
            });
            rows.Add(question);
            var conversation = NewConversation(501, "buyer-a");
            conversation.RecentIntents = ["ask_stock", "ask_price"];
            conversation.FocusProductId = 42;
            conversation.HandoffAt = null;
            rows.Add(conversation);
            var profile = new BuyerProfile
            {
                ShopId = ShopId, BuyerId = "buyer-a", FirstSeenAt = Now, LastVisitAt = Now, UpdatedAt = Now, IntentDay = new DateOnly(2026, 3, 1),
                PurchaseQuestionsToday = 3, SizesBought = [new Tally("M", 2)], Tags = ["vip", "新客"], MinItemPriceMinor = 9900,
            };
            rows.Add(profile);
            await SaveAsync(db, rows);
            Assert.Empty(db.ChangeTracker.Entries());

            // What was written is the new starting point: a later save writes only what changed since.
            conversation.FailureCount = 1;
            profile.Messages = 9;
            await SaveAsync(db, rows);
        }

        await using var check = Context();
        var stored = await check.Conversations.SingleAsync(c => c.Id == 501);
        Assert.Equal(["ask_stock", "ask_price"], stored.RecentIntents);
        Assert.Equal(42, stored.FocusProductId);
        Assert.Null(stored.HandoffAt);
        Assert.Equal(Now, stored.LastMessageAt);
        Assert.Equal(1, stored.FailureCount);
        var messages = await check.ConversationMessages.OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([1001L, 1002L], messages.Select(m => m.Id));
        Assert.Equal("有红色吗 'quoted' \"double\"", messages[0].Text);
        Assert.Equal(0.9321, messages[0].Confidence);
        Assert.Null(messages[0].InReplyToId);
        Assert.Equal(1001, messages[1].InReplyToId);
        var storedProfile = await check.BuyerProfiles.SingleAsync(p => p.BuyerId == "buyer-a");
        Assert.True(storedProfile.Id > 0);
        Assert.Equal(new DateOnly(2026, 3, 1), storedProfile.IntentDay);
        Assert.Equal(3, storedProfile.PurchaseQuestionsToday);
        Assert.Equal([new Tally("M", 2)], storedProfile.SizesBought);
        Assert.Equal(["vip", "新客"], storedProfile.Tags);
        Assert.Equal(9900, storedProfile.MinItemPriceMinor);
        // Its key came from the database and was not read back: the profile left the unit of work when it was written.
        Assert.Equal(0, storedProfile.Messages);
        Assert.Null(storedProfile.MaxItemPriceMinor);
        // The tags column is a real array: the high-intent and tag listings query it.
        Assert.Equal(1, await check.BuyerProfiles.CountAsync(p => p.Tags.Contains("新客")));
    }

    [DbFact]
    public async Task AnUpdateWritesOnlyTheColumnsEachRowChanged()
    {
        await using (var setup = Context())
        {
            setup.Conversations.AddRange(NewConversation(601, "buyer-b"), NewConversation(602, "buyer-c"));
            await setup.SaveChangesAsync();
        }

        await using var db = Context();
        var changes = RowChanges.For(db);
        var rows = await db.Conversations.AsNoTracking().Where(c => c.Id == 601 || c.Id == 602).OrderBy(c => c.Id).ToListAsync();
        rows.ForEach(row => changes.Attach(row));
        // Somebody else changes both rows' agent after they were read.
        await using (var other = Context())
        {
            await other.Conversations.Where(c => c.Id == 601 || c.Id == 602).ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedAgent, "小美"));
        }

        rows[0].AssignedAgent = "小王";
        rows[0].RecentEmotions = ["angry"];
        rows[1].FailureCount = 2;
        rows[1].LastMessageAt = Now.AddMinutes(5);
        await SaveAsync(db, changes);

        await using var check = Context();
        var stored = await check.Conversations.Where(c => c.Id == 601 || c.Id == 602).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal("小王", stored[0].AssignedAgent);
        Assert.Equal(["angry"], stored[0].RecentEmotions);
        Assert.Equal(0, stored[0].FailureCount);
        Assert.Equal("小美", stored[1].AssignedAgent);
        Assert.Equal(2, stored[1].FailureCount);
        Assert.Empty(stored[1].RecentEmotions);
        Assert.Equal(Now.AddMinutes(5), stored[1].LastMessageAt);
    }

    [DbFact]
    public async Task TheLastSaveWritesWhatChangedAndNothingIsAcceptedAfterIt()
    {
        await using (var setup = Context())
        {
            setup.Conversations.Add(NewConversation(801, "buyer-l"));
            setup.BuyerProfiles.Add(new BuyerProfile { ShopId = ShopId, BuyerId = "buyer-l", FirstSeenAt = Now, LastVisitAt = Now, UpdatedAt = Now, Tags = ["vip"] });
            await setup.SaveChangesAsync();
        }

        await using var db = Context();
        var changes = RowChanges.For(db);
        var profile = changes.Attach(await db.BuyerProfiles.AsNoTracking().SingleAsync(p => p.BuyerId == "buyer-l"));
        profile.Tags.Add("新客");
        changes.Add(new ConversationMessage
        {
            Id = 8001, ShopId = ShopId, ConversationId = 801, Platform = "generic", PlatformMessageId = "last-1", Direction = MessageDirection.Buyer,
            Text = "在吗", CreatedAt = Now,
        });
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await changes.SaveLastAsync(CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Throws<InvalidOperationException>(() => changes.Add(NewConversation(802, "buyer-m")));
        Assert.Throws<InvalidOperationException>(() => changes.Attach(profile));
        await Assert.ThrowsAsync<InvalidOperationException>(() => changes.SaveAsync(CancellationToken.None));
        await using var check = Context();
        Assert.Equal(["vip", "新客"], (await check.BuyerProfiles.SingleAsync(p => p.BuyerId == "buyer-l")).Tags);
        Assert.True(await check.ConversationMessages.AnyAsync(m => m.Id == 8001));
        Assert.False(await check.Conversations.AnyAsync(c => c.Id == 802));
    }

    [DbFact]
    public async Task ThePlannerSettingsOfTheUpdatesEndWithThem()
    {
        await StoreConversationAsync(901, "buyer-p");

        await using var db = Context();
        var changes = RowChanges.For(db);
        var row = changes.Attach(await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == 901));
        row.FailureCount = 1;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan");
        await changes.SaveAsync(CancellationToken.None);

        var settings = await db.Database.SqlQueryRaw<string>(
            "SELECT concat_ws(',', current_setting('enable_hashjoin'), current_setting('enable_mergejoin'), current_setting('enable_seqscan'), current_setting('plan_cache_mode')) AS \"Value\"")
            .SingleAsync();
        Assert.Equal("on,on,on,force_custom_plan", settings);
        await transaction.CommitAsync();
        await using var check = Context();
        Assert.Equal(1, (await check.Conversations.SingleAsync(c => c.Id == 901)).FailureCount);
    }

    [DbFact]
    public async Task AnUpdateOfARowDeletedMeanwhileFailsLikeSaveChanges()
    {
        await StoreConversationAsync(701, "buyer-d");

        await using var db = Context();
        var rows = RowChanges.For(db);
        var conversation = rows.Attach(await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == 701));
        await using (var other = Context())
        {
            await other.Conversations.Where(c => c.Id == 701).ExecuteDeleteAsync();
        }

        conversation.FailureCount = 1;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => SaveAsync(db, rows));
    }

    [DbFact]
    public async Task ADuplicateKeyIsADbUpdateExceptionAndWritesNothing()
    {
        await StoreConversationAsync(801, "buyer-e");

        await using (var db = Context())
        {
            var rows = RowChanges.For(db);
            rows.Add(NewConversation(802, "buyer-f"));
            rows.Add(NewConversation(803, "buyer-e"));
            var failure = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(db, rows));
            Assert.Contains("IX_conversations_ShopId_Platform_BuyerId", failure.InnerException!.Message);
        }

        await AssertNotStoredAsync(802);
    }

    [DbFact]
    public async Task WhatRowChangesCannotWriteIsRefusedNotLost()
    {
        await StoreConversationAsync(901, "buyer-g");

        await using (var db = Context())
        {
            var rows = RowChanges.For(db);
            var question = new ConversationMessage
            {
                Id = 1901, ShopId = ShopId, ConversationId = 901, Platform = "generic", PlatformMessageId = "p-9", Direction = MessageDirection.Buyer,
                Text = "在吗", CreatedAt = Now,
            };
            var answer = new ConversationMessage
            {
                Id = 1902, ShopId = ShopId, ConversationId = 901, Platform = "generic", Direction = MessageDirection.Agent, Text = "在的",
                InReplyTo = question, CreatedAt = Now,
            };
            Assert.Throws<InvalidOperationException>(() => rows.Add(answer));

            rows.Add(question);
            // Nor is a row added to the context behind RowChanges' back lost without a word.
            db.ConversationMessages.Add(answer);
            await Assert.ThrowsAsync<InvalidOperationException>(() => SaveAsync(db, rows));
            db.ChangeTracker.Clear();
            await SaveAsync(db, rows);
        }

        await using var check = Context();
        Assert.Equal([1901L], await check.ConversationMessages.Where(m => m.ConversationId == 901).Select(m => m.Id).ToListAsync());
    }

    [DbFact]
    public async Task ATooLongValueIsRefusedNotCutOff()
    {
        await using (var db = Context())
        {
            var rows = RowChanges.For(db);
            rows.Add(NewConversation(1101, "buyer-i"));
            rows.Add(new ConversationMessage
            {
                Id = 1102, ShopId = ShopId, ConversationId = 1101, Platform = "generic", Direction = MessageDirection.Bot,
                Text = new string('长', 4001), CreatedAt = Now,
            });
            var failure = await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(db, rows));
            Assert.Contains("22001", failure.InnerException!.Message);
        }

        await AssertNotStoredAsync(1101);
    }

    [DbFact]
    public async Task AnArrayColumnKeepsItsOrderWhenSomeRowsChangeIt()
    {
        await using (var setup = Context())
        {
            foreach (var buyer in new[] { "buyer-j", "buyer-k" })
            {
                setup.BuyerProfiles.Add(new BuyerProfile { ShopId = ShopId, BuyerId = buyer, FirstSeenAt = Now, LastVisitAt = Now, UpdatedAt = Now, Tags = ["old"] });
            }

            await setup.SaveChangesAsync();
        }

        await using (var db = Context())
        {
            var rows = RowChanges.For(db);
            var profiles = await db.BuyerProfiles.AsNoTracking().Where(p => p.ShopId == ShopId).OrderBy(p => p.BuyerId).ToListAsync();
            profiles.ForEach(profile => rows.Attach(profile));
            profiles[0].Tags = ["z", "a", "m", "vip"];
            profiles[1].Messages = 7;
            await SaveAsync(db, rows);
        }

        await using var check = Context();
        var stored = await check.BuyerProfiles.Where(p => p.ShopId == ShopId).OrderBy(p => p.BuyerId).ToListAsync();
        Assert.Equal(["z", "a", "m", "vip"], stored[0].Tags);
        Assert.Equal(["old"], stored[1].Tags);
        Assert.Equal(7, stored[1].Messages);
    }

    [DbFact]
    public async Task WithoutATransactionAFailedCountWritesNothing()
    {
        await StoreConversationAsync(1201, "buyer-l");

        await using (var db = Context())
        {
            var rows = RowChanges.For(db);
            var conversation = rows.Attach(await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == 1201));
            await using (var other = Context())
            {
                await other.Conversations.Where(c => c.Id == 1201).ExecuteDeleteAsync();
            }

            conversation.FailureCount = 1;
            rows.Add(NewConversation(1202, "buyer-m"));
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => rows.SaveAsync(CancellationToken.None));
        }

        await AssertNotStoredAsync(1202);
    }
}
