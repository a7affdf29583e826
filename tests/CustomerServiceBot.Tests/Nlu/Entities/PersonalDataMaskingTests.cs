using CustomerServiceBot.Nlu.Entities;

namespace CustomerServiceBot.Tests.Nlu.Entities;

public class PersonalDataMaskingTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138 1234 5678", "138 **** 5678")]
    [InlineData("+86 138-1234-5678", "+86 138-****-5678")]
    [InlineData("8613812345678", "86138****5678")]
    [InlineData("１３８１２３４５６７８", "１３８****５６７８")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    public void MaskPhoneKeepsTheFirstThreeAndLastFourDigits(string phone, string expected)
    {
        Assert.Equal(expected, PersonalDataMasking.MaskPhone(phone));
    }

    [Theory]
    [InlineData("电话13812345678，订单123456789012345678", "电话138****5678，订单123456789012345678")]
    [InlineData("call +86 139 1234 5678 or 13700001111.", "call +86 139 **** 5678 or 137****1111.")]
    [InlineData("订单3912345678901234567", "订单3912345678901234567")]
    public void MaskPhonesInMasksEveryPhoneAndNothingElse(string text, string expected)
    {
        Assert.Equal(expected, PersonalDataMasking.MaskPhonesIn(text));
    }

    [Fact]
    public void MaskPhonesInReturnsTheSameStringWhenThereIsNoPhone()
    {
        const string text = "亲，在吗？";

        Assert.Same(text, PersonalDataMasking.MaskPhonesIn(text));
    }
}
