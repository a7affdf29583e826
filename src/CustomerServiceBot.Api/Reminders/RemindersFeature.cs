using CustomerServiceBot.Api.Outbound;

namespace CustomerServiceBot.Api.Reminders;

internal static class RemindersFeature
{
    public static IHostApplicationBuilder AddReminders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReminderOptions>()
            .BindConfiguration(ReminderOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IOrderEventAdapter, GenericOrderAdapter>();
        builder.Services.AddSingleton<IOrderEventAdapter, ShopifyOrderAdapter>();
        builder.Services.AddSingleton<IOutboxSendCheck, ReminderSendCheck>();
        builder.Services.AddScoped<OrderEventProcessor>();
        builder.Services.AddSingleton<ChatNudge>();
        builder.Services.AddScoped<ReminderReports>();
        builder.Services.AddSingleton<ReminderSignal>();
        builder.Services.AddSingleton<ReminderScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReminderScheduler>());
        return builder;
    }

    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder routes)
    {
        routes.MapOrderWebhookEndpoints();
        routes.MapReminderEndpoints();
        return routes;
    }
}
