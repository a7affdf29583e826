using System.Text.Json;
using CustomerServiceBot.Api.Hosting;

namespace CustomerServiceBot.Tests.Hosting;

public sealed class JsonTextTests
{
    [Fact]
    public void TextInAnyScriptIsWrittenAsItselfAndHtmlCharactersAreEscaped()
    {
        var json = JsonSerializer.Serialize(new { replyText = "亲，<b>L码</b> & 'M'" }, JsonText.Options);

        Assert.Equal("{\"replyText\":\"亲，\\u003Cb\\u003EL码\\u003C/b\\u003E \\u0026 \\u0027M\\u0027\"}", json);
    }
}
