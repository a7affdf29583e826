using CustomerServiceBot.Api.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerServiceBot.Api.Understanding;

internal static class UnderstandingFeature
{
    public static IHostApplicationBuilder AddUnderstanding(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NluOptions>()
            .BindConfiguration(NluOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<NluModels>();
        builder.Services.AddSingleton<BuyerMessageReader>();
        builder.Services.AddSingleton<ShopTimeZones>();
        builder.Services.AddSingleton<ShopModelTraining>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ShopModelTraining>());
        builder.Services.AddHealthChecks().AddCheck<ModelsHealthCheck>("models", tags: [Health.ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapUnderstanding(this IEndpointRouteBuilder routes)
    {
        routes.MapUnderstandingEndpoints();
        routes.MapTrainingExampleEndpoints();
        return routes;
    }
}

internal sealed class ModelsHealthCheck(NluModels models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(models.IsReady
            ? HealthCheckResult.Healthy($"intent model {models.Store.BaseIntents.Version}")
            : HealthCheckResult.Unhealthy("the language models are loading"));
}
