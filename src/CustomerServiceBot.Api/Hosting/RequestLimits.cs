using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CustomerServiceBot.Api.Hosting;

internal sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    // The default for every endpoint; catalog imports raise it on their own routes.
    [Range(1024, 1024 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 64 * 1024;

    [Range(1, 600)]
    public int ShutdownTimeoutSeconds { get; set; } = 30;
}

internal static class RequestLimits
{
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitOptions>()
            .BindConfiguration(RequestLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var limits = builder.Configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        // In-flight requests finish before the process exits on SIGTERM.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(limits.ShutdownTimeoutSeconds));
        return builder;
    }
}
