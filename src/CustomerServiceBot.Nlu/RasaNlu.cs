using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CustomerServiceBot.Nlu;

// What a Rasa `nlu.yml` (format 2.x/3.x) holds that matters here: intent examples (entity
// annotations reduced to their text), synonyms (variant → canonical value, for entity
// normalisation) and lookup tables. Regexes and responses are ignored.
internal sealed record RasaNluData(
    IReadOnlyList<TrainingExample> Examples,
    IReadOnlyDictionary<string, string> Synonyms,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Lookups);

internal static partial class RasaNlu
{
    // [text](entity), [text](entity:value), [text]{"entity": "x", "value": "y"}
    [GeneratedRegex(@"\[(?<text>[^\]]*)\](?:\([^)]*\)|\{[^}]*\})")]
    private static partial Regex EntityAnnotation();

    public static RasaNluData Read(string path)
    {
        using var reader = TsvCorpus.OpenText(path);
        return Read(reader, path);
    }

    public static RasaNluData Read(TextReader reader, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException exception)
        {
            throw new CorpusFormatException($"{source}:{exception.Start.Line}: not valid YAML: {exception.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("nlu"), out var nluNode) || nluNode is not YamlSequenceNode items)
        {
            throw new CorpusFormatException($"{source}: expected a top-level 'nlu:' list (Rasa nlu.yml format)");
        }

        var examples = new List<TrainingExample>();
        var synonyms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lookups = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var item in items.Children.OfType<YamlMappingNode>())
        {
            var line = item.Start.Line;
            var lines = ExampleLines(item, source);
            if (Scalar(item, "intent") is { } intent)
            {
                examples.AddRange(lines.Select(text => new TrainingExample(StripEntities(text), intent)).Where(e => e.Text.Length > 0));
                if (lines.Count == 0)
                {
                    throw new CorpusFormatException($"{source}:{line}: intent '{intent}' has no examples");
                }
            }
            else if (Scalar(item, "synonym") is { } canonical)
            {
                foreach (var variant in lines)
                {
                    synonyms[variant] = canonical;
                }
            }
            else if (Scalar(item, "lookup") is { } table)
            {
                lookups[table] = lines;
            }
        }

        if (examples.Count == 0)
        {
            throw new CorpusFormatException($"{source}: no intent examples under 'nlu:'");
        }

        return new RasaNluData(examples, synonyms, lookups);
    }

    public static string StripEntities(string text) => EntityAnnotation().Replace(text, "${text}").Trim();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text }
            ? text.Trim()
            : null;

    private static List<string> ExampleLines(YamlMappingNode item, string source)
    {
        var result = new List<string>();
        if (!item.Children.TryGetValue(new YamlScalarNode("examples"), out var node))
        {
            return result;
        }

        switch (node)
        {
            case YamlScalarNode { Value: { } block }:
                foreach (var raw in block.Split('\n'))
                {
                    var line = raw.Trim();
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    if (!line.StartsWith('-'))
                    {
                        throw new CorpusFormatException($"{source}:{node.Start.Line}: example line '{line}' does not start with '- '");
                    }

                    var text = line[1..].Trim();
                    if (text.Length > 0)
                    {
                        result.Add(text);
                    }
                }

                break;
            // The long form: examples as a list of {text: ..., metadata: ...}.
            case YamlSequenceNode sequence:
                foreach (var entry in sequence.Children)
                {
                    var text = entry switch
                    {
                        YamlScalarNode scalar => scalar.Value,
                        YamlMappingNode mapping => Scalar(mapping, "text"),
                        _ => null,
                    };
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        result.Add(text.Trim());
                    }
                }

                break;
        }

        return result;
    }
}
