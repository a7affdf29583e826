using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace CustomerServiceBot.Api.Hosting;

internal static class Logging
{
    // Readable lines for a developer's terminal, one JSON object per event for log collectors.
    // "Logging:Format" (text|json) overrides the choice made from the environment. The JSON lines are
    // written in batches (BatchedStreamSink), at most BufferingTimeLimit after the event; the text
    // lines at once, for a developer watching.
    public static IHostApplicationBuilder AddLogging(this IHostApplicationBuilder builder)
    {
        var format = builder.Configuration["Logging:Format"] ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
                .Enrich.FromLogContext();
            if (format.Equals("json", StringComparison.OrdinalIgnoreCase))
            {
                logger.WriteTo.Sink(
                    new BatchedStreamSink(new CompactJsonFormatter(), Console.OpenStandardOutput()),
                    // A full queue (standard output stalled) drops new events rather than stalling requests.
                    new BatchingOptions { BufferingTimeLimit = TimeSpan.FromMilliseconds(200), BatchSizeLimit = 1000, QueueLimit = 100_000 });
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }
        });
        CategoryLoggerCache.Wrap(builder.Services);
        return builder;
    }

    // One line per request with its elapsed time. Only the path is logged: query strings and
    // headers can carry keys and signatures.
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetMessageTemplateProperties = (http, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(LoggedPath(http, path))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            options.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
        return app;
    }

    // A buyer's id in a route (their profile, their erasure) is personal data: such a request is
    // logged by its route, with the shop filled in.
    private static string LoggedPath(HttpContext http, string path) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern } && pattern.Parameters.Any(p => p.Name == "buyerId")
            ? (pattern.RawText ?? path).Replace("{shopId}", http.GetRouteValue("shopId")?.ToString(), StringComparison.Ordinal)
            : path;
}
