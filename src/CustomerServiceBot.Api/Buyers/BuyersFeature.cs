namespace CustomerServiceBot.Api.Buyers;

internal static class BuyersFeature
{
    public static IHostApplicationBuilder AddBuyers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BuyerOptions>()
            .BindConfiguration(BuyerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<BuyerProfiles>();
        builder.Services.AddScoped<BuyerErasure>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBuyers(this IEndpointRouteBuilder routes)
    {
        routes.MapBuyerEndpoints();
        return routes;
    }
}
