using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace CustomerServiceBot.Api.Shops;

internal static class ShopsFeature
{
    private const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

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
        // An API key is looked up only for endpoints that authorize their caller: the policies name the scheme and
        // there is no default one, so the authentication middleware authenticates nothing by itself. The rest (signed
        // webhooks, health, Swagger) never read the principal, and authenticating every buyer message made and ran a
        // handler for nothing. Without the switch ASP.NET Core makes the only registered scheme the default.
        AppContext.SetSwitch(SuppressAutoDefaultScheme, true);
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ShopClaims.Scheme, null);
        builder.Services.AddScoped<IAuthorizationHandler, ShopAccessHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ShopAccessResultHandler>();
        // Every policy starts from this one, so each authenticates with the API key.
        var keyHolder = new AuthorizationPolicyBuilder(ShopClaims.Scheme).RequireAuthenticatedUser().Build();
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(keyHolder)
            .AddPolicy(ShopClaims.OperatorPolicy, policy => policy.Combine(keyHolder).RequireRole(ShopClaims.OperatorRole))
            .AddPolicy(ShopClaims.ShopAccessPolicy, policy => policy.Combine(keyHolder).AddRequirements(new ShopAccessRequirement()));
        return builder;
    }

    public static IEndpointRouteBuilder MapShops(this IEndpointRouteBuilder routes)
    {
        routes.MapShopEndpoints();
        routes.MapAccessEndpoints();
        return routes;
    }
}
