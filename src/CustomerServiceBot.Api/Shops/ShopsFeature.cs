using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace CustomerServiceBot.Api.Shops;

internal static class ShopsFeature
{
    public static IHostApplicationBuilder AddShops(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>()
            .BindConfiguration(AccessOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DemoShopOptions>()
            .BindConfiguration(DemoShopOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<DemoShopSeeder>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyValidator>();
        builder.Services.AddSingleton<ShopSettingsCache>();
        builder.Services.AddAuthentication(ShopClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ShopClaims.Scheme, null);
        builder.Services.AddScoped<IAuthorizationHandler, ShopAccessHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ShopAccessResultHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ShopClaims.OperatorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(ShopClaims.OperatorRole))
            .AddPolicy(ShopClaims.ShopAccessPolicy, policy => policy.RequireAuthenticatedUser().AddRequirements(new ShopAccessRequirement()));
        return builder;
    }

    public static IEndpointRouteBuilder MapShops(this IEndpointRouteBuilder routes)
    {
        routes.MapShopEndpoints();
        routes.MapAccessEndpoints();
        return routes;
    }
}
