using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

// The application's own route table, so a test over "every admin route" covers routes added later.
public static class ApiRoutes
{
    public static IEnumerable<(string Method, string Template)> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + endpoint.RoutePattern.RawText!.Trim('/'))))
            .Distinct();

    public static IEnumerable<(string Method, string Template)> ShopRoutes(IServiceProvider services) =>
        All(services).Where(route => route.Template.StartsWith("/api/v1/shops/{shopId}", StringComparison.Ordinal));

    // Fills {shopId} and gives other parameters a value of the right shape.
    public static string Fill(string template, string shopId) =>
        System.Text.RegularExpressions.Regex.Replace(template, "{([^}:]+)(:[^}]+)?}", match => match.Groups[1].Value switch
        {
            "shopId" => shopId,
            _ when match.Groups[2].Value.Contains("guid") => Guid.NewGuid().ToString(),
            _ when match.Groups[2].Value.Contains("long") || match.Groups[2].Value.Contains("int") => "1",
            "platform" => "generic",
            _ => "x1",
        });
}
