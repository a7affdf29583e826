using System.Collections.Concurrent;
using System.Text.Json;
using CustomerServiceBot.Api.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

public sealed record PushedCall(string WebhookId, bool SignatureValid, JsonElement Body, int AnsweredWith, DateTime ReceivedAt);

// A shop's own endpoint for pushed messages (the generic platform) on loopback: checks the Standard
// Webhooks signature with the secret the shop gave the bot, records every call and answers with the
// scripted status (200 unless told otherwise).
public sealed class FakePushEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _secret;
    private readonly ConcurrentQueue<int> _scripted = new();
    private readonly ConcurrentQueue<PushedCall> _calls = new();

    private FakePushEndpoint(WebApplication app, string secret)
    {
        _app = app;
        _secret = secret;
    }

    public string Url { get; private set; } = "";

    public int DefaultStatus { get; set; } = 200;

    // When a call arrives, by the application's clock (a test's fake clock).
    public Func<DateTime> Clock { get; set; } = () => DateTime.UtcNow;

    public IReadOnlyList<PushedCall> Calls => [.. _calls];

    public IReadOnlyList<PushedCall> Accepted => [.. _calls.Where(c => c.AnsweredWith is >= 200 and < 300)];

    public static async Task<FakePushEndpoint> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakePushEndpoint(app, secret);
        app.MapPost("/push", (Func<HttpContext, Task<IResult>>)fake.HandleAsync);
        await app.StartAsync();
        fake.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/push";
        return fake;
    }

    public void Script(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _scripted.Enqueue(status);
        }
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var id = context.Request.Headers["webhook-id"].ToString();
        var valid = WebhookSignatures.VerifyStandard(id, context.Request.Headers["webhook-timestamp"].ToString(),
            context.Request.Headers["webhook-signature"].ToString(), body, [_secret]);
        var status = _scripted.TryDequeue(out var scripted) ? scripted : DefaultStatus;
        _calls.Enqueue(new PushedCall(id, valid, JsonSerializer.Deserialize<JsonElement>(body), status, Clock()));
        return Results.Json(new { ok = status < 300 }, statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
