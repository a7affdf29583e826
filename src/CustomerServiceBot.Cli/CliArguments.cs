namespace CustomerServiceBot.Cli;

// Wrong usage: unknown command or flag, missing or malformed value. Exit code 2.
internal sealed class CliUsageException(string message) : Exception(message);

// `--name value` pairs and bare `--switch`es after the command. Every flag a command accepts is
// declared, so a typo is an error instead of a silently ignored option.
internal sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);

    public CliArguments(IReadOnlyList<string> args, IReadOnlySet<string> valueFlags, IReadOnlySet<string> switchFlags)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliUsageException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            if (switchFlags.Contains(name))
            {
                _switches.Add(name);
            }
            else if (valueFlags.Contains(name))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new CliUsageException($"--{name} needs a value");
                }

                _values[name] = args[++i];
            }
            else
            {
                throw new CliUsageException($"unknown option '{arg}'");
            }
        }
    }

    public bool Has(string name) => _switches.Contains(name);

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => _values.TryGetValue(name, out var value) ? value : throw new CliUsageException($"--{name} is required");

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var text)
        ? int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : throw new CliUsageException($"--{name}: '{text}' is not an integer")
        : fallback;

    public float Float(string name, float fallback) => _values.TryGetValue(name, out var text)
        ? float.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : throw new CliUsageException($"--{name}: '{text}' is not a number")
        : fallback;

    // "1-4" → (1, 4); "3" → (3, 3).
    public (int Min, int Max)? Range(string name)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return null;
        }

        var parts = text.Split('-');
        if (parts.Length is < 1 or > 2 || !parts.All(p => int.TryParse(p, out _)))
        {
            throw new CliUsageException($"--{name}: '{text}' is not a range like 1-4");
        }

        var min = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        return (min, parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : min);
    }
}
