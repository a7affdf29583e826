using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerServiceBot.IntegrationTests.Infrastructure;

public sealed record ChatwootCall(string Path, string? Token, string? IdempotencyKey, JsonElement Body, int AnsweredWith);

// A stand-in for a Chatwoot server on loopback: records every call and answers with the status
// the test scripts (200 unless told otherwise). Calls repeating an idempotency key that was already
// answered 2xx are recorded as repeats, the way a platform that honours the key would drop them.
public sealed class FakeChatwoot : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _scripted = new();
    private readonly ConcurrentQueue<ChatwootCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _delivered = new(StringComparer.Ordinal);

    private FakeChatwoot(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    // Answered after the scripted statuses run out.
    public int DefaultStatus { get; set; } = 200;

    public IReadOnlyList<ChatwootCall> Calls => [.. _calls];

    // Deliveries the platform accepted, one per idempotency key.
    public IReadOnlyList<ChatwootCall> Accepted =>
        [.. _calls.Where(c => c.AnsweredWith is >= 200 and < 300).GroupBy(c => c.IdempotencyKey).Select(g => g.First())];

    public int Repeats => _delivered.Values.Sum(count => count - 1);

    public static async Task<FakeChatwoot> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeChatwoot(app);
        app.MapPost("/api/v1/accounts/{account}/conversations/{conversation}/{action}", (Func<HttpContext, Task<IResult>>)fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public void Script(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _scripted.Enqueue(status);
        }
    }

    public async Task<IReadOnlyList<ChatwootCall>> WaitForAcceptedAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var accepted = Accepted;
            if (accepted.Count >= count)
            {
                return accepted;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Expected {count} accepted calls, got {Accepted.Count}; all calls: {string.Join("; ", Calls.Select(c => $"{c.Path} {c.AnsweredWith}"))}");
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
        var status = _scripted.TryDequeue(out var scripted) ? scripted : DefaultStatus;
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (status is >= 200 and < 300)
        {
            _delivered.AddOrUpdate(key, 1, (_, count) => count + 1);
        }

        _calls.Enqueue(new ChatwootCall(context.Request.Path, context.Request.Headers["api_access_token"].ToString(), key, body, status));
        return status is >= 200 and < 300
            ? Results.Json(new { id = Random.Shared.Next(), content = body.TryGetProperty("content", out var content) ? content.ToString() : null }, statusCode: status)
            : Results.Json(new { error = "scripted failure" }, statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
