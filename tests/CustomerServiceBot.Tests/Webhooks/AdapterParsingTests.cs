using System.Text;
using CustomerServiceBot.Api.Webhooks;

namespace CustomerServiceBot.Tests.Webhooks;

public sealed class AdapterParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GenericMessageBecomesAnInboundMessage()
    {
        var outcome = new GenericAdapter().ParseMessage("demo", Utf8("""
            {"messageId":"m-1","buyerId":"b-1","buyerNick":"小王","text":"  亲，这件有红色XL吗？ ","sentAt":"2026-11-25T11:59:00+08:00","productId":"WD-1001"}
            """), Now);

        var message = Assert.IsType<AdapterOutcome.Message>(outcome).Inbound;
        Assert.Equal(("demo", "generic", "m-1", "b-1", "小王"), (message.ShopId, message.Platform, message.PlatformMessageId, message.BuyerId, message.BuyerNick));
        Assert.Equal("亲，这件有红色XL吗？", message.Text);
        Assert.Equal(new DateTime(2026, 11, 25, 3, 59, 0, DateTimeKind.Utc), message.SentAt);
        Assert.Equal(DateTimeKind.Utc, message.SentAt.Kind);
        Assert.Equal("WD-1001", message.ProductCode);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "not valid JSON")]
    [InlineData("null", "JSON object")]
    [InlineData("""{"buyerId":"b","text":"hi"}""", "'messageId' is required")]
    [InlineData("""{"messageId":"m","text":"hi"}""", "'buyerId' is required")]
    [InlineData("""{"messageId":"m","buyerId":"b","text":"   "}""", "'text' is required")]
    [InlineData("""{"messageId":"m","buyerId":"b","text":"hi","imageUrl":"javascript:alert(1)"}""", "'imageUrl'")]
    [InlineData("""{"messageId":"m\u0000x","buyerId":"b","text":"hi"}""", "control characters")]
    public void BadGenericBodiesAreInvalidWithAReason(string body, string reason)
    {
        var outcome = new GenericAdapter().ParseMessage("demo", Utf8(body), Now);

        Assert.Contains(reason, Assert.IsType<AdapterOutcome.Invalid>(outcome).Detail);
    }

    [Fact]
    public void OverlongTextIsInvalid()
    {
        var body = $$"""{"messageId":"m","buyerId":"b","text":"{{new string('好', 10_000)}}"}""";

        Assert.Contains("longer than 2000", Assert.IsType<AdapterOutcome.Invalid>(new GenericAdapter().ParseMessage("demo", Utf8(body), Now)).Detail);
    }

    [Fact]
    public void ControlCharactersAreStrippedFromText()
    {
        var outcome = new GenericAdapter().ParseMessage("demo", Utf8("""{"messageId":"m","buyerId":"b","text":"有\u0007货\u001b吗\n?"}"""), Now);

        Assert.Equal("有货吗\n?", Assert.IsType<AdapterOutcome.Message>(outcome).Inbound.Text);
    }

    [Fact]
    public void ChatwootIncomingContactMessageIsABuyerMessage()
    {
        var outcome = new ChatwootAdapter().ParseMessage("demo", Utf8("""
            {"event":"message_created","id":991,"content":"what's the price?","message_type":"incoming","created_at":1764072000,
             "private":false,"sender":{"id":17,"name":"Ann","type":"contact"},"conversation":{"id":55},"account":{"id":3}}
            """), Now);

        var message = Assert.IsType<AdapterOutcome.Message>(outcome).Inbound;
        Assert.Equal(("991", "contact:17", "Ann", "55"), (message.PlatformMessageId, message.BuyerId, message.BuyerNick, message.ReplyTarget));
        Assert.Equal("what's the price?", message.Text);
    }

    [Theory]
    [InlineData("""{"event":"conversation_status_changed","id":1}""", "not a new message")]
    [InlineData("""{"event":"message_created","id":1,"content":"hi","message_type":"outgoing","sender":{"id":1,"type":"user"},"conversation":{"id":2}}""", "not an incoming")]
    [InlineData("""{"event":"message_created","id":1,"content":"note","message_type":"incoming","private":true,"sender":{"id":1,"type":"contact"},"conversation":{"id":2}}""", "private")]
    public void OtherChatwootEventsAreAcknowledgedAndIgnored(string body, string reason)
    {
        var outcome = new ChatwootAdapter().ParseMessage("demo", Utf8(body), Now);

        Assert.Contains(reason, Assert.IsType<AdapterOutcome.Ignored>(outcome).Reason);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
