using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

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
        builder.Services.AddSingleton<RequestSizeLimitMiddleware>();
        // In-flight requests finish before the process exits on SIGTERM.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(limits.ShutdownTimeoutSeconds));
        return builder;
    }
}

// Kestrel enforces the body limit while reading; this answers a declared oversized body at once,
// before authentication or binding, with a ProblemDetails, on any server.
internal sealed class RequestSizeLimitMiddleware(IOptions<RequestLimitOptions> options, IProblemDetailsService problemDetails) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await problemDetails.WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"The request body is {context.Request.ContentLength} bytes; this endpoint accepts at most {limit}.");
            return;
        }

        await next(context);
    }
}

internal static class RequestSizeLimitMiddlewareExtensions
{
    public static WebApplication UseRequestSizeLimit(this WebApplication app)
    {
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        return app;
    }
}
