using System.Net;
using System.Text.Json;
using CustomerServiceBot.IntegrationTests.Infrastructure;

namespace CustomerServiceBot.IntegrationTests.Hosting;

public abstract class HealthAndSwaggerTests(ApiFactory factory)
{
    [DbFact]
    public async Task LiveProbeAnswersWithoutAKey()
    {
        using var client = factory.CreateClient();

        var body = await (await client.GetAsync("/health/live")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [DbFact]
    public async Task ReadyProbeReportsTheDatabaseAndTheModels()
    {
        using var client = factory.CreateClient();
        await factory.WaitUntilReadyAsync();

        var body = await (await client.GetAsync("/health/ready")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("models").GetProperty("status").GetString());
        Assert.StartsWith("intent model", body.GetProperty("checks").GetProperty("models").GetProperty("description").GetString());
    }

    [DbFact]
    public async Task SwaggerDocumentListsEveryRouteWithASummary()
    {
        using var client = factory.CreateClient();

        var document = await (await client.GetAsync("/swagger/v1/swagger.json")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        foreach (var (method, template) in ApiRoutes.All(factory.Services).Where(r => r.Template.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var path = System.Text.RegularExpressions.Regex.Replace(template, "{([^}:]+)(:[^}]+)?}", "{$1}");
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the Swagger document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is missing");
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null),
                $"{method} {path} has no summary");
        }
    }

    [DbFact]
    public async Task SwaggerDeclaresTheApiKeySchemesAndExamples()
    {
        using var client = factory.CreateClient();

        var document = await (await client.GetAsync("/swagger/v1/swagger.json")).AssertJsonAsync<JsonElement>(HttpStatusCode.OK);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var createShop = document.GetProperty("paths").GetProperty("/api/v1/shops").GetProperty("post");

        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.True(createShop.GetProperty("security").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Object,
            createShop.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").ValueKind);
    }

    [DbFact]
    public async Task SwaggerUiIsServed()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/swagger/index.html");

        Assert.Contains("swagger-ui", html);
    }
}

public sealed class HealthAndSwaggerSqliteTests(SqliteApiFactory factory) : HealthAndSwaggerTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class HealthAndSwaggerPostgreSqlTests(PostgreSqlApiFactory factory)
    : HealthAndSwaggerTests(factory), IClassFixture<PostgreSqlApiFactory>, IPostgreSqlTests;
