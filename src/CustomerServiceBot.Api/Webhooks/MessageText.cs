using System.Text;

namespace CustomerServiceBot.Api.Webhooks;

internal static class MessageText
{
    public const int MaxLength = 2000;
    public const int MaxIdLength = 128;

    // Control characters other than line breaks and tabs carry nothing a buyer meant to say, and
    // would end up in logs, replies and agent screens.
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsControl(c) || c is '\n' or '\t')
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    public static string? CheckId(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? $"'{name}' is required."
        : value.Length > MaxIdLength ? $"'{name}' is longer than {MaxIdLength} characters."
        : value.Any(char.IsControl) ? $"'{name}' contains control characters."
        : null;
}
