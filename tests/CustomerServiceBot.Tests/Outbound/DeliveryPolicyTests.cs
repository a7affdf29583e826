using CustomerServiceBot.Api.Outbound;

namespace CustomerServiceBot.Tests.Outbound;

public sealed class DeliveryPolicyTests
{
    [Theory]
    [InlineData(200, "Delivered")]
    [InlineData(201, "Delivered")]
    [InlineData(408, "Retry")]
    [InlineData(429, "Retry")]
    [InlineData(500, "Retry")]
    [InlineData(503, "Retry")]
    [InlineData(400, "Refused")]
    [InlineData(401, "Refused")]
    [InlineData(404, "Refused")]
    [InlineData(422, "Refused")]
    public void StatusCodesAreDeliveredRetriedOrRefused(int status, string expected)
    {
        Assert.Equal(expected, DeliveryResult.FromStatus(status, "body").Outcome.ToString());
    }

    [Fact]
    public void ALongErrorBodyIsCut()
    {
        var result = DeliveryResult.FromStatus(500, new string('x', 5000));

        Assert.True(result.Error!.Length < 400);
        Assert.StartsWith("HTTP 500", result.Error);
    }

    [Theory]
    [InlineData(1, 1000, 2000)]
    [InlineData(2, 2000, 4000)]
    [InlineData(3, 4000, 8000)]
    [InlineData(12, 300_000, 600_000)]
    public void BackoffDoublesWithJitterAndIsCapped(int attempt, double lowestMs, double highestMs)
    {
        var options = new OutboundOptions { BaseDelayMilliseconds = 2000, MaxDelayMilliseconds = 600_000 };

        Assert.Equal(lowestMs, OutboundDispatcher.Backoff(attempt, options, 0).TotalMilliseconds);
        Assert.InRange(OutboundDispatcher.Backoff(attempt, options, 0.999999).TotalMilliseconds, highestMs - 1, highestMs);
    }
}
