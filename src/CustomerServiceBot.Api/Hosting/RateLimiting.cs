using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CustomerServiceBot.Api.Hosting;

internal sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    [Range(1, 100_000)] public int AdminRequestsPerSecond { get; set; } = 20;
    [Range(1, 100_000)] public int AdminBurst { get; set; } = 60;
    [Range(1, 1_000_000)] public int WebhookRequestsPerSecond { get; set; } = 2_000;
    [Range(1, 1_000_000)] public int WebhookBurst { get; set; } = 4_000;
}

// Token buckets per shop: one noisy shop cannot starve the others.
internal static class RateLimiting
{
    public const string AdminPolicy = "admin";
    public const string WebhookPolicy = "webhook";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(AdminPolicy, context => PerShopBucket(context, "admin", limits.AdminRequestsPerSecond, limits.AdminBurst));
            options.AddPolicy(WebhookPolicy, context => PerShopBucket(context, "webhook", limits.WebhookRequestsPerSecond, limits.WebhookBurst));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteProblemAsync(
                    http, StatusCodes.Status429TooManyRequests, $"The shop's request rate limit is reached; retry after {retryAfter} s.");
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> PerShopBucket(HttpContext context, string kind, int perSecond, int burst)
    {
        var shop = context.GetRouteValue("shopId") as string ?? "operator";
        return RateLimitPartition.GetTokenBucketLimiter($"{kind}:{shop}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
