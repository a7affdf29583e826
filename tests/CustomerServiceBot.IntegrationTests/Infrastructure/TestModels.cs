using CustomerServiceBot.Api.Understanding;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

// The base models are trained once per test run into a shared cache that every test application
// loads from, exactly as a restarted service loads its cached models.
internal static class TestModels
{
    // One cache per checkout, so test runs of two checkouts on one machine keep their own models.
    public static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "csbot-tests",
        "models-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..12]);

    private static readonly Lazy<Task> Trained = new(TrainAsync);

    public static Task EnsureTrainedAsync() => Trained.Value;

    private static async Task TrainAsync()
    {
        var options = Options.Create(new NluOptions { ModelCache = CacheDirectory });
        var environment = new HostingEnvironment { ContentRootPath = CacheDirectory };
        await new NluModels(options, environment, NullLogger<NluModels>.Instance).LoadBaseModelsAsync(CancellationToken.None);
    }
}
