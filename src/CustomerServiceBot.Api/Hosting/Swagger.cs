using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerServiceBot.Api.Shops;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CustomerServiceBot.Api.Hosting;

internal static class Swagger
{
    private const string ApiKeyScheme = "ApiKey";
    private const string BearerScheme = "Bearer";

    public static IHostApplicationBuilder AddSwagger(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CustomerServiceBot",
                Version = "v1",
                Description = "Multi-shop customer-service bot for e-commerce. Admin routes live under /api/v1/shops/{shopId} " +
                    "and take that shop's API key (or the operator key); platform webhooks are verified by signature.",
            });
            options.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "A shop's admin API key (csk_...) or the operator key.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The same key as 'Authorization: Bearer <key>'.",
            });
            options.OperationFilter<AuthorizationOperationFilter>();
            options.OperationFilter<RequestExampleOperationFilter>();
            options.CustomSchemaIds(type => type.FullName!.Replace("CustomerServiceBot.Api.", "", StringComparison.Ordinal).Replace('+', '.'));
        });
        return builder;
    }

    // Both middlewares match every request's path against their templates; only /swagger paths reach them.
    public static WebApplication UseSwaggerDocs(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger =>
        {
            swagger.UseSwagger();
            swagger.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint("/swagger/v1/swagger.json", "CustomerServiceBot v1");
                options.DocumentTitle = "CustomerServiceBot API";
            });
        });
        return app;
    }

    // An example request body shown (and pre-filled) in Swagger UI.
    public static TBuilder WithRequestExample<TBuilder, TRequest>(this TBuilder builder, TRequest example)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequestExample(JsonSerializer.SerializeToNode(example, JsonSerializerOptions.Web)!));
        return builder;
    }

    private sealed record RequestExample(JsonNode Body);

    private sealed class AuthorizationOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing or invalid API key" });
            operation.Responses.TryAdd("404", new OpenApiResponse { Description = "Unknown shop, or a shop this key does not belong to" });
            operation.Responses.TryAdd("429", new OpenApiResponse { Description = "The shop's rate limit is reached (see Retry-After)" });
        }
    }

    private sealed class RequestExampleOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var example = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().LastOrDefault();
            if (example is null || operation.RequestBody?.Content is null)
            {
                return;
            }

            foreach (var media in operation.RequestBody.Content.Values.OfType<OpenApiMediaType>())
            {
                media.Example = example.Body.DeepClone();
            }
        }
    }
}
