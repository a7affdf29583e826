using BenchmarkDotNet.Running;
using CustomerServiceBot.Benchmarks.Knowledge;

namespace CustomerServiceBot.Benchmarks;

internal static class BenchmarkProgram
{
    private static async Task Main(string[] args)
    {
        switch (args)
        {
            case ["knowledge-memory"]:
                KnowledgeLoadMeasurement.Memory();
                break;
            case ["knowledge-load", var connectionString]:
                await KnowledgeLoadMeasurement.LoadAsync(connectionString);
                break;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                break;
        }
    }
}
