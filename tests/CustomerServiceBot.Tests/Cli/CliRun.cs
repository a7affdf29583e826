using CustomerServiceBot.Cli;

namespace CustomerServiceBot.Tests.Cli;

internal static class CliRun
{
    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    // The first line is the message, and no stack trace follows anywhere.
    public static void AssertOneLineError(string error, string expected)
    {
        Assert.Equal(expected, error.Split('\n')[0]);
        Assert.DoesNotContain("   at ", error);
    }
}
