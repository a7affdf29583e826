using System.Text.Json;
using CustomerServiceBot.Cli;
using CustomerServiceBot.Tests.Nlu;
using static CustomerServiceBot.Tests.Cli.CliRun;

namespace CustomerServiceBot.Tests.Cli;

public sealed class CliAppTests : IDisposable
{
    private readonly TempFolder _files = new("csbot-cli-");

    public void Dispose() => _files.Dispose();

    private string CorpusFile(string name = "train.tsv") =>
        _files.Write(name, "text\tintent\n" + string.Concat(SmallCorpus.Intents.Select(e => $"{e.Text}\t{e.Label}\n")));

    [Fact]
    public void MissingDataFileIsADataError()
    {
        var path = _files.PathOf("missing.tsv");
        var (code, _, error) = Run("train", "--data", path, "--out", _files.PathOf("m.zip"));
        Assert.Equal(CliApp.DataError, code);
        AssertOneLineError(error, $"csbot: {path}: file not found");
    }

    [Fact]
    public void WrongHeaderIsADataError()
    {
        var path = _files.Write("bad.tsv", "utterance,intent\nhi,greeting\n");
        var (code, _, error) = Run("train", "--data", path, "--out", _files.PathOf("m.zip"));
        Assert.Equal(CliApp.DataError, code);
        AssertOneLineError(error, $"csbot: {path}:1: expected the header 'text<TAB>intent' or 'text<TAB>label', found 'utterance,intent'");
    }

    [Fact]
    public void EmptyTextIsADataError()
    {
        var path = _files.Write("empty.tsv", "text\tintent\nhi\tgreeting\n \tgreeting\n");
        var (code, _, error) = Run("train", "--data", path, "--out", _files.PathOf("m.zip"));
        Assert.Equal(CliApp.DataError, code);
        AssertOneLineError(error, $"csbot: {path}:3: the text is empty");
    }

    [Fact]
    public void LabelWithOneExampleIsADataError()
    {
        var path = _files.Write("one.tsv", "text\tintent\nhi\tgreeting\nhello\tgreeting\nbye\tgoodbye\n");
        var (code, _, error) = Run("evaluate", "--train", path, "--test", path);
        Assert.Equal(CliApp.DataError, code);
        AssertOneLineError(error, $"csbot: {path}: label 'goodbye' has only one example (every label needs at least 2)");
    }

    [Fact]
    public void UnknownCommandIsAUsageError()
    {
        var (code, _, error) = Run("fly");
        Assert.Equal(CliApp.UsageError, code);
        AssertOneLineError(error, "csbot: unknown command 'fly' (expected train, evaluate, predict, generate-orders or evaluate-recommendations)");
    }

    [Fact]
    public void UnknownFlagIsAUsageError()
    {
        var (code, _, error) = Run("train", "--data", CorpusFile(), "--out", "m.zip", "--epochs", "3");
        Assert.Equal(CliApp.UsageError, code);
        AssertOneLineError(error, "csbot: unknown option '--epochs'");
    }

    [Fact]
    public void MissingRequiredFlagIsAUsageError()
    {
        var (code, _, error) = Run("evaluate", "--train", CorpusFile());
        Assert.Equal(CliApp.UsageError, code);
        AssertOneLineError(error, "csbot: --test is required");
    }

    [Fact]
    public void FlagWithoutValueIsAUsageError()
    {
        var (code, _, error) = Run("train", "--data");
        Assert.Equal(CliApp.UsageError, code);
        AssertOneLineError(error, "csbot: --data needs a value");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-64")]
    public void FeatureScaleThatIsNotPositiveIsAUsageError(string scale)
    {
        var (code, _, error) = Run("train", "--data", CorpusFile(), "--out", "m.zip", "--feature-scale", scale);
        Assert.Equal(CliApp.UsageError, code);
        AssertOneLineError(error, "csbot: --feature-scale must be a positive number");
    }

    [Fact]
    public void NoArgumentsPrintsUsage()
    {
        var (code, _, error) = Run();
        Assert.Equal(CliApp.UsageError, code);
        Assert.StartsWith("usage: csbot train", error);
    }

    [Fact]
    public void TrainWritesAModelThatPredictCanUse()
    {
        var modelPath = _files.PathOf("models", "m.zip");
        var (code, output, _) = Run("train", "--data", CorpusFile(), "--out", modelPath, "--oos-label", "out_of_scope", "--min-df", "1", "--folds", "2");
        Assert.Equal(CliApp.Ok, code);
        Assert.StartsWith($"saved {modelPath}: version ", output);
        Assert.True(File.Exists(modelPath));

        (code, output, _) = Run("predict", "--model", modelPath, "--text", "这个多少钱呀");
        Assert.Equal(CliApp.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("product_price", json.RootElement.GetProperty("intent").GetString());
    }

    [Fact]
    public void EvaluateWithJsonPrintsExactlyOneObjectWithTheReportedFigures()
    {
        var train = CorpusFile();
        var test = _files.Write("test.tsv", "text\tintent\n这个卖多少钱\tproduct_price\n快递到哪了呀\tlogistics_tracking\n明天会下雨吗\tout_of_scope\n");
        var (code, output, _) = Run("evaluate", "--train", train, "--test", test, "--oos-label", "out_of_scope", "--min-df", "1", "--json");
        Assert.Equal(CliApp.Ok, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var name in new[] { "inScopeAccuracy", "outOfScopeRecall", "macroF1", "threshold", "trainSeconds", "predictionsPerSecond", "intents", "trainExamples", "testExamples" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }

        Assert.Equal(6, root.GetProperty("intents").GetInt32());
        Assert.Equal(SmallCorpus.Intents.Count, root.GetProperty("trainExamples").GetInt32());
        Assert.Equal(3, root.GetProperty("testExamples").GetInt32());
    }

    [Fact]
    public void EvaluateWithValidationReportsThresholdsFromValidationAndOtherOperatingPoints()
    {
        var train = CorpusFile();
        var validation = _files.Write("validation.tsv", "text\tintent\n多少钱呀\tproduct_price\n物流到哪了\tlogistics_tracking\n写首诗吧\tout_of_scope\n");
        var test = _files.Write("test.tsv", "text\tintent\n这个卖多少钱\tproduct_price\n明天会下雨吗\tout_of_scope\n");
        var (code, output, _) = Run("evaluate", "--train", train, "--validation", validation, "--test", test, "--oos-label", "out_of_scope", "--min-df", "1", "--json");
        Assert.Equal(CliApp.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("validation", json.RootElement.GetProperty("thresholdsChosenOn").GetString());
        Assert.Equal(7, json.RootElement.GetProperty("operatingPoints").GetArrayLength());
    }
}
