using BenchmarkDotNet.Running;

namespace CustomerServiceBot.Benchmarks;

internal static class BenchmarkProgram
{
    private static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
