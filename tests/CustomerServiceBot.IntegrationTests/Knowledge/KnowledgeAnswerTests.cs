using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CustomerServiceBot.Api.Data;
using CustomerServiceBot.Api.Knowledge.Answers;
using CustomerServiceBot.Api.Knowledge.View;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerServiceBot.IntegrationTests.Knowledge;

public abstract class KnowledgeAnswerTests(ApiFactory factory)
{
    [DbFact]
    public async Task DemoQuestionTableIsAnsweredFromTheViewLoadedFromTheDatabase()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var view = (await factory.Services.GetRequiredService<ShopKnowledgeCache>().GetAsync(db, shop.Id, CancellationToken.None))!;
        var answers = new AnswerService(new FixedClock(DemoQuestions.Now));

        var failures = new List<string>();
        foreach (var question in DemoQuestions.All)
        {
            var focus = question.FocusCode is null ? null : new ConversationFocus(view.ProductsByCode[question.FocusCode].Id);
            var answer = answers.Answer(view, question.Query, focus);
            var missing = question.TextContains.Where(fragment => !answer.Text.Contains(fragment, StringComparison.Ordinal))
                .Concat((question.Facts ?? []).Where(f => answer.Facts.GetValueOrDefault(f.Key) != f.Value).Select(f => $"fact {f.Key}={f.Value}"))
                .ToList();
            if (answer.Status != question.Status || answer.Kind != question.Kind || missing.Count > 0)
            {
                failures.Add($"{question.Question}: got {answer.Status}/{answer.Kind} \"{answer.Text}\", missing {string.Join("; ", missing)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(DemoQuestions.All.Count >= 30);
        Assert.Equal(418, view.SkuCount);
        var match = Assert.Single(view.Gazetteer.Match("亲，WD-1001-RED-XL还有吗"));
        Assert.Equal(view.ProductsByCode["WD-1001"].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), match.ProductId);
        client.Dispose();
    }

    [DbFact]
    public async Task PreviewAnswersWithTextFactsAndGrounding()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();

        var answer = await client.PreviewAsync(shop, new { query = new { intent = "product_stock", colour = "红色", size = "XL" }, focusProductCode = "WD-1001" });

        Assert.Equal("Answered", answer.GetProperty("status").GetString());
        Assert.Equal("out_of_stock", answer.GetProperty("kind").GetString());
        Assert.StartsWith("法式复古红色茶歇连衣裙女 V领泡泡袖收腰显瘦中长裙（红色/XL）暂时缺货。", answer.GetProperty("text").GetString());
        Assert.Equal("WD-1001-RED-XL", answer.GetProperty("facts").GetProperty("sku").GetString());
        var sources = answer.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("kind").GetString()).ToList();
        Assert.Contains("product", sources);
        Assert.Contains("sku", sources);
        client.Dispose();
    }

    [DbFact]
    public async Task AmbiguousMentionListsTheCandidates()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();

        var answer = await client.PreviewAsync(shop, new { query = new { intent = "product_price", productMentions = new[] { "红裙子" } } });

        Assert.Equal("Ambiguous", answer.GetProperty("status").GetString());
        Assert.Equal(["WD-1001", "WD-1005"], answer.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToArray());
        client.Dispose();
    }

    [DbFact]
    public async Task PreviewRejectsAnInvalidQuery()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();

        var response = await client.PostJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/answers/preview",
            new { query = new { intent = "product_price", language = "fr", heightCm = 900 } });

        var errors = await response.AssertValidationProblemAsync();
        Assert.Contains(errors, e => e.Contains("Language must be zh or en.", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("HeightCm", StringComparison.Ordinal));
        client.Dispose();
    }

    [DbFact]
    public async Task StockChangeIsVisibleToTheNextAnswer()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();
        var question = new { query = new { intent = "product_stock", colour = "黑色", size = "XL" }, focusProductCode = "WD-1001" };
        Assert.Equal("stock", (await client.PreviewAsync(shop, question)).GetProperty("kind").GetString());

        var put = await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/skus/WD-1001-BLACK-XL",
            new { productCode = "WD-1001", attributes = new Dictionary<string, string> { ["颜色"] = "黑色", ["尺码"] = "XL" }, price = 25900, stock = 0 });
        var after = await client.PreviewAsync(shop, question);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("out_of_stock", after.GetProperty("kind").GetString());
        client.Dispose();
    }

    [DbFact]
    public async Task AnotherReplicasWriteIsSeenThroughTheKnowledgeVersion()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();
        var question = new { query = new { intent = "product_price", productMentions = new[] { "羊绒围巾" } } };
        Assert.Contains("¥399", (await client.PreviewAsync(shop, question)).GetProperty("text").GetString());

        // What another replica's write looks like from here: rows and version change, this cache is not told.
        await factory.WithDbAsync(async db =>
        {
            await db.Skus.Where(s => s.ShopId == shop.Id && s.Code.StartsWith("AS-7001")).ExecuteUpdateAsync(s => s.SetProperty(x => x.Price, 35900));
            return await KnowledgeVersionsBump(db, shop.Id);
        });
        var after = await client.PreviewAsync(shop, question);

        Assert.Contains("¥359", after.GetProperty("text").GetString());
        client.Dispose();
    }

    [DbFact]
    public async Task FaqEditIsVisibleToTheNextAnswer()
    {
        var (shop, client) = await factory.CreateDemoShopAsync();
        var question = new { query = new { intent = "gift", text = "买毛衣送洗衣袋吗" } };
        Assert.Contains("洗衣袋", (await client.PreviewAsync(shop, question)).GetProperty("text").GetString());

        await client.PutAsJsonAsync($"/api/v1/shops/{shop.Id}/knowledge/faqs/faq-27",
            new { questions = new[] { "有赠品吗", "买毛衣送洗衣袋吗" }, answer = "本月赠品是毛球修剪器一个。" });
        var after = await client.PreviewAsync(shop, question);

        Assert.Equal("本月赠品是毛球修剪器一个。", after.GetProperty("text").GetString());
        Assert.Equal("faq-27", after.GetProperty("facts").GetProperty("faq").GetString());
        client.Dispose();
    }

    private static async Task<int> KnowledgeVersionsBump(BotDbContext db, string shopId)
    {
        await KnowledgeVersions.BumpAsync(db, shopId, CancellationToken.None);
        return 1;
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

public sealed class KnowledgeAnswerSqliteTests(SqliteApiFactory factory) : KnowledgeAnswerTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class KnowledgeAnswerPostgreSqlTests(PostgreSqlApiFactory factory) : KnowledgeAnswerTests(factory), IClassFixture<PostgreSqlApiFactory>, IPostgreSqlTests;
