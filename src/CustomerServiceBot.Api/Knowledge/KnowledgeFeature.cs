using CustomerServiceBot.Api.Knowledge.Answers;
using CustomerServiceBot.Api.Knowledge.Catalog;
using CustomerServiceBot.Api.Knowledge.View;

namespace CustomerServiceBot.Api.Knowledge;

internal static class KnowledgeFeature
{
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogImporter>();
        builder.Services.AddScoped<KnowledgeWriter>();
        builder.Services.AddSingleton<ShopKnowledgeCache>();
        builder.Services.AddSingleton<AnswerService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapKnowledge(this IEndpointRouteBuilder routes)
    {
        routes.MapKnowledgeEndpoints()
            .MapCatalogEndpoints()
            .MapAnswerEndpoints();
        return routes;
    }
}
