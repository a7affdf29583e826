using System.Text;
using CustomerServiceBot.Api.Webhooks;

namespace CustomerServiceBot.Tests.Webhooks;

public sealed class WebhookSignaturesTests
{
    // The Standard Webhooks reference vector.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
    private const string ReferenceSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void StandardSignatureMatchesTheReferenceVector()
    {
        Assert.Equal(ReferenceSignature, WebhookSignatures.SignStandard(Secret, Id, Timestamp, Body));
        Assert.True(WebhookSignatures.VerifyStandard(Id, Timestamp, ReferenceSignature, Body, [Secret]));
    }

    [Fact]
    public void AnyOfSeveralSignaturesAndSecretsMayMatchForRotation()
    {
        var header = "v1,Zm9vYmFyYmF6 " + ReferenceSignature;

        Assert.True(WebhookSignatures.VerifyStandard(Id, Timestamp, header, Body, ["whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0", Secret]));
    }

    [Theory]
    [InlineData("tampered body")]
    [InlineData("other id")]
    [InlineData("other timestamp")]
    [InlineData("wrong secret")]
    [InlineData("no v1 prefix")]
    [InlineData("garbage")]
    public void StandardSignatureRejectsAnyChange(string change)
    {
        var body = change == "tampered body" ? Encoding.UTF8.GetBytes("{\"test\": 2432232315}") : Body;
        var id = change == "other id" ? "msg_other" : Id;
        var timestamp = change == "other timestamp" ? "1614265331" : Timestamp;
        string[] secrets = change == "wrong secret" ? ["whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0"] : [Secret];
        var header = change switch
        {
            "no v1 prefix" => ReferenceSignature[3..],
            "garbage" => "v1,%%%not base64%%%",
            _ => ReferenceSignature,
        };

        Assert.False(WebhookSignatures.VerifyStandard(id, timestamp, header, body, secrets));
    }

    [Fact]
    public void ChatwootSignatureRoundTripsAndRejectsTampering()
    {
        var header = WebhookSignatures.SignChatwoot("chatwoot-secret", "1700000000", Body);

        Assert.StartsWith("sha256=", header);
        Assert.Equal(7 + 64, header.Length);
        Assert.True(WebhookSignatures.VerifyChatwoot("1700000000", header, Body, ["chatwoot-secret"]));
        Assert.False(WebhookSignatures.VerifyChatwoot("1700000001", header, Body, ["chatwoot-secret"]));
        Assert.False(WebhookSignatures.VerifyChatwoot("1700000000", "sha256=zz", Body, ["chatwoot-secret"]));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(-299, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    public void TimestampsOlderOrNewerThanFiveMinutesAreStale(int offsetSeconds, bool fresh)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var timestamp = (1_700_000_000 + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(fresh, WebhookSignatures.IsFresh(timestamp, now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.7e9")]
    [InlineData("99999999999999999999999")]
    [InlineData("١٧٠٠٠٠٠٠٠٠")]
    public void MalformedTimestampsAreNeverFresh(string timestamp) =>
        Assert.False(WebhookSignatures.IsFresh(timestamp, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
}
