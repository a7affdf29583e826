using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

// A PostgreSQL cluster of one test's own, on 127.0.0.1 and a free port, that the test may stop and
// start. PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
public sealed class ThrowawayPostgreSql : IAsyncDisposable
{
    public const string BinVariable = "CSBOT_TEST_POSTGRES_BIN";

    public const string SkipReason =
        "Needs the PostgreSQL server binaries (initdb, pg_ctl) in " + BinVariable + " or /usr/lib/postgresql/*/bin; .ci/run installs them.";

    private readonly string _directory;
    private readonly string _bin;

    private ThrowawayPostgreSql(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=3;Command Timeout=10";

    public static string? BinDirectory =>
        Environment.GetEnvironmentVariable(BinVariable) is { Length: > 0 } configured && File.Exists(Path.Combine(configured, "pg_ctl"))
            ? configured
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending().FirstOrDefault()
                : null;

    public static async Task<ThrowawayPostgreSql> StartAsync()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException(SkipReason);
        var directory = Path.Combine("/tmp", "csbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var server = new ThrowawayPostgreSql(bin, directory, FreePort());
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }

        await server.AsPostgresAsync("initdb", "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await server.StartServerAsync();
        return server;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    public Task StartServerAsync() =>
        AsPostgresAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", $"-h 127.0.0.1 -p {Port} -k {_directory} -c max_connections=200", "start");

    // "fast": in-flight transactions are rolled back and clients disconnected, as in a failover.
    public Task StopServerAsync() => AsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await AsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsPostgresAsync(string tool, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
