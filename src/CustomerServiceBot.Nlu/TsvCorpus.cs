namespace CustomerServiceBot.Nlu;

// The shipped corpus format: UTF-8, header `text<TAB>intent` (or `text<TAB>label` for emotion),
// one example a line. Blank lines are allowed (editors leave them); anything else malformed is an error.
internal static class TsvCorpus
{
    public static IReadOnlyList<TrainingExample> Read(string path)
    {
        using var reader = OpenText(path);
        return Read(reader, path);
    }

    public static IReadOnlyList<TrainingExample> Read(TextReader reader, string source)
    {
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new CorpusFormatException($"{source}: the file is empty; expected a header line 'text<TAB>intent'");
        }

        var columns = header.TrimStart('\uFEFF').TrimEnd('\r').Split('\t');
        if (columns.Length != 2 || columns[0].Trim() != "text" || columns[1].Trim() is not ("intent" or "label"))
        {
            throw new CorpusFormatException($"{source}:1: expected the header 'text<TAB>intent' or 'text<TAB>label', found '{Shorten(header)}'");
        }

        var examples = new List<TrainingExample>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 2)
            {
                throw new CorpusFormatException($"{source}:{lineNumber}: expected 2 tab-separated fields, found {fields.Length}");
            }

            var text = fields[0].Trim();
            var label = fields[1].Trim();
            if (text.Length == 0)
            {
                throw new CorpusFormatException($"{source}:{lineNumber}: the text is empty");
            }

            if (label.Length == 0)
            {
                throw new CorpusFormatException($"{source}:{lineNumber}: the label is empty");
            }

            examples.Add(new TrainingExample(text, label));
        }

        if (examples.Count == 0)
        {
            throw new CorpusFormatException($"{source}: no examples after the header");
        }

        return examples;
    }

    public static void Write(TextWriter writer, IEnumerable<TrainingExample> examples)
    {
        writer.Write("text\tintent\n");
        foreach (var example in examples)
        {
            writer.Write($"{example.Text.Replace('\t', ' ').Replace('\n', ' ')}\t{example.Label}\n");
        }
    }

    internal static StreamReader OpenText(string path)
    {
        if (!File.Exists(path))
        {
            throw new CorpusFormatException($"{path}: file not found");
        }

        return new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
