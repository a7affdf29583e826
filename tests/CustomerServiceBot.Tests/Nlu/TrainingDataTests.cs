using CustomerServiceBot.Nlu;

namespace CustomerServiceBot.Tests.Nlu;

public sealed class TrainingDataTests
{
    [Fact]
    public void TsvWithIntentHeaderIsRead()
    {
        var examples = TsvCorpus.Read(new StringReader("text\tintent\n这个多少钱\tproduct_price\n\nwhere is my parcel\tlogistics_tracking\n"), "a.tsv");
        Assert.Equal([new TrainingExample("这个多少钱", "product_price"), new TrainingExample("where is my parcel", "logistics_tracking")], examples);
    }

    [Fact]
    public void TsvWithLabelHeaderIsRead()
    {
        var examples = TsvCorpus.Read(new StringReader("\uFEFFtext\tlabel\r\n气死我了\tangry\r\n"), "e.tsv");
        Assert.Equal([new TrainingExample("气死我了", "angry")], examples);
    }

    [Theory]
    [InlineData("sentence\tintent\nhi\tgreeting\n", "a.tsv:1: expected the header 'text<TAB>intent' or 'text<TAB>label', found 'sentence\tintent'")]
    [InlineData("text\tintent\nhi\tgreeting\n\tgreeting\n", "a.tsv:3: the text is empty")]
    [InlineData("text\tintent\nhi\tgreeting\nhello\n", "a.tsv:3: expected 2 tab-separated fields, found 1")]
    [InlineData("text\tintent\nhi\t \n", "a.tsv:2: the label is empty")]
    [InlineData("", "a.tsv: the file is empty; expected a header line 'text<TAB>intent'")]
    [InlineData("text\tintent\n", "a.tsv: no examples after the header")]
    public void MalformedTsvIsRejectedWithItsLineNumber(string content, string message)
    {
        var exception = Assert.Throws<CorpusFormatException>(() => TsvCorpus.Read(new StringReader(content), "a.tsv"));
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void LabelWithOneExampleCannotBeTrained()
    {
        var exception = Assert.Throws<CorpusFormatException>(() => TrainingData.EnsureTrainable(
            [new("hi", "greeting"), new("hello", "greeting"), new("bye", "goodbye")], "x.tsv"));
        Assert.Equal("x.tsv: label 'goodbye' has only one example (every label needs at least 2)", exception.Message);
    }

    private const string RasaYaml = """
        version: "3.1"
        nlu:
        - intent: check_order
          examples: |
            - where is my order [12345](order_id)
            - 我的[快递](item)到哪了
            - track [my parcel]{"entity": "item", "value": "parcel"}
        - intent: greet
          examples: |
            - hello
            - 在吗
        - synonym: parcel
          examples: |
            - package
            - 包裹
        - lookup: city
          examples: |
            - 上海
            - Berlin
        - regex: order_id
          examples: |
            - \d{5}
        """;

    [Fact]
    public void RasaNluYamlGivesExamplesWithoutEntityMarkup()
    {
        var data = RasaNlu.Read(new StringReader(RasaYaml), "nlu.yml");
        Assert.Equal(
            [
                new TrainingExample("where is my order 12345", "check_order"),
                new TrainingExample("我的快递到哪了", "check_order"),
                new TrainingExample("track my parcel", "check_order"),
                new TrainingExample("hello", "greet"),
                new TrainingExample("在吗", "greet"),
            ],
            data.Examples);
    }

    [Fact]
    public void RasaNluYamlGivesSynonymsAndLookups()
    {
        var data = RasaNlu.Read(new StringReader(RasaYaml), "nlu.yml");
        Assert.Equal("parcel", data.Synonyms["Package"]);
        Assert.Equal("parcel", data.Synonyms["包裹"]);
        Assert.Equal(["上海", "Berlin"], data.Lookups["city"]);
    }

    [Fact]
    public void YamlWithoutNluListIsRejected()
    {
        var exception = Assert.Throws<CorpusFormatException>(() => RasaNlu.Read(new StringReader("version: \"3.1\"\nstories: []\n"), "nlu.yml"));
        Assert.Equal("nlu.yml: expected a top-level 'nlu:' list (Rasa nlu.yml format)", exception.Message);
    }
}
