using CustomerServiceBot.Api.Conversations;
using CustomerServiceBot.Api.Recommendations;

namespace CustomerServiceBot.Tests.Recommendations;

public sealed class ReplyAllowanceTests
{
    private static readonly RecommendationSettings Settings = new(MaxCardsPerReply: 2, CooldownMessages: 3, MaxCardsPerSession: 5);

    private static Conversation Conversation(int? sinceLast = null, params string[] shown) => new()
    {
        ShopId = "s", Platform = "generic", BuyerId = "b", MessagesSinceRecommendation = sinceLast, RecommendedProducts = [.. shown],
    };

    [Fact]
    public void AFreshSessionGetsTheCardsPerReply()
    {
        Assert.Equal(2, ReplyRecommendations.Allowance(Settings, Conversation(), [], "neutral", asked: false));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 2)]
    public void CardsWaitForTheCooldownAfterTheLastOnes(int sinceLast, int expected)
    {
        Assert.Equal(expected, ReplyRecommendations.Allowance(Settings, Conversation(sinceLast, "A"), [], "neutral", asked: false));
    }

    [Fact]
    public void TheSessionCapLeavesOnlyWhatIsLeft()
    {
        Assert.Equal(1, ReplyRecommendations.Allowance(Settings, Conversation(5, "A", "B", "C", "D"), [], "neutral", asked: false));
        Assert.Equal(0, ReplyRecommendations.Allowance(Settings, Conversation(5, "A", "B", "C", "D", "E", "F"), [], "neutral", asked: false));
    }

    [Theory]
    [InlineData("angry", "new")]
    [InlineData("anxious", "new")]
    [InlineData("neutral", "at_risk")]
    public void UpsetOrAtRiskBuyersGetNoCardsUnlessTheyAsk(string emotion, string tag)
    {
        Assert.Equal(0, ReplyRecommendations.Allowance(Settings, Conversation(), [tag], emotion, asked: false));
        Assert.Equal(2, ReplyRecommendations.Allowance(Settings, Conversation(0, "A", "B", "C", "D", "E"), [tag], emotion, asked: true));
    }

    [Fact]
    public void ShownCardsStartTheCooldownAndAreRemembered()
    {
        var conversation = Conversation(7, "A");

        ReplyRecommendations.Shown(conversation, [new ProductCard(2, "B", "b", 100, null, "相似款", "similar")]);

        Assert.Equal(0, conversation.MessagesSinceRecommendation);
        Assert.Equal(["A", "B"], conversation.RecommendedProducts);
    }
}
