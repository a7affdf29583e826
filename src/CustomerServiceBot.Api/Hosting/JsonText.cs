using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CustomerServiceBot.Api.Hosting;

// The JSON the service writes (responses, stored replies, push payloads): web defaults, with text in any script
// written as itself. The default encoder escapes every non-ASCII character, so a Chinese reply took twice its
// bytes ("\u4EB2" for 亲) and escaping was the costliest step of writing it. Characters that matter in HTML (<, >, &,
// quotes) are still escaped.
internal static class JsonText
{
    public static JsonSerializerOptions Options { get; } = WithEncoder(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static IHostApplicationBuilder AddJsonText(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json => WithEncoder(json.SerializerOptions));
        return builder;
    }

    private static JsonSerializerOptions WithEncoder(JsonSerializerOptions options)
    {
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        return options;
    }
}
