using CustomerServiceBot.Api.Knowledge.Answers;
using CustomerServiceBot.IntegrationTests.Knowledge;

namespace CustomerServiceBot.Tests.Knowledge;

public sealed class DemoAnswerTests
{
    public static IEnumerable<object[]> Questions => DemoQuestions.All.Select(q => new object[] { q.Question });

    [Theory]
    [MemberData(nameof(Questions))]
    public void DemoShopAnswersTheQuestionFromItsGraph(string question)
    {
        var expected = DemoQuestions.All.Single(q => q.Question == question);
        var view = DemoShop.View.Value;
        var focus = expected.FocusCode is null ? null : new ConversationFocus(view.ProductsByCode[expected.FocusCode].Id);

        var answer = new AnswerService(new FixedClock(DemoQuestions.Now)).Answer(view, expected.Query, focus);

        Assert.True(expected.Status == answer.Status && expected.Kind == answer.Kind,
            $"Expected {expected.Status}/{expected.Kind}, got {answer.Status}/{answer.Kind}: {answer.Text}");
        foreach (var fragment in expected.TextContains)
        {
            Assert.Contains(fragment, answer.Text);
        }

        foreach (var (name, value) in expected.Facts ?? [])
        {
            Assert.True(answer.Facts.TryGetValue(name, out var actual) && actual == value,
                $"Fact {name}: expected '{value}', got '{actual}' in: {answer.Text}");
        }

        if (answer.Status == AnswerStatus.Answered)
        {
            Assert.NotEmpty(answer.Sources);
        }
    }

    [Fact]
    public void EveryAnsweredFactIsGroundedInNodesOfTheView()
    {
        var view = DemoShop.View.Value;
        var service = new AnswerService(new FixedClock(DemoQuestions.Now));
        foreach (var question in DemoQuestions.All)
        {
            var focus = question.FocusCode is null ? null : new ConversationFocus(view.ProductsByCode[question.FocusCode].Id);
            var answer = service.Answer(view, question.Query, focus);
            foreach (var source in answer.Sources)
            {
                var known = source.Kind switch
                {
                    "product" => view.Products.ContainsKey(source.Id),
                    "sku" => view.Skus.ContainsKey(source.Id),
                    "category" => view.Categories.ContainsKey(source.Id),
                    "policy" => view.Policies.Values.Any(p => p.Id == source.Id),
                    "promotion" => view.Promotions.Any(p => p.Id == source.Id),
                    "faq" or "size_chart" or "relation" => true,
                    _ => false,
                };
                Assert.True(known, $"{question.Question}: unknown source {source}");
            }
        }
    }

    [Fact]
    public void ShopTemplateOverrideChangesTheWordingButNotTheFacts()
    {
        var rows = Api.Knowledge.View.CatalogRows.FromCatalog("demo", DemoShop.Catalog.Value) with
        {
            Templates = [new Api.Knowledge.ReplyTemplate { ShopId = "demo", Kind = "price", Language = "zh", Text = "亲，{product}只要{price}哦～" }],
        };
        var view = Api.Knowledge.View.ShopKnowledge.Build(rows);

        var answer = new AnswerService(new FixedClock(DemoQuestions.Now)).Answer(view, new AnswerQuery("product_price", ProductMentions: ["茶歇裙"]));

        Assert.StartsWith("亲，法式复古红色茶歇连衣裙", answer.Text);
        Assert.EndsWith("只要¥259哦～", answer.Text);
        Assert.Equal("25900", answer.Facts["price_min"]);
    }

    [Fact]
    public void DoubleTwelveEventAppearsOnlyOnItsDay()
    {
        var onTheDay = new AnswerService(new FixedClock(new DateTimeOffset(2026, 12, 12, 2, 0, 0, TimeSpan.Zero)))
            .Answer(DemoShop.View.Value, new AnswerQuery("promotion_coupon"));
        var before = new AnswerService(new FixedClock(DemoQuestions.Now)).Answer(DemoShop.View.Value, new AnswerQuery("promotion_coupon"));

        Assert.Contains("双十二", onTheDay.Text);
        Assert.DoesNotContain("双十二", before.Text);
    }

    [Fact]
    public void AnswerCarriesTheChosenProductAndSkuAsTheNextFocus()
    {
        var view = DemoShop.View.Value;
        var answer = new AnswerService(new FixedClock(DemoQuestions.Now))
            .Answer(view, new AnswerQuery("product_stock", ProductMentions: ["茶歇裙"], Colour: "黑色", Size: "M"));

        Assert.Equal(view.ProductsByCode["WD-1001"].Id, answer.Focus.ProductId);
        Assert.Equal("WD-1001-BLACK-M", view.Skus[answer.Focus.SkuId!.Value].Code);
    }

    [Fact]
    public void CatalogFeedsTheNluGazetteerWithTitlesAliasesAndSkuCodes()
    {
        var view = DemoShop.View.Value;
        var dress = view.ProductsByCode["WD-1001"].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var alias = Assert.Single(view.Gazetteer.Match("亲，那个红色茶歇裙还有吗"));
        var code = Assert.Single(view.Gazetteer.Match("WD-1001-RED-XL 有货吗"));

        Assert.Equal(dress, alias.ProductId);
        Assert.Equal(CustomerServiceBot.Nlu.Entities.GazetteerPhraseKind.Alias, alias.Kind);
        Assert.Equal(dress, code.ProductId);
        Assert.Equal(CustomerServiceBot.Nlu.Entities.GazetteerPhraseKind.SkuCode, code.Kind);
    }

    [Fact]
    public void LowConfidenceIntentFallsBackToFaqOrNoAnswer()
    {
        var service = new AnswerService(new FixedClock(DemoQuestions.Now));

        var faq = service.Answer(DemoShop.View.Value, new AnswerQuery("product_price", Confidence: 0.2, Text: "能开发票吗"));
        var none = service.Answer(DemoShop.View.Value, new AnswerQuery("product_price", Confidence: 0.2, ProductMentions: ["茶歇裙"]));

        Assert.Equal("faq", faq.Kind);
        Assert.Equal(AnswerStatus.NoAnswer, none.Status);
        Assert.Equal("no_match", none.Kind);
    }
}
