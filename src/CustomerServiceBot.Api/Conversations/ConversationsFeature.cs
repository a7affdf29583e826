using CustomerServiceBot.Api.Webhooks;

namespace CustomerServiceBot.Api.Conversations;

internal static class ConversationsFeature
{
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConversationOptions>()
            .BindConfiguration(ConversationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IWebhookAdapter, GenericAdapter>();
        builder.Services.AddSingleton<IWebhookAdapter, ChatwootAdapter>();
        builder.Services.AddSingleton<WebhookSecretCache>();
        builder.Services.AddSingleton<ConversationLocks>();
        builder.Services.AddSingleton<DialoguePolicy>();
        builder.Services.AddSingleton<MessageMetrics>();
        builder.Services.AddSingleton<MessageTransaction>();
        builder.Services.AddSingleton<MessageBatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MessageBatcher>());
        builder.Services.AddSingleton<MessagePipeline>();
        return builder;
    }

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder routes)
    {
        routes.MapWebhookEndpoints();
        routes.MapPlaygroundEndpoints();
        routes.MapAgentEndpoints();
        return routes;
    }
}
