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

    // An API key is looked up only for endpoints that authorize their caller. The rest (signed webhooks,
    // health, Swagger) never read the principal, and authenticating every buyer message made a handler for
    // nothing.
    public static IApplicationBuilder UseApiKeyAuthentication(this IApplicationBuilder app) =>
        app.UseWhen(context => context.GetEndpoint()?.Metadata is { } metadata
                && (metadata.GetMetadata<IAuthorizeData>() is not null || metadata.GetMetadata<AuthorizationPolicy>() is not null),
            authorized => authorized.UseAuthentication());

    public static IEndpointRouteBuilder MapShops(this IEndpointRouteBuilder routes)
    {
        routes.MapShopEndpoints();
        routes.MapAccessEndpoints();
        return routes;
    }
}
