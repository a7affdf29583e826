namespace CustomerServiceBot.Api.Recommendations;

internal static class RecommendationsFeature
{
    public static IHostApplicationBuilder AddRecommendations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecommendationOptions>()
            .BindConfiguration(RecommendationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ShopRecommenders>();
        builder.Services.AddSingleton<ReplyRecommendations>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRecommendations(this IEndpointRouteBuilder routes)
    {
        routes.MapRecommendationEndpoints();
        return routes;
    }
}
