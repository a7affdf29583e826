using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CustomerServiceBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerServiceBot.IntegrationTests.Hosting;

public abstract class BadInputTests(ApiFactory factory)
{
    public enum Caller { Nobody, Operator, WrongKey }

    public static TheoryData<string, string, string, string?, Caller, HttpStatusCode> Cases => new()
    {
        { "malformed JSON", "POST", "/api/v1/shops", "{\"name\": ", Caller.Operator, HttpStatusCode.BadRequest },
        { "JSON array instead of an object", "POST", "/api/v1/shops", "[1,2]", Caller.Operator, HttpStatusCode.BadRequest },
        { "wrong type for a field", "POST", "/api/v1/shops", "{\"name\": 42}", Caller.Operator, HttpStatusCode.BadRequest },
        { "empty body", "POST", "/api/v1/shops", "", Caller.Operator, HttpStatusCode.BadRequest },
        { "missing required field", "POST", "/api/v1/shops", "{}", Caller.Operator, HttpStatusCode.BadRequest },
        { "invalid shop id", "POST", "/api/v1/shops", "{\"id\":\"Bad Id!\",\"name\":\"x\"}", Caller.Operator, HttpStatusCode.BadRequest },
        { "unknown time zone", "POST", "/api/v1/shops", "{\"name\":\"x\",\"timeZone\":\"Mars/Olympus\"}", Caller.Operator, HttpStatusCode.BadRequest },
        { "wrong content type", "POST", "/api/v1/shops", "name=x", Caller.Operator, HttpStatusCode.UnsupportedMediaType },
        { "oversized body", "POST", "/api/v1/shops", "{\"name\":\"" + new string('x', 70 * 1024) + "\"}", Caller.Operator, HttpStatusCode.RequestEntityTooLarge },
        { "unknown shop", "GET", "/api/v1/shops/no-such-shop", null, Caller.Operator, HttpStatusCode.NotFound },
        { "missing key", "POST", "/api/v1/shops", "{\"name\":\"x\"}", Caller.Nobody, HttpStatusCode.Unauthorized },
        { "wrong key", "POST", "/api/v1/shops", "{\"name\":\"x\"}", Caller.WrongKey, HttpStatusCode.Unauthorized },
        { "unknown platform", "PUT", "/api/v1/shops/{shop}/platform-accounts/myspace", "{\"externalId\":\"a\"}", Caller.Operator, HttpStatusCode.BadRequest },
        { "webhook secret for unknown platform", "POST", "/api/v1/shops/{shop}/webhook-secrets", "{\"platform\":\"fax\"}", Caller.Operator, HttpStatusCode.BadRequest },
        { "short supplied secret", "POST", "/api/v1/shops/{shop}/webhook-secrets", "{\"platform\":\"shopify\",\"secret\":\"short\"}", Caller.Operator, HttpStatusCode.BadRequest },
        { "key without a name", "POST", "/api/v1/shops/{shop}/api-keys", "{\"name\":\"\"}", Caller.Operator, HttpStatusCode.BadRequest },
        { "revoking a key that does not exist", "DELETE", "/api/v1/shops/{shop}/api-keys/6f1c1a55-2b7e-4d7a-9b1e-0d9a3c1f2e4b", null, Caller.Operator, HttpStatusCode.NotFound },
    };

    [DbTheory]
    [MemberData(nameof(Cases))]
    public async Task BadRequestIsA4xxProblemAndWritesNothing(string name, string method, string url, string? body, Caller caller, HttpStatusCode expected)
    {
        var shop = await factory.CreateShopAsync();
        var before = await CountRowsAsync();
        using var client = caller switch
        {
            Caller.Operator => factory.CreateOperatorClient(),
            Caller.WrongKey => factory.CreateClient("csk_not-a-real-key-0123456789abcdef"),
            _ => factory.CreateClient(),
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{shop}", shop.Id, StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(name == "wrong content type" ? "application/x-www-form-urlencoded" : "application/json");
        }

        var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(expected);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), name);
        Assert.Equal(before, await CountRowsAsync());
    }

    [DbFact]
    public async Task ErrorsCarryNoStackTrace()
    {
        using var client = factory.CreateOperatorClient();
        using var content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");

        var text = await (await client.PostAsync("/api/v1/shops", content)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
    }

    private Task<(int, int, int, int)> CountRowsAsync() =>
        factory.WithDbAsync(async db => (
            await db.Shops.CountAsync(),
            await db.ApiKeys.CountAsync(),
            await db.WebhookSecrets.CountAsync(),
            await db.PlatformAccounts.CountAsync()));
}

public sealed class BadInputSqliteTests(SqliteApiFactory factory) : BadInputTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class BadInputPostgreSqlTests(PostgreSqlApiFactory factory)
    : BadInputTests(factory), IClassFixture<PostgreSqlApiFactory>, IPostgreSqlTests;
