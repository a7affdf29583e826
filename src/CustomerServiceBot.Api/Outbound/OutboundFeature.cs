namespace CustomerServiceBot.Api.Outbound;

internal static class OutboundFeature
{
    public static IHostApplicationBuilder AddOutbound(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboundOptions>()
            .BindConfiguration(OutboundOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient(ChatwootClient.HttpClientName, http =>
        {
            http.DefaultRequestHeaders.UserAgent.ParseAdd("CustomerServiceBot/1.0");
            // The dispatcher applies its own per-call timeout; this is only the outer bound.
            http.Timeout = TimeSpan.FromMinutes(2);
        });
        builder.Services.AddHttpClient(GenericPushClient.HttpClientName, http =>
        {
            http.DefaultRequestHeaders.UserAgent.ParseAdd("CustomerServiceBot/1.0");
            http.Timeout = TimeSpan.FromMinutes(2);
        });
        builder.Services.AddSingleton<IPlatformClient, ChatwootClient>();
        builder.Services.AddSingleton<IPlatformClient, GenericPushClient>();
        builder.Services.AddSingleton<OutboundSignal>();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<OutboundDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboundDispatcher>());
        return builder;
    }

    public static IEndpointRouteBuilder MapOutbound(this IEndpointRouteBuilder routes)
    {
        routes.MapOutboxEndpoints();
        return routes;
    }
}
